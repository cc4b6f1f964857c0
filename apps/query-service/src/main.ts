import { authOptionsFromEnv } from '@proov/auth'
import { createJobsTableContext, jobsTableSettingsFromEnv } from '@proov/jobs-table'
import { buildQueryService } from './app.js'
import { queryServiceSettingsFromEnv } from './config.js'

const settings = queryServiceSettingsFromEnv(process.env)
const jobsTable = createJobsTableContext(jobsTableSettingsFromEnv(process.env))
const app = await buildQueryService({
  jobsTable,
  auth: authOptionsFromEnv(process.env),
  cursorSecret: settings.cursorSecret,
  readRules: settings.readRules,
})
app.addHook('onClose', async () => jobsTable.client.destroy())

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down')
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}

await app.listen({ host: settings.host, port: settings.port })
