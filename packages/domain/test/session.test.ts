import t from 'tap'
import {
  legacySessionCount,
  normalizeJobItem,
  planBatch,
  sessionStatusOf,
  sessionsOfOwner,
  summarizeSession,
} from '../src/index.js'

const owner = { user_id: 'alice-sub', email: 'alice@example.com' }
const videos = ['a.mp4', 'b.mp4', 'c.mp4'].map((filename) => ({
  bucket: null,
  key: `users/alice-sub/${filename}`,
  tool: 'detect_blackframes' as const,
  filename,
}))

t.test("a new session's id is its first job's id and jobs keep upload order", async (t) => {
  const jobs = planBatch({
    owner,
    videos,
    session: null,
    nextBatchNumber: 4,
    now: 1_800_000_000,
    jobIds: ['j1', 'j2', 'j3'],
  })
  t.same(
    jobs.map((job) => [job.job_id, job.session_id, job.batch_number, job.position, job.status]),
    [
      ['j1', 'j1', 4, 0, 'queued'],
      ['j2', 'j1', 4, 1, 'queued'],
      ['j3', 'j1', 4, 2, 'queued'],
    ],
  )
  const times = jobs.map((job) => job.created_at ?? 0)
  t.ok(times[0]! < times[1]! && times[1]! < times[2]!, 'creation times are strictly increasing')
})

t.test('appending keeps the session id and batch number and continues positions', async (t) => {
  const jobs = planBatch({
    owner,
    videos: videos.slice(0, 1),
    session: { session_id: 's1', user_id: 'alice-sub', batch_number: 2, next_position: 5 },
    nextBatchNumber: 9,
    now: 1_800_000_000,
    jobIds: ['j9'],
  })
  t.equal(jobs[0]?.session_id, 's1')
  t.equal(jobs[0]?.batch_number, 2)
  t.equal(jobs[0]?.position, 5)
})

t.test('a batch needs videos and one id each', async (t) => {
  const base = { owner, session: null, nextBatchNumber: 1, now: 1 }
  t.throws(() => planBatch({ ...base, videos: [], jobIds: [] }))
  t.throws(() => planBatch({ ...base, videos, jobIds: ['only-one'] }))
})

t.test('session status and counts', async (t) => {
  const zero = { queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 }
  t.equal(sessionStatusOf({ ...zero, queued: 2 }), 'queued')
  t.equal(sessionStatusOf({ ...zero, queued: 1, completed: 1 }), 'processing')
  t.equal(sessionStatusOf({ ...zero, completed: 2 }), 'completed')
  t.equal(sessionStatusOf({ ...zero, completed: 2, failed: 1 }), 'partially_failed')
  t.equal(sessionStatusOf({ ...zero, failed: 2 }), 'failed')
  t.equal(sessionStatusOf({ ...zero, failed: 1, cancelled: 1 }), 'failed')
  t.equal(sessionStatusOf({ ...zero, cancelled: 1 }), 'cancelled')

  const jobs = [
    normalizeJobItem({ job_id: 'a', status: 'done', created_at: 10, updated_at: 30 }),
    normalizeJobItem({ job_id: 'b', status: 'failed', created_at: 11, updated_at: 20 }),
    normalizeJobItem({ job_id: 'c', job_status: 'queued' }),
  ]
  const summary = summarizeSession('a', jobs, 3)
  t.match(summary, {
    session_id: 'a',
    batch_number: 3,
    label: 'Upload Batch #3',
    created_at: 10,
    updated_at: 30,
    total_jobs: 3,
    completed_jobs: 1,
    failed_jobs: 1,
    queued_jobs: 1,
    status: 'processing',
  })
})

t.test(
  'sessions of an owner: newest first, legacy sessions numbered by creation order',
  async (t) => {
    const jobs = [
      normalizeJobItem({
        job_id: 'l1',
        user_id: 'u',
        session_id: 'old-a',
        status: 'done',
        created_at: 100,
      }),
      normalizeJobItem({
        job_id: 'l2',
        user_id: 'u',
        session_id: 'old-a',
        status: 'failed',
        created_at: 101,
      }),
      normalizeJobItem({
        job_id: 'l3',
        user_id: 'u',
        session_id: 'old-b',
        status: 'queued',
        created_at: 200,
      }),
      normalizeJobItem({
        job_id: 'n1',
        user_id: 'u',
        session_id: 'n1',
        status: 'queued',
        created_at: 300,
        batch_number: 3,
      }),
    ]
    const sessions = sessionsOfOwner(jobs)
    t.same(
      sessions.map((s) => [s.session_id, s.batch_number, s.total_jobs, s.status]),
      [
        ['n1', 3, 1, 'queued'],
        ['old-b', 2, 1, 'queued'],
        ['old-a', 1, 2, 'partially_failed'],
      ],
    )
    t.equal(legacySessionCount(jobs), 2)
    t.equal(legacySessionCount([]), 0)
  },
)

// Regression: appending to the oldest legacy session moved the next legacy session down to #1.
t.test('a legacy session appended to keeps its number, and so do the ones after it', async (t) => {
  const legacyJob = (jobId: string, sessionId: string, createdAt: number) =>
    normalizeJobItem({
      job_id: jobId,
      user_id: 'u',
      session_id: sessionId,
      status: 'done',
      created_at: createdAt,
    })
  const jobs = [
    legacyJob('l1', 'old-a', 100),
    legacyJob('l2', 'old-b', 200),
    normalizeJobItem({
      job_id: 'a1',
      user_id: 'u',
      session_id: 'old-a',
      status: 'queued',
      created_at: 300,
      batch_number: 1,
    }),
  ]

  t.same(
    sessionsOfOwner(jobs).map((s) => [s.session_id, s.batch_number]),
    [
      ['old-b', 2],
      ['old-a', 1],
    ],
  )
  t.equal(legacySessionCount(jobs), 2, 'a new session is numbered 3')
})
