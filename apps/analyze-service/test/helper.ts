import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createJobsTableContext, ensureJobsTable } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { cognitoStack, dynamoEndpoint, idTokenFor, uniqueTableName } from '@proov/testkit'
import type { Test } from 'tap'
import { binariesFromEnv } from '../src/analysis/index.js'
import { buildAnalyzeService, createLocalVideoStore, startWorker } from '../src/index.js'
import type { LocalVideoStore } from '../src/index.js'

export interface Harness {
  url: string
  jobsTable: JobsTableContext
  store: LocalVideoStore
  storeDir: string
  tokens: { alice: string; bob: string }
  /** Starts a worker for this harness; stopped at teardown. */
  startWorker(): void
}

/** analyze-service on a free port, a fresh table in DynamoDB Local, a temporary video store. */
export async function build(t: Test, options: { maxFileBytes?: number } = {}): Promise<Harness> {
  const pool = await cognitoStack()
  const jobsTable = createJobsTableContext({
    tableName: uniqueTableName(),
    endpoint: await dynamoEndpoint(),
    region: 'local',
  })
  await ensureJobsTable(jobsTable)
  const storeDir = await mkdtemp(join(tmpdir(), 'proov-videos-'))
  const store = createLocalVideoStore(storeDir, 'local')

  const app = await buildAnalyzeService({
    jobsTable,
    store,
    auth: { issuer: pool.issuer, clientIds: [pool.clientId], tokenUse: 'id' },
    maxFileBytes: options.maxFileBytes ?? 50 * 1024 * 1024,
    maxFilesPerRequest: 5,
    logger: false,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')

  const workers: { stop(): Promise<void> }[] = []
  t.teardown(async () => {
    await Promise.all(workers.map((worker) => worker.stop()))
    await app.close()
    jobsTable.client.destroy()
    await rm(storeDir, { recursive: true, force: true })
  })

  return {
    url: `http://127.0.0.1:${address.port}`,
    jobsTable,
    store,
    storeDir,
    tokens: { alice: await idTokenFor('alice'), bob: await idTokenFor('bob') },
    startWorker() {
      workers.push(
        startWorker({
          jobsTable,
          store,
          binaries: binariesFromEnv(process.env),
          settings: {
            enabled: true,
            concurrency: 2,
            pollMs: 100,
            leaseSeconds: 30,
            maxAttempts: 3,
          },
          log: app.log,
        }),
      )
    },
  }
}

export function subOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
  return String(payload.sub)
}
