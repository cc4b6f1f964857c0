import t from 'tap'
import { build, loadLegacyItems, upload } from '../fixtures/stack.js'

t.test('the owner reads a job; anyone else gets the bytes of a missing one', async (t) => {
  const stack = await build(t)
  const batch = await upload(stack, 'alice', 1, 1_000)
  const job = batch.jobs[0]
  if (job === undefined) throw new Error('the batch has no job')

  const own = await stack.call('alice', `/jobs/${job.job_id}`)
  t.equal(own.status, 200)
  t.same(await own.json(), {
    job_id: job.job_id,
    status: 'queued',
    tool: 'media_info',
    session_id: batch.sessionId,
    batch_number: 1,
    filename: job.filename,
    s3_bucket: 'local',
    s3_key: job.video.key,
    created_at: 1_000,
    updated_at: 1_000,
    result: null,
    error: null,
    summary: null,
  })

  const foreign = await stack.call('bob', `/jobs/${job.job_id}`)
  const missing = await stack.call('bob', '/jobs/00000000-0000-4000-8000-000000000000')
  const malformed = await stack.call('bob', '/jobs/not-a-job-id')
  const counter = await stack.call('alice', `/jobs/owner%23${stack.users.alice.sub}`)

  const bodies = await Promise.all([foreign, missing, malformed, counter].map((r) => r.text()))
  for (const response of [foreign, missing, malformed, counter]) t.equal(response.status, 404)
  t.equal(new Set(bodies).size, 1, 'the same bytes for each')
  t.same(JSON.parse(bodies[0] as string), {
    statusCode: 404,
    code: 'not_found',
    error: 'Not Found',
    message: 'Not found',
  })
})

t.test('legacy items read with the current model', async (t) => {
  const stack = await build(t)
  await loadLegacyItems(stack.table)

  const done = await (await stack.call('bob', '/jobs/0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01')).json()
  t.match(done, {
    status: 'completed',
    session_id: '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01',
    s3_key: 'uploads/spot_30s_final.mp4',
    filename: 'spot_30s_final.mp4',
    created_at: 1717400000,
    result: { blackframes: { count: 12 } },
    summary: { analysis_type: 'complete' },
  })

  const jobStatus = await stack.call('bob', '/jobs/5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5')
  t.match(await jobStatus.json(), {
    status: 'completed',
    tool: 'detect_blackframes',
    created_at: null,
  })

  const foreign = await stack.call('bob', '/jobs/c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d')
  t.equal(foreign.status, 404, 'a seed-era job of another owner stays hidden')
})

t.test('ownerless legacy jobs are hidden when the policy is none', async (t) => {
  const stack = await build(t, { legacyPolicy: 'none' })
  await loadLegacyItems(stack.table)

  const response = await stack.call('alice', '/jobs/0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01')
  t.equal(response.status, 404)
})
