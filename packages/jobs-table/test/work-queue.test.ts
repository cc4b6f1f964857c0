import t from 'tap'
import {
  createBatch,
  claimNextJob,
  finishJob,
  getJob,
  extendLease,
} from '../src/index.js'
import { build } from './helper.js'

const alice = { user_id: 'alice-sub', email: null }
const oneVideo = [
  { bucket: 'local', key: 'users/alice-sub/a.mp4', tool: 'media_info' as const, filename: 'a.mp4' },
]

t.test('a queued job is claimed once, and its result recorded by the lease holder', async (t) => {
  const ctx = await build(t)
  const { jobs } = await createBatch(ctx, { owner: alice, videos: oneVideo, now: 100 })
  const jobId = jobs[0]!.job_id

  const claimed = await claimNextJob(ctx, { workerId: 'w1', leaseSeconds: 30, now: 101 })
  t.match(claimed, { job_id: jobId, status: 'processing', attempts: 1 })
  t.equal(await claimNextJob(ctx, { workerId: 'w2', leaseSeconds: 30, now: 102 }), null)

  await finishJob(
    ctx,
    jobId,
    'w1',
    { status: 'completed', result: { ok: true }, summary: { n: 1 } },
    110,
  )
  t.match(await getJob(ctx, jobId), {
    status: 'completed',
    result: { ok: true },
    summary: { n: 1 },
  })
  t.equal(
    await claimNextJob(ctx, { workerId: 'w2', leaseSeconds: 30, now: 500 }),
    null,
    'done jobs leave the queue',
  )
})

t.test(
  "a dead worker's job is claimed again after its lease, and the old holder can't finish it",
  async (t) => {
    const ctx = await build(t)
    const { jobs } = await createBatch(ctx, { owner: alice, videos: oneVideo, now: 100 })
    const jobId = jobs[0]!.job_id

    await claimNextJob(ctx, { workerId: 'dead', leaseSeconds: 30, now: 101 })
    t.equal(
      await claimNextJob(ctx, { workerId: 'w2', leaseSeconds: 30, now: 120 }),
      null,
      'lease still held',
    )
    const reclaimed = await claimNextJob(ctx, { workerId: 'w2', leaseSeconds: 30, now: 140 })
    t.match(reclaimed, { job_id: jobId, attempts: 2 })

    t.notOk(await extendLease(ctx, jobId, 'dead', 30, 141))
    t.ok(await extendLease(ctx, jobId, 'w2', 30, 141))
    await t.rejects(finishJob(ctx, jobId, 'dead', { status: 'failed', error: 'late' }, 142), {
      name: 'JobsTableError',
      code: 'lease_lost',
    })
    await finishJob(ctx, jobId, 'w2', { status: 'failed', error: 'not a video' }, 143)
    t.match(await getJob(ctx, jobId), { status: 'failed', error: 'not a video' })
  },
)
