import {
  LEGACY_FIXTURE_ITEMS,
  collectPages,
  expectAnswer,
  gatewayClient,
  loadLegacyFixtures,
  runDemo,
  startStack,
} from '@proov/infra'
import type { DemoUserName, GatewayClient, LocalStack } from '@proov/infra'
import { MyJobsResponseSchema, MySessionsResponseSchema } from '@proov/domain'
import { createJobsTableContext } from '@proov/jobs-table'
import { DEMO_USERS, signIn } from '@proov/local-stack'
import { configuredUserPool, uniqueTableName } from '@proov/testkit'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'

const OUTPUT_TAIL_LINES = 200

// The whole stack as `pnpm start` runs it, on free ports and a data folder of its own. A test
// run's shared emulators are reused when it names them; a table of its own keeps this run apart.
const output: string[] = []
const dataDir = await mkdtemp(join(tmpdir(), 'proov-e2e-'))
const sharedDynamo = process.env.DYNAMODB_ENDPOINT || undefined
const stack: LocalStack = await startStack({
  dataDir,
  ports: { gateway: 0, analyze: 0, query: 0, dynamodb: 0, cognito: 0 },
  dynamodbEndpoint: sharedDynamo,
  userPool: configuredUserPool(process.env),
  tableName: sharedDynamo === undefined ? undefined : uniqueTableName('proov_jobs_e2e'),
  output: (service, line) => {
    output.push(`${service} | ${line}`)
    if (output.length > OUTPUT_TAIL_LINES) output.shift()
  },
}).catch(async (error: unknown) => {
  await rm(dataDir, { recursive: true, force: true })
  throw error
})
t.teardown(async () => {
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function tokenFor(name: DemoUserName): Promise<string> {
  const user = DEMO_USERS.find((candidate) => candidate.name === name)
  if (user === undefined) throw new Error(`no demo user ${name}`)
  const tokens = await signIn({
    endpoint: stack.userPool.endpoint,
    clientId: stack.userPool.clientId,
    username: user.username,
    password: user.password,
  })
  return tokens.idToken
}

async function clientFor(name: DemoUserName): Promise<GatewayClient> {
  return gatewayClient(stack.gatewayUrl, await tokenFor(name))
}

async function listedBy(client: GatewayClient) {
  const jobs = await collectPages(async (query) => {
    const answer = await client.myJobs(query)
    const page = expectAnswer('GET /my-jobs', answer, 200, MyJobsResponseSchema)
    return { items: page.jobs, nextCursor: page.next_cursor }
  })
  const sessions = await collectPages(async (query) => {
    const answer = await client.mySessions(query)
    const page = expectAnswer('GET /my-sessions', answer, 200, MySessionsResponseSchema)
    return { items: page.sessions, nextCursor: page.next_cursor }
  })
  return { jobs, sessions }
}

const alice = await clientFor('alice')
const bob = await clientFor('bob')

t.test('the demo passes against a freshly started stack', async (t) => {
  const report = await runDemo({ gatewayUrl: stack.gatewayUrl, tokenFor })

  for (const check of report.checks) t.ok(check.passed, `${check.name} (${check.detail})`)
  t.ok(report.checks.length >= 16, 'every step of the demo ran')
  t.ok(report.passed, 'the demo passed')
  t.match(report.sessionId, /\S/)
  t.equal(report.batchNumber, 1, "alice's first batch on a fresh table")

  if (!report.passed) t.comment(`service output:\n${output.join('\n')}`)
})

t.test('ownerless legacy items appear in nobody’s lists', async (t) => {
  const jobsTable = createJobsTableContext({
    tableName: stack.tableName,
    endpoint: stack.dynamodbEndpoint,
    region: 'us-east-1',
  })
  t.teardown(() => jobsTable.client.destroy())
  await loadLegacyFixtures(jobsTable)

  const legacyJobIds = new Set(LEGACY_FIXTURE_ITEMS.map((item) => String(item.job_id)))
  const legacySessionIds = new Set(
    LEGACY_FIXTURE_ITEMS.map((item) => String(item.session_id ?? item.job_id)),
  )
  t.ok(
    LEGACY_FIXTURE_ITEMS.some((item) => item.user_id === undefined),
    'the fixture holds items without an owner',
  )

  for (const [name, client] of [
    ['alice', alice],
    ['bob', bob],
  ] as const) {
    const { jobs, sessions } = await listedBy(client)

    t.same(
      jobs.filter((job) => legacyJobIds.has(job.job_id)).map((job) => job.job_id),
      [],
      `${name}'s jobs hold no legacy job`,
    )
    t.same(
      sessions.filter((session) => legacySessionIds.has(session.session_id)),
      [],
      `${name}'s sessions hold no legacy session`,
    )
  }

  const bobs = await listedBy(bob)
  t.equal(bobs.sessions.length, 0, 'bob, who uploaded nothing, has no sessions at all')
  t.equal(bobs.jobs.length, 0, 'and no jobs')
})
