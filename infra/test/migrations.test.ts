import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import {
  JOBS_TABLE_INDEXES,
  LEGACY_UNOWNED,
  listJobsByOwner,
  listLegacyJobs,
} from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import t from 'tap'
import {
  LEGACY_FIXTURE_ITEMS,
  loadLegacyFixtures,
  markLegacyJobs,
  migrateJobsTable,
} from '../src/index.js'
import {
  BARE,
  DONE,
  FAILED,
  LEGACY_OWNER,
  OWNED,
  createOldTable,
  runCommand,
  tableContext,
} from './fixtures/table.js'

const INDEX_NAMES = JOBS_TABLE_INDEXES.map((index) => index.IndexName)

async function indexesOf(ctx: JobsTableContext) {
  const { Table: table } = await ctx.client.send(
    new DescribeTableCommand({ TableName: ctx.tableName }),
  )
  return (table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.IndexStatus])
}

async function rawItem(ctx: JobsTableContext, jobId: string) {
  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: { job_id: jobId }, ConsistentRead: true }),
  )
  return item
}

t.test('a missing table is created with every index; a second run changes nothing', async (t) => {
  const ctx = await tableContext(t)

  t.match(await migrateJobsTable(ctx), { created: true, addedIndexes: [], changes: 1 })
  t.match(await migrateJobsTable(ctx), { created: false, addedIndexes: [], changes: 0 })
  t.same((await indexesOf(ctx)).map(([name]) => name).sort(), [...INDEX_NAMES].sort())
})

t.test('an old table holding the legacy data gets every index and its legacy marks', async (t) => {
  const ctx = await tableContext(t)
  await createOldTable(ctx)
  await loadLegacyFixtures(ctx)
  const messages: string[] = []

  const first = await migrateJobsTable(ctx, { progress: (message) => messages.push(message) })

  t.same(first.addedIndexes, INDEX_NAMES)
  t.same(first.problems, [])
  t.same(first.legacyMarkers, { scanned: 7, marked: 3, unmarked: 0, skipped: 0 })
  t.equal(first.changes, INDEX_NAMES.length + 3)
  t.ok(
    (await indexesOf(ctx)).every(([, status]) => status === 'ACTIVE'),
    'each index is ACTIVE when the run ends',
  )
  t.match(messages.join('\n'), /adding index legacy_unowned-legacy_created_at-index/)
  t.match(messages.join('\n'), /7 items scanned, 3 marked/)

  const legacy = await listLegacyJobs(ctx, { limit: 10, startKey: null })
  t.same(
    legacy.jobs.map((job) => job.job_id),
    [FAILED, DONE, BARE],
    'every ownerless job, the one without any time last',
  )
  const owned = await listJobsByOwner(ctx, { userId: LEGACY_OWNER, limit: 10, startKey: null })
  t.equal(owned.jobs.length, 3, "the owner index holds the seed-era owner's jobs")

  const stored = await rawItem(ctx, BARE)
  const original = LEGACY_FIXTURE_ITEMS.find((item) => item.job_id === BARE)
  t.same(stored, { ...original, legacy_unowned: LEGACY_UNOWNED, legacy_created_at: 0 })
  t.same(await rawItem(ctx, OWNED), LEGACY_FIXTURE_ITEMS[3], 'owned jobs are not touched')

  const second = await migrateJobsTable(ctx)
  t.same(second.addedIndexes, [])
  t.same(second.legacyMarkers, { scanned: 7, marked: 0, unmarked: 0, skipped: 0 })
  t.equal(second.changes, 0, 'the second run changes nothing')
})

t.test('the command reports its changes, then 0 changes when run again', async (t) => {
  const ctx = await tableContext(t)
  await createOldTable(ctx)
  await loadLegacyFixtures(ctx)

  const first = await runCommand(ctx, 'migrate.ts', [])
  t.equal(first.code, 0, first.stderr)
  t.match(first.stdout, /migrate: 7 changes: 4 indexes added, 3 legacy jobs marked, 0 unmarked/)
  t.match(first.stdout, /migrate: index legacy_unowned-legacy_created_at-index is ACTIVE/)

  const second = await runCommand(ctx, 'migrate.ts', [])
  t.equal(second.code, 0, second.stderr)
  t.match(second.stdout, /migrate: 0 changes: 0 indexes added, 0 legacy jobs marked, 0 unmarked/)
  t.match(second.stdout, /\(7 items scanned, 0 skipped\)/)

  const usage = await runCommand(ctx, 'migrate.ts', ['--resume-from', 'not-a-job-id'])
  t.equal(usage.code, 2)
  t.match(usage.stderr, /usage: pnpm migrate \[--resume-from <job_id>\]/)
})

t.test('an index of another shape is reported and left alone; the rest is added', async (t) => {
  const ctx = await tableContext(t)
  // The old system's owner index declared created_at a String, so its Number items never got in.
  await createOldTable(ctx, {
    AttributeDefinitions: [
      { AttributeName: 'job_id', AttributeType: 'S' },
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'created_at', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'user_id-created_at-index',
        KeySchema: [
          { AttributeName: 'user_id', KeyType: 'HASH' },
          { AttributeName: 'created_at', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  })

  const outcome = await migrateJobsTable(ctx)

  t.same(outcome.problems, [
    'user_id-created_at-index needs created_at as N; the table defines it as S',
    'session_id-created_at-index needs created_at as N; the table defines it as S',
  ])
  t.same(outcome.addedIndexes, [
    'work_queue-due_at-index',
    'legacy_unowned-legacy_created_at-index',
  ])
})

t.test('marking continues after the last reported key, and unmarks owned jobs', async (t) => {
  const ctx = await tableContext(t)
  await migrateJobsTable(ctx)
  await loadLegacyFixtures(ctx)
  const pages: [number, string | null][] = []

  const all = await markLegacyJobs(ctx, {
    pageSize: 3,
    onPage: (counts, lastJobId) => pages.push([counts.scanned, lastJobId]),
  })
  t.same(all, { scanned: 7, marked: 3, unmarked: 0, skipped: 0 })
  t.same(
    pages.map(([scanned]) => scanned),
    [3, 6, 7],
  )
  t.equal(pages.at(-1)?.[1], null, 'the last page names no key to resume from')

  const resumeFrom = pages[0]?.[1] ?? undefined
  const resumed = await markLegacyJobs(ctx, { resumeFrom })
  t.equal(resumed.scanned, 4, 'a resumed run starts after the key it was given')

  // An owner written by some other path than the assignment leaves a stale mark behind.
  const marked = await rawItem(ctx, DONE)
  await ctx.client.send(
    new PutCommand({ TableName: ctx.tableName, Item: { ...marked, user_id: 'someone' } }),
  )
  t.same(await markLegacyJobs(ctx), { scanned: 7, marked: 0, unmarked: 1, skipped: 0 })
  t.notOk('legacy_unowned' in ((await rawItem(ctx, DONE)) ?? {}))
})

t.test('the legacy fixture items are written exactly as they are', async (t) => {
  const ctx = await tableContext(t)
  await migrateJobsTable(ctx)

  t.equal(await loadLegacyFixtures(ctx), LEGACY_FIXTURE_ITEMS.length)

  for (const item of LEGACY_FIXTURE_ITEMS) {
    t.same(await rawItem(ctx, String(item.job_id)), item, `${String(item.job_id)} as it is`)
  }
})
