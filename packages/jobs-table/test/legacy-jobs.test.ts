import t from 'tap'
import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import {
  LEGACY_UNOWNED,
  assignOwner,
  assignOwnerInput,
  legacyMarkerInput,
  listJobsByOwner,
  listJobsBySession,
  listLegacyJobs,
} from '../src/index.js'
import type { Item, JobsTableContext } from '../src/index.js'
import { normalizeJobItem } from '@proov/domain'
import { build, LEGACY_OWNER, loadLegacyItems } from './helper.js'

const DONE = '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01'
const BARE = '5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5'
const FAILED = 'a3c1e0f4-8b2d-4c6e-9f10-1a2b3c4d5e6f'
const OWNED = 'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d'

/** What the migration does to every item, here without its scan. */
async function markLegacyJobs(ctx: JobsTableContext): Promise<number> {
  const { Items: items = [] } = await ctx.client.send(new ScanCommand({ TableName: ctx.tableName }))
  let changed = 0
  for (const item of items) {
    const change = legacyMarkerInput(ctx.tableName, item)
    if (change === null) continue
    await ctx.client.send(new UpdateCommand(change.input))
    changed += 1
  }
  return changed
}

async function rawItem(ctx: JobsTableContext, jobId: string): Promise<Item | undefined> {
  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: { job_id: jobId }, ConsistentRead: true }),
  )
  return item
}

t.test('the marker goes on ownerless jobs only, sorted by creation, update or 0', async (t) => {
  const mark = (item: Item) => legacyMarkerInput('jobs', item)

  t.match(mark({ job_id: DONE, created_at: 10, updated_at: 20 }), {
    change: 'mark',
    input: { ExpressionAttributeValues: { ':unowned': LEGACY_UNOWNED, ':order': 10 } },
  })
  t.match(mark({ job_id: DONE, updated_at: 20 }), {
    input: { ExpressionAttributeValues: { ':order': 20 } },
  })
  t.match(mark({ job_id: BARE }), { input: { ExpressionAttributeValues: { ':order': 0 } } })
  t.equal(mark({ job_id: BARE, legacy_unowned: LEGACY_UNOWNED, legacy_created_at: 0 }), null)
  t.match(mark({ job_id: BARE, legacy_unowned: LEGACY_UNOWNED, legacy_created_at: 5 }), {
    change: 'mark',
  })

  t.equal(mark({ job_id: OWNED, user_id: 'u' }), null, 'owned jobs are left alone')
  t.match(mark({ job_id: OWNED, user_id: 'u', legacy_unowned: LEGACY_UNOWNED }), {
    change: 'unmark',
    input: { UpdateExpression: 'REMOVE legacy_unowned, legacy_created_at' },
  })
  t.equal(mark({ job_id: 'owner#u' }), null, 'other item kinds are never jobs')
})

t.test('assigning writes the owner and only the missing session and time', async (t) => {
  const bare = normalizeJobItem({ job_id: BARE, job_status: 'completed' })
  const input = assignOwnerInput('jobs', bare, 'u-1', 1_900_000_000)
  t.equal(
    input.UpdateExpression,
    'SET user_id = :user_id, session_id = :session_id, created_at = :created_at ' +
      'REMOVE legacy_unowned, legacy_created_at',
  )
  t.match(input.ConditionExpression, /attribute_not_exists\(user_id\)/)

  const dated = normalizeJobItem({ job_id: DONE, created_at: 5, session_id: OWNED })
  t.equal(
    assignOwnerInput('jobs', dated, 'u-1', 9).UpdateExpression,
    'SET user_id = :user_id REMOVE legacy_unowned, legacy_created_at',
  )
})

t.test('ownerless jobs are listed newest first from the legacy index, page by page', async (t) => {
  const ctx = await build(t)
  await loadLegacyItems(ctx)
  t.equal(await markLegacyJobs(ctx), 3, 'the three ownerless fixture jobs')
  t.equal(await markLegacyJobs(ctx), 0, 'marking again changes nothing')

  const all = await listLegacyJobs(ctx, { limit: 20, startKey: null })
  t.same(
    all.jobs.map((job) => job.job_id),
    [FAILED, DONE, BARE],
  )
  t.equal(all.lastKey, null)
  t.notOk('legacy_unowned' in (all.jobs[0]?.legacy ?? {}), 'the marker is bookkeeping, not data')

  const seen: string[] = []
  let startKey: Item | null = null
  do {
    const page: Awaited<ReturnType<typeof listLegacyJobs>> = await listLegacyJobs(ctx, {
      limit: 1,
      startKey,
    })
    seen.push(...page.jobs.map((job) => job.job_id))
    startKey = page.lastKey
  } while (startKey !== null && seen.length < 10)
  t.same(seen, [FAILED, DONE, BARE])
})

t.test('an assigned job leaves the legacy list and reaches its owner’s lists', async (t) => {
  const ctx = await build(t)
  await loadLegacyItems(ctx)
  await markLegacyJobs(ctx)
  const before = await rawItem(ctx, BARE)

  const assigned = await assignOwner(ctx, { jobId: BARE, userId: 'alice-sub', now: 1_900_000_000 })

  t.match(assigned, {
    outcome: 'assigned',
    job: { job_id: BARE, user_id: 'alice-sub', session_id: BARE, created_at: 1_900_000_000 },
  })
  const original = { ...before }
  delete original.legacy_unowned
  delete original.legacy_created_at
  t.same(
    await rawItem(ctx, BARE),
    { ...original, user_id: 'alice-sub', session_id: BARE, created_at: 1_900_000_000 },
    'nothing else of the item changed',
  )
  t.same(
    (await listLegacyJobs(ctx, { limit: 20, startKey: null })).jobs.map((job) => job.job_id),
    [FAILED, DONE],
  )
  const owned = await listJobsByOwner(ctx, { userId: 'alice-sub', limit: 20, startKey: null })
  t.same(
    owned.jobs.map((job) => job.job_id),
    [BARE],
  )
  const session = await listJobsBySession(ctx, {
    sessionId: BARE,
    userId: 'alice-sub',
    limit: 20,
    startKey: null,
  })
  t.same(
    session.jobs.map((job) => job.job_id),
    [BARE],
  )

  const done = await assignOwner(ctx, { jobId: DONE, userId: 'bob-sub', now: 1_900_000_000 })
  t.match(done, { job: { created_at: 1717400000, session_id: DONE } }, 'its own time is kept')
})

t.test('owned, unknown and malformed jobs are never assigned', async (t) => {
  const ctx = await build(t)
  await loadLegacyItems(ctx)
  const assign = (jobId: string, userId: string) => assignOwner(ctx, { jobId, userId, now: 1 })

  await assign(BARE, 'alice-sub')
  t.same(await assign(BARE, 'alice-sub'), { outcome: 'unchanged' })
  t.same(await assign(BARE, 'bob-sub'), { outcome: 'conflict' })
  t.same(await assign(OWNED, 'alice-sub'), { outcome: 'conflict' })
  t.same(await assign(OWNED, LEGACY_OWNER), { outcome: 'unchanged' })
  t.same(await assign('00000000-0000-4000-8000-000000000000', 'alice-sub'), {
    outcome: 'not_found',
  })
  t.same(await assign('owner#alice-sub', 'alice-sub'), { outcome: 'not_found' })
  t.equal((await rawItem(ctx, BARE))?.user_id, 'alice-sub', 'the first owner stays')
  t.equal(await rawItem(ctx, '00000000-0000-4000-8000-000000000000'), undefined, 'no item made')
})

t.test('two operators assigning one job at once: exactly one owner wins', async (t) => {
  const ctx = await build(t)
  await loadLegacyItems(ctx)

  const users = ['u-1', 'u-2', 'u-3', 'u-4', 'u-5']
  const outcomes = await Promise.all(
    users.map((userId) => assignOwner(ctx, { jobId: DONE, userId, now: 1 })),
  )

  const winners = outcomes.filter((outcome) => outcome.outcome === 'assigned')
  t.equal(winners.length, 1)
  t.equal(outcomes.filter((outcome) => outcome.outcome === 'conflict').length, users.length - 1)
  const stored = await rawItem(ctx, DONE)
  t.equal(stored?.user_id, winners[0]?.outcome === 'assigned' ? winners[0].job.user_id : null)
})
