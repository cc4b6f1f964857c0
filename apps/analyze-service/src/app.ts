import multipart from '@fastify/multipart'
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import { cognitoAuth } from '@proov/auth'
import type { CognitoAuthOptions } from '@proov/auth'
import { pingJobsTable } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { createService } from '@proov/service-kit'
import { analyzeRoutes } from './routes/analyze.js'
import type { LocalVideoStore } from './storage/local-store.js'

export interface AnalyzeServiceDeps {
  jobsTable: JobsTableContext
  store: LocalVideoStore
  auth: CognitoAuthOptions
  maxFileBytes: number
  maxFilesPerRequest: number
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger
}

export async function buildAnalyzeService(deps: AnalyzeServiceDeps) {
  const app = await createService({
    name: 'analyze-service',
    description: 'Creates analysis jobs from uploaded or stored videos.',
    logger: deps.logger,
    isReady: () => pingJobsTable(deps.jobsTable),
  })

  await app.register(cognitoAuth, deps.auth)
  await app.register(multipart, {
    limits: {
      files: deps.maxFilesPerRequest,
      fileSize: deps.maxFileBytes,
      fields: 10,
      fieldSize: 1024,
      parts: deps.maxFilesPerRequest + 10,
    },
  })
  await app.register(analyzeRoutes, { jobsTable: deps.jobsTable, store: deps.store })

  return app
}
