import { join } from 'node:path'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { listJobsByOwner, listLegacyJobs } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import t from 'tap'
import { backfillOwners, loadLegacyFixtures, migrateJobsTable } from '../src/index.js'
import { parseOwnerFile } from '../src/index.js'
import {
  BARE,
  DONE,
  FAILED,
  LEGACY_OWNER,
  OTHER_OWNERS,
  OWNED,
  runCommand,
  tableContext,
} from './fixtures/table.js'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'

async function legacyTable(t: Parameters<typeof tableContext>[0]): Promise<JobsTableContext> {
  const ctx = await tableContext(t)
  await migrateJobsTable(ctx)
  await loadLegacyFixtures(ctx)
  await migrateJobsTable(ctx)
  return ctx
}

async function ownerOf(ctx: JobsTableContext, jobId: string): Promise<unknown> {
  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: { job_id: jobId }, ConsistentRead: true }),
  )
  return item?.user_id
}

t.test('a clean file assigns every line; the second run finds them all unchanged', async (t) => {
  const ctx = await legacyTable(t)
  const file = parseOwnerFile(`job_id,user_id\n${BARE},alice-sub\n${DONE},bob-sub\n`)

  const first = await backfillOwners(ctx, file, { now: 1_900_000_000 })
  t.same(first, { assigned: 2, unchanged: 0, conflicts: 0, notFound: 0, invalid: 0 })
  t.equal(await ownerOf(ctx, BARE), 'alice-sub')
  t.same(
    (await listLegacyJobs(ctx, { limit: 10, startKey: null })).jobs.map((job) => job.job_id),
    [FAILED],
  )
  const alice = await listJobsByOwner(ctx, { userId: 'alice-sub', limit: 10, startKey: null })
  t.same(
    alice.jobs.map((job) => job.job_id),
    [BARE],
  )

  const second = await backfillOwners(ctx, file, { now: 1_900_000_500 })
  t.same(second, { assigned: 0, unchanged: 2, conflicts: 0, notFound: 0, invalid: 0 })
})

t.test("another user's job is a conflict and keeps its owner", async (t) => {
  const ctx = await legacyTable(t)
  const file = parseOwnerFile(
    [
      `${BARE},alice-sub`,
      `${OWNED},${LEGACY_OWNER}`,
      `${OTHER_OWNERS},alice-sub`,
      `${UNKNOWN},alice-sub`,
      `${BARE},bob-sub`,
      'garbage',
    ].join('\n'),
  )
  const outcomes: [number, string][] = []

  const counts = await backfillOwners(ctx, file, {
    now: 1,
    onLine: (row, outcome) => outcomes.push([row.line, outcome]),
  })

  t.same(counts, { assigned: 1, unchanged: 1, conflicts: 2, notFound: 1, invalid: 1 })
  t.same(outcomes, [
    [1, 'assigned'],
    [2, 'unchanged'],
    [3, 'conflict'],
    [4, 'not_found'],
    [5, 'conflict'],
  ])
  t.equal(await ownerOf(ctx, OTHER_OWNERS), '2d4c6e8a-1b3d-4f5a-9c7e-0a2b4c6d8e0f')
  t.equal(await ownerOf(ctx, BARE), 'alice-sub', 'a later line does not take it over')
})

t.test('the command prints each problem line and the counts, and exits by them', async (t) => {
  const ctx = await legacyTable(t)
  const dir = t.testdir({
    'clean.csv': `job_id,user_id\n${BARE},alice-sub\n${DONE},bob-sub\n`,
    'mixed.csv': `${FAILED},alice-sub\n${OWNED},alice-sub\n${UNKNOWN},bob-sub\nx,alice@example.com\n`,
    'swapped.csv': `user_id,job_id\nalice-sub,${BARE}\n`,
    'empty.csv': '',
  })

  const clean = await runCommand(ctx, 'backfill-owners.ts', ['clean.csv'], dir)
  t.equal(clean.code, 0, 'a relative path is taken from where the command was started')
  t.match(clean.stdout, /2 assigned, 0 unchanged, 0 conflicts, 0 not found, 0 invalid lines/)

  const again = await runCommand(ctx, 'backfill-owners.ts', [join(dir, 'clean.csv')])
  t.equal(again.code, 0)
  t.match(again.stdout, /0 assigned, 2 unchanged, 0 conflicts, 0 not found, 0 invalid lines/)

  const mixed = await runCommand(ctx, 'backfill-owners.ts', ['mixed.csv'], dir)
  t.equal(mixed.code, 1, 'a conflict or an invalid line fails the run')
  t.match(mixed.stdout, /1 assigned, 0 unchanged, 1 conflicts, 1 not found, 1 invalid lines/)
  t.match(mixed.stderr, `line 2: job ${OWNED}: owned by another user; left as it is`)
  t.match(mixed.stderr, `line 3: job ${UNKNOWN}: no such job`)
  t.match(mixed.stderr, 'line 4: job_id is not a UUID')
  t.notOk(mixed.stderr.includes('alice@example.com'), 'no e-mail address is echoed')

  const swapped = await runCommand(ctx, 'backfill-owners.ts', ['swapped.csv'], dir)
  t.equal(swapped.code, 2)
  t.match(swapped.stderr, /line 1: the header must be job_id,user_id/)
  t.equal(await ownerOf(ctx, FAILED), 'alice-sub')

  const missing = await runCommand(ctx, 'backfill-owners.ts', ['nope.csv'], dir)
  t.equal(missing.code, 2)
  t.match(missing.stderr, /backfill-owners: .*nope\.csv: ENOENT/)
  t.equal((await runCommand(ctx, 'backfill-owners.ts', [])).code, 2)
  const empty = await runCommand(ctx, 'backfill-owners.ts', ['empty.csv'], dir)
  t.equal(empty.code, 2)
  t.match(empty.stderr, /the file holds no job_id,user_id lines/)
})
