import { createJobsTableContext } from '@proov/jobs-table'
import { buildAnalyzeService } from './app.js'
import { analyzeConfigFromEnv } from './config.js'
import { createLocalVideoStore } from './storage/local-store.js'
import { startWorker } from './worker/worker.js'
import type { Worker } from './worker/worker.js'

const config = analyzeConfigFromEnv(process.env)
const jobsTable = createJobsTableContext(config.jobsTable)
const store = createLocalVideoStore(config.videoStoreDir, config.videoBucket)

const app = await buildAnalyzeService({
  jobsTable,
  store,
  auth: config.auth,
  maxFileBytes: config.maxFileBytes,
  maxFilesPerRequest: config.maxFilesPerRequest,
})

let worker: Worker | null = null
if (config.worker.enabled) {
  worker = startWorker({
    jobsTable,
    store,
    binaries: config.binaries,
    settings: config.worker,
    log: app.log.child({ component: 'worker' }),
  })
}

async function shutdown(signal: string) {
  app.log.info({ signal }, 'shutting down')
  await worker?.stop()
  await app.close()
  jobsTable.client.destroy()
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ host: config.host, port: config.port })
