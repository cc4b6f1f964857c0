import {
  ErrorResponseSchema,
  MyJobsQuerySchema,
  MyJobsResponseSchema,
  toJobView,
} from '@proov/domain'
import { listJobsByOwner } from '@proov/jobs-table'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { cursorQuery } from '../cursors.js'
import type { QueryRouteOptions } from './options.js'

/** GET /my-jobs: the caller's jobs, newest first, optionally of one status. */
export const myJobsRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (app, options) => {
  const { jobsTable, cursors } = options

  app.get(
    '/my-jobs',
    {
      onRequest: app.authenticate,
      schema: {
        summary: 'The caller’s jobs, newest first',
        tags: ['jobs'],
        querystring: MyJobsQuerySchema,
        response: {
          200: MyJobsResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query
      const { user_id: userId, email } = request.principal
      const binding = { user_id: userId, query: cursorQuery('GET /my-jobs', { status }) }
      const startKey = cursors.decode(cursor, binding)

      const page = await listJobsByOwner(jobsTable, { userId, limit, startKey, status })

      return {
        jobs: page.jobs.map(toJobView),
        next_cursor: cursors.encode(page.lastKey, binding),
        user_email: email,
      }
    },
  )
}
