import t from 'tap'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { newJobId } from '@proov/domain'
import type { PlannedVideo } from '@proov/domain'
import { createBatch, getJob, listAllJobsByOwner } from '../src/index.js'
import { build, LEGACY_OWNER, loadLegacyItems } from './helper.js'

const alice = { user_id: 'alice-sub', email: 'alice@example.com' }
const bob = { user_id: 'bob-sub', email: 'bob@example.com' }
const videos = (owner: string, count: number): PlannedVideo[] =>
  Array.from({ length: count }, (_, i) => ({
    bucket: 'local',
    key: `users/${owner}/clip-${i}.mp4`,
    tool: 'detect_blackframes',
    filename: `clip-${i}.mp4`,
  }))

t.test("a new batch opens a session named by its first job's id, batch 1", async (t) => {
  const ctx = await build(t)
  const batch = await createBatch(ctx, {
    owner: alice,
    videos: videos('alice-sub', 3),
    now: 1_800_000_000,
  })

  t.equal(batch.sessionId, batch.jobs[0]?.job_id)
  t.equal(batch.batchNumber, 1)
  const stored = await getJob(ctx, batch.jobs[2]!.job_id)
  t.match(stored, {
    status: 'queued',
    session_id: batch.sessionId,
    user_id: 'alice-sub',
    position: 2,
  })

  const raw = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: { job_id: batch.sessionId } }),
  )
  t.equal(
    typeof raw.Item?.created_at,
    'number',
    'created_at is stored as a Number, as the old data',
  )
})

t.test('a batch is all-or-nothing: one clashing job id writes nothing', async (t) => {
  const ctx = await build(t)
  const first = await createBatch(ctx, { owner: alice, videos: videos('alice-sub', 1), now: 1 })
  const clash = [newJobId(), first.jobs[0]!.job_id]

  await t.rejects(
    createBatch(ctx, { owner: alice, videos: videos('alice-sub', 2), jobIds: clash, now: 2 }),
  )
  t.equal(await getJob(ctx, clash[0]!), null)
  t.equal((await listAllJobsByOwner(ctx, 'alice-sub')).length, 1)
})

t.test('20 sessions created at once get batch numbers 1 to 20 exactly once', async (t) => {
  const ctx = await build(t)
  const batches = await Promise.all(
    Array.from({ length: 20 }, () =>
      createBatch(ctx, { owner: alice, videos: videos('alice-sub', 1), now: 5 }),
    ),
  )
  const numbers = batches.map((batch) => batch.batchNumber).sort((a, b) => a - b)
  t.same(
    numbers,
    Array.from({ length: 20 }, (_, i) => i + 1),
  )
})

t.test(
  "appending: own session keeps its number, another user's session is not found",
  async (t) => {
    const ctx = await build(t)
    const first = await createBatch(ctx, { owner: alice, videos: videos('alice-sub', 2), now: 10 })
    await createBatch(ctx, { owner: alice, videos: videos('alice-sub', 1), now: 11 })

    const appended = await createBatch(ctx, {
      owner: alice,
      videos: videos('alice-sub', 1),
      sessionId: first.sessionId,
      now: 12,
    })
    t.equal(appended.sessionId, first.sessionId)
    t.equal(appended.batchNumber, 1)
    t.equal(appended.jobs[0]?.position, 2)

    const foreign = createBatch(ctx, {
      owner: bob,
      videos: videos('bob-sub', 1),
      sessionId: first.sessionId,
      now: 13,
    })
    await t.rejects(foreign, { name: 'JobsTableError', code: 'session_not_found' })
    const missing = createBatch(ctx, {
      owner: alice,
      videos: videos('alice-sub', 1),
      sessionId: newJobId(),
      now: 13,
    })
    await t.rejects(missing, { name: 'JobsTableError', code: 'session_not_found' })
    t.equal(
      (await listAllJobsByOwner(ctx, 'bob-sub')).length,
      0,
      'the refused append wrote nothing',
    )
  },
)

t.test(
  'legacy sessions are counted before the first numbered one, and can be appended to',
  async (t) => {
    const ctx = await build(t)
    await loadLegacyItems(ctx)
    const owner = { user_id: LEGACY_OWNER, email: null }

    const created = await createBatch(ctx, {
      owner,
      videos: videos(LEGACY_OWNER, 1),
      now: 1_800_000_000,
    })
    t.equal(created.batchNumber, 3, 'two legacy sessions come first')

    const appended = await createBatch(ctx, {
      owner,
      videos: videos(LEGACY_OWNER, 1),
      sessionId: '4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c',
      now: 1_800_000_001,
    })
    t.equal(appended.batchNumber, 2, 'a session whose id is not a job id keeps its creation rank')
  },
)
