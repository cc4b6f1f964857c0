import { ErrorResponseSchema, PageQuerySchema, SessionIdParamsSchema } from '@proov/domain'
import { SessionJobsResponseSchema, batchLabel, toJobView } from '@proov/domain'
import { notFound } from '@proov/service-kit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { cursorQuery } from '../cursors.js'
import { readSessionJobs } from '../session-jobs.js'
import type { QueryRouteOptions } from './options.js'

/** GET /session/{session_id}/jobs: the caller's jobs of one session, in upload order. */
export const sessionJobsRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (app, options) => {
  const { jobsTable, cursors } = options

  app.get(
    '/session/:session_id/jobs',
    {
      onRequest: app.authenticate,
      schema: {
        summary: 'The jobs of one of the caller’s sessions, in upload order',
        tags: ['sessions'],
        params: SessionIdParamsSchema,
        querystring: PageQuerySchema,
        response: {
          200: SessionJobsResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { session_id: sessionId } = request.params
      const { limit, cursor } = request.query
      const userId = request.principal.user_id
      const binding = {
        user_id: userId,
        query: cursorQuery('GET /session/jobs', { session_id: sessionId }),
      }
      const startKey = cursors.decode(cursor, binding)

      const page = await readSessionJobs(jobsTable, { sessionId, userId, limit, startKey })
      if (page === null) throw notFound()

      return {
        session_id: sessionId,
        batch_number: page.batchNumber,
        label: batchLabel(page.batchNumber),
        jobs: page.jobs.map(toJobView),
        next_cursor: cursors.encode(page.lastKey, binding),
      }
    },
  )
}
