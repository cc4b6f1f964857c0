import { GetCommand } from '@aws-sdk/lib-dynamodb'
import t from 'tap'
import { readAllPages, tampered } from '../fixtures/paging.js'
import {
  bodyOf,
  build,
  loadLegacyItems,
  markLegacyItems,
  postJson,
  upload,
} from '../fixtures/stack.js'
import type { Stack } from '../fixtures/stack.js'

const DONE = '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01'
const BARE = '5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5'
const FAILED = 'a3c1e0f4-8b2d-4c6e-9f10-1a2b3c4d5e6f'
const OWNED = 'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d'
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

interface OperatorJob {
  job_id: string
  user_id: string | null
  session_id: string
  created_at: number | null
  [field: string]: unknown
}
type JobList = { jobs: OperatorJob[]; next_cursor: string | null; user_id?: string }

const ids = (list: { jobs: { job_id: string }[] }) => list.jobs.map((job) => job.job_id)

async function legacyStack(t: Parameters<typeof build>[0], options = {}): Promise<Stack> {
  const stack = await build(t, options)
  await loadLegacyItems(stack.table)
  await markLegacyItems(stack.table)
  return stack
}

async function storedOwner(stack: Stack, jobId: string): Promise<unknown> {
  const { Item: item } = await stack.table.client.send(
    new GetCommand({ TableName: stack.table.tableName, Key: { job_id: jobId } }),
  )
  return item?.user_id
}

const assign = (stack: Stack, user: 'alice' | 'bob' | 'olga', jobId: string, userId: string) =>
  stack.call(user, `/admin/jobs/${jobId}/owner`, postJson({ user_id: userId }))

t.test("an operator lists any user's jobs, newest first, page by page", async (t) => {
  const stack = await build(t)
  const first = await upload(stack, 'alice', 2, 1_000)
  const second = await upload(stack, 'alice', 1, 2_000)
  await upload(stack, 'bob', 1, 3_000)
  const path = `/admin/users/${stack.users.alice.sub}/jobs`

  const list = await bodyOf<JobList>(await stack.call('olga', path))
  t.equal(list.user_id, stack.users.alice.sub)
  t.same(
    ids(list),
    [second.jobs[0], first.jobs[1], first.jobs[0]].map((job) => job?.job_id),
  )
  t.ok(
    list.jobs.every((job) => job.user_id === stack.users.alice.sub),
    'each names its owner',
  )
  t.notOk(JSON.stringify(list).includes(stack.users.alice.email), 'never the owner’s e-mail')

  const pages = (await readAllPages(stack, 'olga', `${path}?limit=1`)) as unknown as JobList[]
  t.same(pages.flatMap(ids), ids(list))

  const cursor = pages[0]?.next_cursor
  if (cursor === null || cursor === undefined) throw new Error('expected a next page')
  const bobsPath = `/admin/users/${stack.users.bob.sub}/jobs?cursor=${encodeURIComponent(cursor)}`
  for (const refused of [
    await stack.call('olga', bobsPath),
    await stack.call('olga', `${path}?cursor=${encodeURIComponent(tampered(cursor))}`),
    await stack.call('olga', `/my-jobs?cursor=${encodeURIComponent(cursor)}`),
  ]) {
    t.equal(refused.status, 400)
    t.equal((await bodyOf(refused)).code, 'cursor_invalid')
  }

  const nobody = await bodyOf<JobList>(await stack.call('olga', '/admin/users/nobody-sub/jobs'))
  t.same(nobody, { user_id: 'nobody-sub', jobs: [], next_cursor: null })
  const email = await stack.call('olga', '/admin/users/alice%40example.com/jobs')
  t.equal(email.status, 400, 'an owner id is a sub, not an e-mail address')
})

t.test('an operator lists the ownerless legacy jobs, newest first, page by page', async (t) => {
  const stack = await legacyStack(t)

  const list = await bodyOf<JobList>(await stack.call('olga', '/admin/legacy-jobs'))
  t.same(ids(list), [FAILED, DONE, BARE], 'a job without any time comes last')
  t.equal(list.next_cursor, null)
  t.match(list.jobs[1], { user_id: null, status: 'completed', session_id: DONE })
  t.match(list.jobs[2], { user_id: null, created_at: null, tool: 'detect_blackframes' })

  const pages = (await readAllPages(
    stack,
    'olga',
    '/admin/legacy-jobs?limit=2',
  )) as unknown as JobList[]
  t.same(
    pages.map((page) => ids(page).length),
    [2, 1],
  )
  t.same(pages.flatMap(ids), [FAILED, DONE, BARE])
})

t.test('an assigned legacy job becomes its owner’s, and leaves the legacy list', async (t) => {
  const stack = await legacyStack(t, { legacyPolicy: 'none' })
  const alice = stack.users.alice.sub
  const before = Date.now() / 1000

  const response = await assign(stack, 'olga', BARE, alice)

  t.equal(response.status, 200)
  const job = await bodyOf<OperatorJob>(response)
  t.match(job, { job_id: BARE, user_id: alice, session_id: BARE, status: 'completed' })
  t.ok(job.created_at !== null && job.created_at >= before, 'a job without any time gets now')

  const legacy = await bodyOf<JobList>(await stack.call('olga', '/admin/legacy-jobs'))
  t.same(ids(legacy), [FAILED, DONE])

  const myJobs = await bodyOf<JobList>(await stack.call('alice', '/my-jobs'))
  t.same(ids(myJobs), [BARE])
  const sessions = await bodyOf<{ sessions: { session_id: string; total_jobs: number }[] }>(
    await stack.call('alice', '/my-sessions'),
  )
  t.match(sessions.sessions, [{ session_id: BARE, total_jobs: 1, batch_number: 1 }])
  const sessionJobs = await bodyOf<JobList>(await stack.call('alice', `/session/${BARE}/jobs`))
  t.same(ids(sessionJobs), [BARE])
  t.equal((await stack.call('alice', `/jobs/${BARE}`)).status, 200, 'now readable by its owner')
  t.equal((await stack.call('bob', `/jobs/${BARE}`)).status, 404, 'and by nobody else')

  const dated = await bodyOf<OperatorJob>(await assign(stack, 'olga', DONE, alice))
  t.equal(dated.created_at, 1717400000, 'a job keeps the creation time it has')
})

t.test('only ownerless jobs can be assigned: owned is 409, unknown 404', async (t) => {
  const stack = await legacyStack(t)
  const { alice, bob } = stack.users
  await assign(stack, 'olga', BARE, alice.sub)

  for (const [jobId, userId] of [
    [BARE, alice.sub],
    [BARE, bob.sub],
    [OWNED, alice.sub],
  ] as const) {
    const conflict = await assign(stack, 'olga', jobId, userId)
    t.equal(conflict.status, 409, `${jobId} → ${userId}`)
    t.same(await conflict.json(), {
      statusCode: 409,
      code: 'owner_already_set',
      error: 'Conflict',
      message: 'The job already has an owner',
    })
  }
  t.equal(await storedOwner(stack, BARE), alice.sub, 'the first owner stays')

  for (const jobId of [UNKNOWN, 'not-a-job-id', `owner%23${alice.sub}`]) {
    const missing = await assign(stack, 'olga', jobId, alice.sub)
    t.equal(missing.status, 404, jobId)
    t.equal((await bodyOf(missing)).code, 'not_found')
  }

  for (const body of [{}, { user_id: '' }, { user_id: 'alice@example.com' }, { user: 'x' }]) {
    const invalid = await stack.call('olga', `/admin/jobs/${DONE}/owner`, postJson(body))
    t.equal(invalid.status, 400, JSON.stringify(body))
    t.equal((await bodyOf(invalid)).code, 'invalid_request')
  }
  t.equal(await storedOwner(stack, DONE), undefined)
})

t.test('to anyone but an operator, every admin route is a path that does not exist', async (t) => {
  const stack = await legacyStack(t)
  const unknown = await stack.call('alice', '/admin/no-such-route')
  t.equal(unknown.status, 404)
  const notFoundBytes = await unknown.text()

  const attempts: [string, RequestInit?][] = [
    [`/admin/users/${stack.users.alice.sub}/jobs`],
    [`/admin/users/${stack.users.bob.sub}/jobs?limit=1`],
    ['/admin/users/alice%40example.com/jobs?limit=abc'],
    ['/admin/legacy-jobs'],
    ['/admin/legacy-jobs?cursor=garbage'],
    [`/admin/jobs/${BARE}/owner`, postJson({ user_id: stack.users.alice.sub })],
    [`/admin/jobs/${BARE}/owner`, postJson({ user_id: '' })],
    [`/admin/jobs/${UNKNOWN}/owner`, postJson({ user_id: 'x' })],
    [
      `/admin/jobs/${BARE}/owner`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user_id": [' },
    ],
    [`/admin/jobs/${BARE}/owner`, { method: 'POST', body: 'plain text' }],
  ]
  for (const user of ['alice', 'bob'] as const) {
    for (const [path, init] of attempts) {
      const response = await stack.call(user, path, init)
      t.equal(response.status, 404, `${user}: ${init?.method ?? 'GET'} ${path}`)
      t.equal(await response.text(), notFoundBytes, `${user}: the bytes of an unknown path`)
    }
  }
  t.equal(await storedOwner(stack, BARE), undefined, 'nothing was assigned')

  const anonymous = await stack.call(null, '/admin/legacy-jobs')
  t.equal(anonymous.status, 401)
  t.equal((await bodyOf(anonymous)).code, 'auth_required')
})

t.test('operators are the members of the configured group', async (t) => {
  const stack = await legacyStack(t, { operatorGroup: 'support-team' })

  const response = await stack.call('olga', '/admin/legacy-jobs')
  t.equal(response.status, 404, 'membership of another group grants nothing')
  t.equal((await bodyOf(response)).code, 'not_found')
})
