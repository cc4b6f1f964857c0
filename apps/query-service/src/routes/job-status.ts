import { JobStatusBodySchema, JobStatusResponseSchema, canReadJob } from '@proov/domain'
import { ErrorResponseSchema } from '@proov/domain'
import type { Caller, Job, ReadRules } from '@proov/domain'
import { getJobs } from '@proov/jobs-table'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import type { QueryRouteOptions } from './options.js'

type JobStatusEntry = z.infer<typeof JobStatusResponseSchema>['statuses'][number]

function statusEntryOf(
  jobId: string,
  job: Job | undefined,
  caller: Caller,
  rules: ReadRules,
): JobStatusEntry {
  if (job === undefined || !canReadJob(job, caller, rules)) {
    return { job_id: jobId, status: 'not_found', result: null, error: null }
  }
  return { job_id: jobId, status: job.status, result: job.result ?? null, error: job.error }
}

/** POST /job-status: the statuses of many jobs in one read, in the order asked. */
export const jobStatusRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (app, options) => {
  const { jobsTable, readRules } = options

  app.post(
    '/job-status',
    {
      onRequest: app.authenticate,
      schema: {
        summary: 'Statuses of several jobs',
        description: 'Ids that are unknown, malformed or not the caller’s answer `not_found`.',
        tags: ['jobs'],
        body: JobStatusBodySchema,
        response: {
          200: JobStatusResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const jobIds = request.body.job_ids
      const found = await getJobs(jobsTable, jobIds)

      const statuses = jobIds.map((jobId) =>
        statusEntryOf(jobId, found.get(jobId), request.principal, readRules),
      )
      return { success: true as const, statuses }
    },
  )
}
