// `node --import tsx infra/src/prepare-stack.ts <dir>`: for emulators that run on their own
// (docker compose), sets up the user pool, the demo users and the table, then writes
// `<dir>/stack.env` with what the services need besides their fixed settings.
import { createJobsTableContext, jobsTableSettingsFromEnv } from '@proov/jobs-table'
import { DEMO_USERS, ensureUserPool } from '@proov/local-stack'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { dataLayout, ensureCursorSecret } from './data-dir.js'
import { migrateJobsTable } from './migrations.js'
import { LOCAL_CLIENT_NAME, LOCAL_POOL_NAME } from './stack.js'

const WAIT_MS = 90_000
const RETRY_MS = 1_000

/** Emulators in containers take a while to answer; until then every call fails alike. */
async function retrying<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} kept failing`, { cause: error })
      await sleep(RETRY_MS)
    }
  }
}

const dir = process.argv[2]
const cognitoEndpoint = process.env.COGNITO_ENDPOINT
if (dir === undefined || cognitoEndpoint === undefined || !process.env.DYNAMODB_ENDPOINT) {
  console.error('usage: DYNAMODB_ENDPOINT=… COGNITO_ENDPOINT=… prepare-stack.ts <dir>')
  process.exit(2)
}

const jobsTable = createJobsTableContext(jobsTableSettingsFromEnv(process.env))
try {
  const pool = await retrying('setting up the user pool', () =>
    ensureUserPool({
      endpoint: cognitoEndpoint,
      poolName: LOCAL_POOL_NAME,
      clientName: LOCAL_CLIENT_NAME,
      users: DEMO_USERS,
    }),
  )
  const table = await retrying('creating the jobs table', () => migrateJobsTable(jobsTable))
  const cursorSecret = await ensureCursorSecret(dataLayout(dir))

  const env = [
    `COGNITO_USER_POOL_ID=${pool.userPoolId}`,
    `COGNITO_CLIENT_IDS=${pool.clientId}`,
    `CURSOR_SECRET=${cursorSecret}`,
  ]
  await writeFile(join(dir, 'stack.env'), `${env.join('\n')}\n`, { mode: 0o600 })

  console.log(`prepare-stack: pool ${pool.userPoolId}, client ${pool.clientId}`)
  console.log(`prepare-stack: table ${jobsTable.tableName} ${table.created ? 'created' : 'ready'}`)
} catch (error) {
  console.error(`prepare-stack: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  jobsTable.client.destroy()
}
