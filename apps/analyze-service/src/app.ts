import multipart from '@fastify/multipart'
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import { cognitoAuth } from '@proov/auth'
import type { CognitoAuthOptions } from '@proov/auth'
import { pingJobsTable } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { createService, rateLimitSettingsFromEnv, rateLimits } from '@proov/service-kit'
import type { RateLimitSettings } from '@proov/service-kit'
import { analyzeRoutes } from './routes/analyze.js'
import type { LocalVideoStore } from './storage/local-store.js'

export interface AnalyzeServiceDeps {
  jobsTable: JobsTableContext
  store: LocalVideoStore
  auth: CognitoAuthOptions
  maxFileBytes: number
  maxFilesPerRequest: number
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger
  /** Per-user request limits; from the RATE_LIMIT_* variables when absent. */
  rateLimits?: RateLimitSettings
}

export async function buildAnalyzeService(deps: AnalyzeServiceDeps) {
  const app = await createService({
    name: 'analyze-service',
    description: 'Creates analysis jobs from uploaded or stored videos.',
    logger: deps.logger,
    isReady: () => pingJobsTable(deps.jobsTable),
  })

  await app.register(cognitoAuth, deps.auth)
  const limits = deps.rateLimits ?? rateLimitSettingsFromEnv(process.env)
  await app.register(rateLimits, {
    max: limits.perMinute,
    routes: { 'POST /analyze': limits.analyzePerMinute },
  })
  await app.register(multipart, {
    limits: {
      files: deps.maxFilesPerRequest,
      fileSize: deps.maxFileBytes,
      fields: 10,
      fieldSize: 1024,
      parts: deps.maxFilesPerRequest + 10,
    },
  })
  await app.register(analyzeRoutes, {
    jobsTable: deps.jobsTable,
    store: deps.store,
    maxVideosPerRequest: deps.maxFilesPerRequest,
  })

  return app
}
