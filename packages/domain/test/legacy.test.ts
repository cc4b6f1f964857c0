import t from 'tap'
import { readFileSync } from 'node:fs'
import { normalizeJobItem, JobSchema, toJobView } from '../src/index.js'

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/legacy-jobs.json', import.meta.url), 'utf8'),
) as { items: Record<string, unknown>[] }

const byId = (id: string) => {
  const item = fixture.items.find((candidate) => candidate.job_id === id)
  if (item === undefined) throw new Error(`fixture item ${id} is missing`)
  return normalizeJobItem(item)
}

t.test('every legacy item normalizes into a valid job without losing attributes', async (t) => {
  for (const item of fixture.items) {
    const job = normalizeJobItem(item)
    t.ok(JobSchema.safeParse(job).success, `${job.job_id} matches the job schema`)
    t.equal(job.job_id, item.job_id)
    for (const name of Object.keys(item)) {
      const kept =
        name in job || name in job.legacy || ['job_status', 's3_bucket', 's3_key'].includes(name)
      t.ok(kept, `${job.job_id}: attribute ${name} is kept`)
    }
  }
})

t.test('legacy done reads as completed and job_status reads as status', async (t) => {
  t.equal(byId('0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01').status, 'completed')
  t.equal(byId('5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5').status, 'completed')
  t.equal(byId('e5f6a7b8-3333-4c4d-8e5f-6a7b8c9d0e1f').status, 'completed')
  t.equal(byId('f0a1b2c3-4444-4d5e-9f6a-7b8c9d0e1f2a').status, 'processing')
})

t.test('video given as a JSON string or a map gives the same reference and tool', async (t) => {
  const fromString = byId('0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01')
  t.same(fromString.video, { bucket: 'example-videos', key: 'uploads/spot_30s_final.mp4' })
  t.equal(fromString.tool, 'analyze_video_complete')
  t.equal(fromString.filename, 'spot_30s_final.mp4')

  const fromMap = byId('5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5')
  t.equal(fromMap.tool, 'detect_blackframes')
  t.equal(fromMap.created_at, null, 'an item without times has no created_at')
})

t.test('results: JSON text is parsed, plain text of a failed job becomes its error', async (t) => {
  t.same(byId('5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5').result, {
    count: 0,
    total_frames: 300,
    frames: [],
    percentage: 0,
  })
  const failed = byId('a3c1e0f4-8b2d-4c6e-9f10-1a2b3c4d5e6f')
  t.equal(failed.status, 'failed')
  t.equal(failed.error, 'moov atom not found')
})

t.test('owner fields and a session id that is not a job id are kept', async (t) => {
  const job = byId('e5f6a7b8-3333-4c4d-8e5f-6a7b8c9d0e1f')
  t.equal(job.user_id, '9f3e2a10-0c1d-4e5f-a6b7-c8d9e0f1a2b3')
  t.equal(job.session_id, '4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c')
  t.equal(byId('0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01').user_id, null)
})

t.test('queue bookkeeping of the old system stays under legacy', async (t) => {
  const job = byId('d1e2f3a4-2222-4b3c-9d4e-5f6a7b8c9d0e')
  t.same(job.legacy, {
    sqs_message_id: '00000000-0000-4000-8000-000000000001',
    enqueued_at: 1730000002,
    enqueue_attempts: 1,
  })
})

t.test('odd shapes beyond the fixture', async (t) => {
  const unknownStatus = normalizeJobItem({ job_id: 'x', status: 'exploded', video: '{oops' })
  t.equal(unknownStatus.status, 'failed', 'an unreadable status is not reported as success')
  t.equal(unknownStatus.legacy.status, 'exploded')
  t.equal(unknownStatus.legacy.video, '{oops')

  const isoTime = normalizeJobItem({
    job_id: 'y',
    status: 'done',
    created_at: '2024-06-03T07:33:20Z',
  })
  t.equal(isoTime.created_at, 1717400000)

  const noStatus = normalizeJobItem({ job_id: 'z' })
  t.equal(noStatus.status, 'queued')
  t.equal(noStatus.tool, 'analyze_video_complete')
})

t.test('a job view carries no owner e-mail and names a session for ownerless jobs', async (t) => {
  const view = toJobView(byId('c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d'))
  t.notOk('user_email' in view)
  t.notOk('user_id' in view)
  t.equal(
    toJobView(byId('0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01')).session_id,
    '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01',
  )
})
