import { ErrorResponseSchema, PageQuerySchema, UserIdParamsSchema } from '@proov/domain'
import { UserJobsResponseSchema, toOperatorJobView } from '@proov/domain'
import { listJobsByOwner } from '@proov/jobs-table'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { cursorQuery } from '../cursors.js'
import { onlyOperators } from './operators.js'
import type { QueryRouteOptions } from './options.js'

/** GET /admin/users/{user_id}/jobs: any user's jobs, newest first, for operators. */
export const adminUserJobsRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (
  app,
  options,
) => {
  const { jobsTable, cursors, readRules } = options

  app.get(
    '/admin/users/:user_id/jobs',
    {
      onRequest: [app.authenticate, onlyOperators(readRules)],
      schema: {
        summary: 'A user’s jobs, newest first (operators)',
        tags: ['admin'],
        params: UserIdParamsSchema,
        querystring: PageQuerySchema,
        response: {
          200: UserJobsResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { user_id: userId } = request.params
      const { limit, cursor } = request.query
      const binding = {
        user_id: request.principal.user_id,
        query: cursorQuery('GET /admin/users/jobs', { user_id: userId }),
      }
      const startKey = cursors.decode(cursor, binding)

      const page = await listJobsByOwner(jobsTable, { userId, limit, startKey })

      return {
        user_id: userId,
        jobs: page.jobs.map(toOperatorJobView),
        next_cursor: cursors.encode(page.lastKey, binding),
      }
    },
  )
}
