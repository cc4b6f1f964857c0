import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { adminJobOwnerRoute } from './admin-job-owner.js'
import { adminLegacyJobsRoute } from './admin-legacy-jobs.js'
import { adminUserJobsRoute } from './admin-user-jobs.js'
import type { QueryRouteOptions } from './options.js'

/** The operators' routes; to anyone else each answers like a path that does not exist. */
export const adminRoutes: FastifyPluginAsyncZod<QueryRouteOptions> = async (app, options) => {
  await app.register(adminUserJobsRoute, options)
  await app.register(adminLegacyJobsRoute, options)
  await app.register(adminJobOwnerRoute, options)
}
