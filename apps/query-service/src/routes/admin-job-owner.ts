import { AssignOwnerBodySchema, ErrorResponseSchema, JobIdParamsSchema } from '@proov/domain'
import { OperatorJobViewSchema, toOperatorJobView } from '@proov/domain'
import { JobsTableError, assignOwner } from '@proov/jobs-table'
import { notFound } from '@proov/service-kit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { onlyOperators } from './operators.js'
import type { QueryRouteOptions } from './options.js'

/** POST /admin/jobs/{job_id}/owner: gives a legacy (ownerless) job its owner, for operators. */
export const adminJobOwnerRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (
  app,
  options,
) => {
  const { jobsTable, readRules } = options

  app.post(
    '/admin/jobs/:job_id/owner',
    {
      onRequest: [app.authenticate, onlyOperators(readRules)],
      schema: {
        summary: 'Assign an owner to a legacy job (operators)',
        description:
          'Succeeds only while the job has no owner; a job that has one answers 409 ' +
          '`owner_already_set`. A job without a session or a creation time gets them, so that ' +
          'it appears in the owner’s lists.',
        tags: ['admin'],
        params: JobIdParamsSchema,
        body: AssignOwnerBodySchema,
        response: {
          200: OperatorJobViewSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { job_id: jobId } = request.params
      const { user_id: userId } = request.body

      // LIMITATION: the owner id is not looked up in the user pool; a mistyped sub owns the job
      const assigned = await assignOwner(jobsTable, { jobId, userId, now: Date.now() / 1000 })
      if (assigned.outcome === 'not_found') throw notFound()
      if (assigned.outcome !== 'assigned') {
        throw new JobsTableError('owner_already_set', 'The job already has an owner')
      }

      request.log.info(
        { job_id: jobId, owner: userId, operator: request.principal.user_id },
        'legacy job owner assigned',
      )
      return toOperatorJobView(assigned.job)
    },
  )
}
