import t from 'tap'
import { bodyOf, build, loadLegacyItems, postJson, upload } from '../fixtures/stack.js'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const notFound = (jobId: string) => ({
  job_id: jobId,
  status: 'not_found',
  result: null,
  error: null,
})

t.test('answers in request order; foreign, unknown and malformed ids are not_found', async (t) => {
  const stack = await build(t)
  const alice = await upload(stack, 'alice', 2, 1_000)
  const bob = await upload(stack, 'bob', 1, 1_001)
  const [first, second] = alice.jobs.map((job) => job.job_id) as [string, string]
  const bobs = bob.jobs[0]?.job_id as string

  const asked = [second, 'not-a-job-id', bobs, UNKNOWN, first, second]
  const response = await stack.call('alice', '/job-status', postJson({ job_ids: asked }))

  t.equal(response.status, 200)
  t.same(await response.json(), {
    success: true,
    statuses: [
      { job_id: second, status: 'queued', result: null, error: null },
      notFound('not-a-job-id'),
      notFound(bobs),
      notFound(UNKNOWN),
      { job_id: first, status: 'queued', result: null, error: null },
      { job_id: second, status: 'queued', result: null, error: null },
    ],
  })

  const asBob = await stack.call('bob', '/job-status', postJson({ job_ids: [first, bobs] }))
  t.same((await bodyOf(asBob)).statuses, [
    notFound(first),
    { job_id: bobs, status: 'queued', result: null, error: null },
  ])
})

t.test('legacy items read with normalized statuses under the open policy', async (t) => {
  const stack = await build(t)
  await loadLegacyItems(stack.table)

  const ids = [
    '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01',
    '5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5',
    'a3c1e0f4-8b2d-4c6e-9f10-1a2b3c4d5e6f',
    'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d',
  ]
  const response = await stack.call('bob', '/job-status', postJson({ job_ids: ids }))
  const { statuses } = await bodyOf<{ statuses: Record<string, unknown>[] }>(response)

  t.match(statuses[0], {
    status: 'completed',
    result: { summary: { blackframes_count: 12 } },
    error: null,
  })
  t.match(statuses[1], { status: 'completed', result: { count: 0, total_frames: 300 } })
  t.match(statuses[2], { status: 'failed', result: 'moov atom not found' })
  t.equal(statuses[2]?.error, 'moov atom not found')
  t.same(statuses[3], notFound(ids[3] as string), 'a seed-era job of another owner stays hidden')
})

t.test('ownerless legacy items are hidden under the none and admins policies', async (t) => {
  for (const legacyPolicy of ['none', 'admins'] as const) {
    const stack = await build(t, { legacyPolicy })
    await loadLegacyItems(stack.table)

    const id = '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01'
    const response = await stack.call('alice', '/job-status', postJson({ job_ids: [id] }))
    t.same((await bodyOf(response)).statuses, [notFound(id)], legacyPolicy)
  }
})

t.test('refuses a body that is not a list of 1 to 100 ids', async (t) => {
  const stack = await build(t)
  const tooMany = Array.from({ length: 101 }, () => UNKNOWN)

  for (const body of [
    {},
    { job_ids: [] },
    { job_ids: tooMany },
    { job_ids: [''] },
    { job_ids: 'x' },
  ]) {
    const response = await stack.call('alice', '/job-status', postJson(body))
    t.equal(response.status, 400, JSON.stringify(body).slice(0, 40))
    t.equal((await bodyOf(response)).code, 'invalid_request')
  }

  const notJson = await stack.call('alice', '/job-status', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"job_ids": [',
  })
  t.equal(notJson.status, 400)
  t.equal((await bodyOf(notJson)).code, 'invalid_request')
})
