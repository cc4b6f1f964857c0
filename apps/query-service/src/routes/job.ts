import { ErrorResponseSchema, JobIdParamsSchema, JobViewSchema, canReadJob } from '@proov/domain'
import { toJobView } from '@proov/domain'
import { getJob } from '@proov/jobs-table'
import { notFound } from '@proov/service-kit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { QueryRouteOptions } from './options.js'

/** GET /jobs/{job_id}: one job; another user's job answers exactly like a missing one. */
export const jobRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (app, options) => {
  const { jobsTable, readRules } = options

  app.get(
    '/jobs/:job_id',
    {
      onRequest: app.authenticate,
      schema: {
        summary: 'One job',
        tags: ['jobs'],
        params: JobIdParamsSchema,
        response: {
          200: JobViewSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const job = await getJob(jobsTable, request.params.job_id)
      if (job === null || !canReadJob(job, request.principal, readRules)) throw notFound()

      return toJobView(job)
    },
  )
}
