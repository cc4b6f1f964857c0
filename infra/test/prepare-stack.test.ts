import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { createJobsTableContext } from '@proov/jobs-table'
import { DEMO_USERS, signIn } from '@proov/local-stack'
import { cognitoStack, dynamoEndpoint, uniqueTableName } from '@proov/testkit'
import t from 'tap'
import { REPO_ROOT, tsxLoaderUrl } from '../src/index.js'

t.test('prepares pool, users and table, and writes the env the apps start with', async (t) => {
  const pool = await cognitoStack()
  const endpoint = await dynamoEndpoint()
  const tableName = uniqueTableName('proov_jobs_prepare')
  const dir = t.testdir()
  const jobsTable = createJobsTableContext({ tableName, endpoint, region: 'us-east-1' })
  t.teardown(async () => {
    await jobsTable.client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => {})
    jobsTable.client.destroy()
  })

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    DYNAMODB_ENDPOINT: endpoint,
    COGNITO_ENDPOINT: pool.endpoint,
    JOBS_TABLE: tableName,
  }
  const script = join(REPO_ROOT, 'infra', 'src', 'prepare-stack.ts')
  const child = spawn(process.execPath, ['--import', tsxLoaderUrl(), script, dir], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [code] = (await once(child, 'close')) as [number | null]
  t.equal(code, 0)

  const written = Object.fromEntries(
    (await readFile(join(dir, 'stack.env'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  )
  t.same(Object.keys(written).sort(), [
    'COGNITO_CLIENT_IDS',
    'COGNITO_USER_POOL_ID',
    'CURSOR_SECRET',
  ])
  t.ok((written.CURSOR_SECRET ?? '').length >= 32)

  const alice = DEMO_USERS[0]
  if (alice === undefined) throw new Error('no demo users')
  const tokens = await signIn({
    endpoint: pool.endpoint,
    clientId: written.COGNITO_CLIENT_IDS ?? '',
    username: alice.username,
    password: alice.password,
  })
  t.ok(tokens.idToken, 'a demo user signs in through the client it names')

  const { Table: table } = await jobsTable.client.send(
    new DescribeTableCommand({ TableName: tableName }),
  )
  t.equal(table?.TableStatus, 'ACTIVE')
})
