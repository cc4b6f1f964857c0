import { startStack } from '@proov/infra'
import type { LocalStack } from '@proov/infra'
import { createJobsTableContext } from '@proov/jobs-table'
import { cognitoStack, idTokenFor, makeTestVideos, uniqueTableName } from '@proov/testkit'
import { randomInt } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { auditLists, auditStore, auditTable, heldJobIds, snapshotTable } from './sweep/audit.js'
import {
  countLeaks,
  describeFailure,
  describeRequest,
  firstFailures,
  summaryLines,
} from './sweep/report.js'
import { buildRequest } from './sweep/routes.js'
import type { FindingKind } from './sweep/oracles.js'
import { shrinkFailure, sweep } from './sweep/run.js'
import { seedWorld } from './sweep/seed.js'
import { judgePlantedLeaks } from './sweep/self-check.js'
import { createWire } from './sweep/wire.js'

function wholeNumberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  if (!/^\d{1,10}$/.test(raw)) throw new RangeError(`${name} must be a whole number`)
  return Number(raw)
}

// Tenant isolation probed the way an attacker would: thousands of generated requests from three
// users, an operator, no token and forged tokens, naming each other's jobs, sessions, keys and
// cursors, each answer judged against what that caller may see. SWEEP_SEED replays a run.
const SEED = wholeNumberFromEnv('SWEEP_SEED', randomInt(2 ** 31))
const REQUESTS = wholeNumberFromEnv('SWEEP_REQUESTS', 10_000)
const CONCURRENCY = 8
const SWEEP_TIME_LIMIT_MS = wholeNumberFromEnv('SWEEP_TIME_LIMIT_S', 240) * 1000
const SHRINK_TIME_LIMIT_MS = 20_000
const FAILURES_SHOWN = 30
const OUTPUT_TAIL_LINES = 200
const BUCKET = 'local'

const SERVICE_ENV = {
  // The sweep is one client sending thousands of requests a minute; limits would answer 429.
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_ANALYZE_PER_MINUTE: '100000000',
  RATE_LIMIT_GATEWAY_PER_MINUTE: '100000000',
  LEGACY_READ_POLICY: 'open',
  VIDEO_BUCKET: BUCKET,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
}

const output: string[] = []
const dataDir = await mkdtemp(join(tmpdir(), 'proov-sweep-'))
const sharedDynamo = process.env.DYNAMODB_ENDPOINT || undefined
// The stack signs in against the pool the test kit uses, so idTokenFor's tokens are the stack's.
const userPool = await cognitoStack()
const stack: LocalStack = await startStack({
  dataDir,
  ports: { gateway: 0, analyze: 0, query: 0, dynamodb: 0, cognito: 0 },
  dynamodbEndpoint: sharedDynamo,
  userPool,
  tableName: sharedDynamo === undefined ? undefined : uniqueTableName('proov_jobs_sweep'),
  env: { ...process.env, ...SERVICE_ENV },
  output: (service, line) => {
    output.push(`${service} | ${line}`)
    if (output.length > OUTPUT_TAIL_LINES) output.shift()
  },
}).catch(async (error: unknown) => {
  await rm(dataDir, { recursive: true, force: true })
  throw error
})
const jobsTable = createJobsTableContext({
  tableName: stack.tableName,
  endpoint: stack.dynamodbEndpoint,
  region: 'us-east-1',
})
const wire = createWire(stack.gatewayUrl, CONCURRENCY)
t.teardown(async () => {
  wire.close()
  jobsTable.client.destroy()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
})

const videos = await makeTestVideos(join(dataDir, 'inputs'), {
  durationSeconds: 1,
  blackSegments: [{ start: 0.2, end: 0.6 }],
})
const world = await seedWorld({
  gatewayUrl: stack.gatewayUrl,
  wire,
  tokenFor: idTokenFor,
  jobsTable,
  videos,
  bucket: BUCKET,
})
const tableBefore = await snapshotTable(jobsTable)
const heldBefore = heldJobIds(world)

t.test('the oracles flag leaks planted from real answers', async (t) => {
  for (const planted of await judgePlantedLeaks(world, wire)) {
    const kinds = planted.findings.map((finding) => finding.kind)
    t.ok(kinds.includes('leak'), `${planted.name}: flagged (${kinds.join(', ')})`)
  }
})

t.test('no generated request reaches what its caller may not see', async (t) => {
  t.comment(`operator routes ${world.adminRoutes ? 'present' : 'absent'}: swept only if present`)
  const tally = await sweep({
    world,
    wire,
    seed: SEED,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    deadline: Date.now() + SWEEP_TIME_LIMIT_MS,
  })
  for (const line of summaryLines(tally, SEED)) t.comment(line)

  for (const failure of tally.failures.slice(0, FAILURES_SHOWN)) t.comment(describeFailure(failure))
  for (const [kind, failure] of firstFailures(tally)) {
    t.comment(`first ${kind}:\n${describeFailure(failure)}`)
    const minimal = await shrinkFailure(world, wire, SEED, failure, kind, SHRINK_TIME_LIMIT_MS)
    const built = buildRequest(minimal, world, false)
    t.comment(`minimal ${kind} after shrinking: ${describeRequest(minimal, built)}`)
    t.comment(`its probe: ${JSON.stringify(minimal).slice(0, 600)}`)
  }
  if (tally.failures.length > 0) t.comment(`service output:\n${output.join('\n')}`)

  t.ok(tally.requests >= REQUESTS, `at least ${REQUESTS} requests within the time limit`)
  t.equal(countLeaks(tally), 0, 'no answer showed another owner’s data or its existence')
  const count = (kind: FindingKind) =>
    tally.failures.filter((failure) => failure.findings.some((f) => f.kind === kind)).length
  t.equal(count('server-error'), 0, 'no 5xx')
  t.equal(count('no-answer'), 0, 'every request was answered')
  t.equal(count('rate-limited'), 0, 'no request was rate limited')
  t.equal(count('unexpected'), 0, 'every answer had the status, code and shape expected')
})

t.test('the sweep changed nothing but what callers uploaded as their own', async (t) => {
  const lists = await auditLists(world, wire)
  for (const line of lists.lines) t.comment(line)
  t.same(lists.problems, [], 'each member lists exactly what they own')

  const tableAfter = await snapshotTable(jobsTable)
  t.comment(`table: ${tableBefore.size} items before the sweep, ${tableAfter.size} after`)
  t.same(auditTable(world, tableBefore, tableAfter, heldBefore), [], 'no owner or session moved')
  for (const job of world.ownerless) {
    t.equal(tableAfter.get(job.jobId)?.user_id, undefined, `legacy job ${job.jobId} has no owner`)
  }

  t.same(await auditStore(world, stack.layout.videos), [], 'the store holds only own uploads')
})
