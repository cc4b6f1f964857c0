import t from 'tap'
import type { PlannedVideo } from '@proov/domain'
import { createBatch, getJob, getJobs, listJobsByOwner, listJobsBySession } from '../src/index.js'
import type { Item } from '../src/index.js'
import { build, LEGACY_OWNER, loadLegacyItems } from './helper.js'

const alice = { user_id: 'alice-sub', email: 'alice@example.com' }
const video = (i: number): PlannedVideo => ({
  bucket: 'local',
  key: `users/alice-sub/${i}.mp4`,
  tool: 'media_info',
  filename: `${i}.mp4`,
})

t.test('legacy items read back by id with normalized statuses', async (t) => {
  const ctx = await build(t)
  const items = await loadLegacyItems(ctx)
  const found = await getJobs(ctx, [...items.map((item) => item.job_id), 'not-a-job-id'])

  t.equal(found.size, items.length)
  t.equal(found.get('0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01')?.status, 'completed')
  t.equal(found.get('5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5')?.status, 'completed')
  t.equal(await getJob(ctx, 'owner#alice-sub'), null, 'other item kinds are never read as jobs')
})

t.test(
  "an owner's list holds their seed-era jobs newest first, never ownerless ones",
  async (t) => {
    const ctx = await build(t)
    await loadLegacyItems(ctx)

    const page = await listJobsByOwner(ctx, { userId: LEGACY_OWNER, limit: 20, startKey: null })
    t.same(
      page.jobs.map((job) => job.job_id),
      [
        'e5f6a7b8-3333-4c4d-8e5f-6a7b8c9d0e1f',
        'd1e2f3a4-2222-4b3c-9d4e-5f6a7b8c9d0e',
        'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d',
      ],
    )
    t.equal(page.lastKey, null)
  },
)

t.test('paging with a status filter sees each matching job exactly once, in order', async (t) => {
  const ctx = await build(t)
  const created: string[] = []
  for (let i = 0; i < 6; i += 1) {
    const batch = await createBatch(ctx, {
      owner: alice,
      videos: [video(i), video(i + 100)],
      now: 1000 + i,
    })
    created.push(...batch.jobs.map((job) => job.job_id))
  }

  const seen: string[] = []
  let startKey: Item | null = null
  let pages = 0
  do {
    const page: Awaited<ReturnType<typeof listJobsByOwner>> = await listJobsByOwner(ctx, {
      userId: 'alice-sub',
      limit: 5,
      startKey,
      status: 'queued',
    })
    seen.push(...page.jobs.map((job) => job.job_id))
    startKey = page.lastKey
    pages += 1
  } while (startKey !== null && pages < 10)

  t.same(seen, [...created].reverse(), 'newest first, no gaps, no repeats')
  const none = await listJobsByOwner(ctx, {
    userId: 'alice-sub',
    limit: 5,
    startKey: null,
    status: 'failed',
  })
  t.same(none, { jobs: [], lastKey: null })
})

t.test("a session's jobs come in upload order and only to their owner", async (t) => {
  const ctx = await build(t)
  const batch = await createBatch(ctx, {
    owner: alice,
    videos: [video(1), video(2), video(3)],
    now: 50,
  })

  const first = await listJobsBySession(ctx, {
    sessionId: batch.sessionId,
    userId: 'alice-sub',
    limit: 2,
    startKey: null,
  })
  t.same(
    first.jobs.map((job) => job.position),
    [0, 1],
  )
  const rest = await listJobsBySession(ctx, {
    sessionId: batch.sessionId,
    userId: 'alice-sub',
    limit: 2,
    startKey: first.lastKey,
  })
  t.same(
    rest.jobs.map((job) => job.position),
    [2],
  )
  t.equal(rest.lastKey, null)

  const foreign = await listJobsBySession(ctx, {
    sessionId: batch.sessionId,
    userId: 'bob-sub',
    limit: 2,
    startKey: null,
  })
  t.same(foreign.jobs, [])
})
