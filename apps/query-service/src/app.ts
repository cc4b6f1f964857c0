import { cognitoAuth } from '@proov/auth'
import type { CognitoAuthOptions } from '@proov/auth'
import type { ReadRules } from '@proov/domain'
import { pingJobsTable } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { createService, rateLimitSettingsFromEnv, rateLimits } from '@proov/service-kit'
import type { RateLimitSettings, ServiceOptions } from '@proov/service-kit'
import { createCursors } from './cursors.js'
import { adminRoutes } from './routes/admin.js'
import { jobStatusRoute } from './routes/job-status.js'
import { jobRoute } from './routes/job.js'
import { myJobsRoute } from './routes/my-jobs.js'
import { mySessionsRoute } from './routes/my-sessions.js'
import type { QueryRouteOptions } from './routes/options.js'
import { sessionJobsRoute } from './routes/session-jobs.js'

export interface QueryServiceDeps {
  jobsTable: JobsTableContext
  auth: CognitoAuthOptions
  /** Signs list cursors; every instance of the service must share it. */
  cursorSecret: string
  readRules: ReadRules
  logger?: ServiceOptions['logger']
  /** Per-user request limits; from the RATE_LIMIT_* variables when absent. */
  rateLimits?: RateLimitSettings
}

/** The read side: job status, one job, my jobs, my sessions, a session's jobs. */
export async function buildQueryService(deps: QueryServiceDeps) {
  const app = await createService({
    name: 'query-service',
    description: 'Reads of jobs and sessions, each limited to the caller’s own',
    logger: deps.logger,
    isReady: () => pingJobsTable(deps.jobsTable),
  })
  await app.register(cognitoAuth, deps.auth)
  const limits = deps.rateLimits ?? rateLimitSettingsFromEnv(process.env)
  await app.register(rateLimits, { max: limits.perMinute })

  const routeOptions: QueryRouteOptions = {
    jobsTable: deps.jobsTable,
    cursors: createCursors(deps.cursorSecret),
    readRules: deps.readRules,
  }
  await app.register(jobStatusRoute, routeOptions)
  await app.register(jobRoute, routeOptions)
  await app.register(myJobsRoute, routeOptions)
  await app.register(mySessionsRoute, routeOptions)
  await app.register(sessionJobsRoute, routeOptions)
  await app.register(adminRoutes, routeOptions)

  return app
}

export type QueryService = Awaited<ReturnType<typeof buildQueryService>>
