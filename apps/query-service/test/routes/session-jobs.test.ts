import { PutCommand } from '@aws-sdk/lib-dynamodb'
import t from 'tap'
import { readAllPages, tampered } from '../fixtures/paging.js'
import {
  bodyOf,
  build,
  loadLegacyItems,
  loadLegacyItemsOwnedBy,
  upload,
} from '../fixtures/stack.js'

interface SessionJobs {
  session_id: string
  batch_number: number | null
  label: string
  jobs: { job_id: string }[]
  next_cursor: string | null
}

t.test("a session's jobs in upload order, paged; nobody else's", async (t) => {
  const stack = await build(t)
  const batch = await upload(stack, 'alice', 3, 1_000)
  const appended = await upload(stack, 'alice', 2, 2_000, batch.sessionId)
  const uploadOrder = [...batch.jobs, ...appended.jobs].map((job) => job.job_id)

  const path = `/session/${batch.sessionId}/jobs`
  const pages = (await readAllPages(stack, 'alice', `${path}?limit=2`)) as unknown as SessionJobs[]
  t.same(
    pages.flatMap((page) => page.jobs.map((job) => job.job_id)),
    uploadOrder,
  )
  t.ok(pages.length >= 3)
  for (const page of pages) {
    t.match(page, { session_id: batch.sessionId, batch_number: 1, label: 'Upload Batch #1' })
  }

  const foreign = await stack.call('bob', path)
  const unknown = await stack.call('bob', '/session/00000000-0000-4000-8000-000000000000/jobs')
  t.equal(foreign.status, 404)
  t.equal(unknown.status, 404)
  t.equal(await foreign.text(), await unknown.text(), 'the same bytes')
})

t.test('a page right after the last job is empty but still the session', async (t) => {
  const stack = await build(t)
  const batch = await upload(stack, 'alice', 2, 1_000)

  const pages = (await readAllPages(
    stack,
    'alice',
    `/session/${batch.sessionId}/jobs?limit=2`,
  )) as unknown as SessionJobs[]

  t.same(
    pages.flatMap((page) => page.jobs.map((job) => job.job_id)),
    batch.jobs.map((job) => job.job_id),
  )
  t.equal(pages.at(-1)?.next_cursor, null)
  t.ok(pages.every((page) => page.batch_number === 1))
})

t.test('session cursors are bound to the user and to the session', async (t) => {
  const stack = await build(t)
  const one = await upload(stack, 'alice', 3, 1_000)
  const other = await upload(stack, 'alice', 3, 2_000)

  const first = (await (
    await stack.call('alice', `/session/${one.sessionId}/jobs?limit=1`)
  ).json()) as SessionJobs
  const cursor = first.next_cursor
  if (cursor === null) throw new Error('expected a next page')
  const query = `?limit=1&cursor=${encodeURIComponent(cursor)}`

  t.equal((await stack.call('alice', `/session/${one.sessionId}/jobs${query}`)).status, 200)
  for (const [user, sessionId, cursorOf] of [
    ['bob', one.sessionId, cursor],
    ['alice', other.sessionId, cursor],
    ['alice', one.sessionId, tampered(cursor)],
  ] as const) {
    const path = `/session/${sessionId}/jobs?limit=1&cursor=${encodeURIComponent(cursorOf)}`
    const response = await stack.call(user, path)
    t.equal(response.status, 400, `${user} ${sessionId}`)
    t.equal((await bodyOf(response)).code, 'cursor_invalid')
  }
})

t.test('seed-era sessions take their number from creation order', async (t) => {
  const stack = await build(t)
  await loadLegacyItemsOwnedBy(stack.table, stack.users.alice.sub)

  const older = await stack.call('alice', '/session/c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d/jobs')
  t.match(await older.json(), {
    session_id: 'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d',
    batch_number: 1,
    label: 'Upload Batch #1',
    jobs: [
      { job_id: 'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d', status: 'completed' },
      { job_id: 'd1e2f3a4-2222-4b3c-9d4e-5f6a7b8c9d0e', status: 'queued' },
    ],
    next_cursor: null,
  })

  // This session's id is not any job's id.
  const newer = await stack.call('alice', '/session/4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c/jobs')
  t.match(await newer.json(), {
    batch_number: 2,
    jobs: [{ job_id: 'e5f6a7b8-3333-4c4d-8e5f-6a7b8c9d0e1f', status: 'completed' }],
  })

  const asBob = await stack.call('bob', '/session/c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d/jobs')
  t.equal(asBob.status, 404)
})

t.test('an owned job from before sessions is a session of its own', async (t) => {
  const stack = await build(t)
  await loadLegacyItems(stack.table)
  const jobId = '11111111-2222-4333-8444-555555555555'
  await stack.table.client.send(
    new PutCommand({
      TableName: stack.table.tableName,
      Item: { job_id: jobId, status: 'done', user_id: stack.users.alice.sub, created_at: 1_700 },
    }),
  )

  const own = await stack.call('alice', `/session/${jobId}/jobs`)
  t.match(await own.json(), {
    session_id: jobId,
    batch_number: 1,
    jobs: [{ job_id: jobId, status: 'completed', session_id: jobId }],
  })
  t.equal((await stack.call('bob', `/session/${jobId}/jobs`)).status, 404)

  const ownerless = await stack.call('alice', '/session/0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01/jobs')
  t.equal(ownerless.status, 404, 'an ownerless legacy job is in nobody’s sessions')
})

t.test('limit is validated here too', async (t) => {
  const stack = await build(t)
  const batch = await upload(stack, 'alice', 1, 1_000)

  for (const limit of ['0', '-1', '101', 'abc', '']) {
    const response = await stack.call('alice', `/session/${batch.sessionId}/jobs?limit=${limit}`)
    t.equal(response.status, 400, `limit=${limit}`)
    t.equal((await bodyOf(response)).code, 'invalid_request')
  }
})
