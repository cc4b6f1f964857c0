import { ErrorResponseSchema, LegacyJobsResponseSchema, PageQuerySchema } from '@proov/domain'
import { toOperatorJobView } from '@proov/domain'
import { listLegacyJobs } from '@proov/jobs-table'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { cursorQuery } from '../cursors.js'
import { onlyOperators } from './operators.js'
import type { QueryRouteOptions } from './options.js'

/** GET /admin/legacy-jobs: the old system's ownerless jobs, newest first, for operators. */
export const adminLegacyJobsRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (
  app,
  options,
) => {
  const { jobsTable, cursors, readRules } = options

  app.get(
    '/admin/legacy-jobs',
    {
      onRequest: [app.authenticate, onlyOperators(readRules)],
      schema: {
        summary: 'Jobs of the old system without an owner, newest first (operators)',
        description: 'Read from a sparse index that `pnpm migrate` fills; never a scan.',
        tags: ['admin'],
        querystring: PageQuerySchema,
        response: {
          200: LegacyJobsResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query
      const binding = {
        user_id: request.principal.user_id,
        query: cursorQuery('GET /admin/legacy-jobs'),
      }
      const startKey = cursors.decode(cursor, binding)

      const page = await listLegacyJobs(jobsTable, { limit, startKey })

      return {
        jobs: page.jobs.map(toOperatorJobView),
        next_cursor: cursors.encode(page.lastKey, binding),
      }
    },
  )
}
