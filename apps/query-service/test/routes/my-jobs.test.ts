import t from 'tap'
import { readAllPages, tampered } from '../fixtures/paging.js'
import {
  bodyOf,
  build,
  loadLegacyItems,
  loadLegacyItemsOwnedBy,
  upload,
} from '../fixtures/stack.js'

type JobList = { jobs: { job_id: string }[]; next_cursor: string | null; user_email: string }

t.test('each user sees their own jobs, newest first, and their own e-mail', async (t) => {
  const stack = await build(t)
  const first = await upload(stack, 'alice', 2, 1_000)
  const second = await upload(stack, 'alice', 1, 2_000)
  await upload(stack, 'bob', 1, 3_000)

  const alice = (await (await stack.call('alice', '/my-jobs')).json()) as JobList
  const newestFirst = [second.jobs[0], first.jobs[1], first.jobs[0]].map((job) => job?.job_id)
  t.same(
    alice.jobs.map((job) => job.job_id),
    newestFirst,
  )
  t.equal(alice.user_email, stack.users.alice.email)
  t.equal(alice.next_cursor, null)

  const bob = (await (await stack.call('bob', '/my-jobs')).json()) as JobList
  t.equal(bob.jobs.length, 1)
  t.equal(bob.user_email, stack.users.bob.email)
})

t.test('paging with limit 2 sees every job once, in order', async (t) => {
  const stack = await build(t)
  const created: string[] = []
  for (let i = 0; i < 3; i += 1) {
    const batch = await upload(stack, 'alice', 2, 1_000 + i)
    created.push(...batch.jobs.map((job) => job.job_id))
  }
  const last = await upload(stack, 'alice', 1, 2_000)
  created.push(...last.jobs.map((job) => job.job_id))

  const pages = (await readAllPages(stack, 'alice', '/my-jobs?limit=2')) as unknown as JobList[]

  t.equal(pages.length, 4)
  t.ok(pages.every((page) => page.jobs.length <= 2))
  t.same(
    pages.flatMap((page) => page.jobs.map((job) => job.job_id)),
    [...created].reverse(),
  )
})

t.test('a status filter pages within that status only', async (t) => {
  const stack = await build(t)
  for (let i = 0; i < 3; i += 1) await upload(stack, 'alice', 1, 1_000 + i)

  const pages = (await readAllPages(
    stack,
    'alice',
    '/my-jobs?limit=2&status=queued',
  )) as unknown as JobList[]
  t.equal(pages.flatMap((page) => page.jobs).length, 3)

  const none = (await (await stack.call('alice', '/my-jobs?status=failed')).json()) as JobList
  t.same(none.jobs, [])

  const legacySpelling = await stack.call('alice', '/my-jobs?status=done')
  t.equal(legacySpelling.status, 200, 'the old spelling done filters completed jobs')
  const unknown = await stack.call('alice', '/my-jobs?status=exploded')
  t.equal(unknown.status, 400)
})

t.test('limit must be a whole number from 1 to 100', async (t) => {
  const stack = await build(t)

  for (const limit of ['0', '-1', '101', 'abc', '', '1.5', '1e2']) {
    const response = await stack.call('alice', `/my-jobs?limit=${limit}`)
    t.equal(response.status, 400, `limit=${limit}`)
    t.equal((await bodyOf(response)).code, 'invalid_request', `limit=${limit}`)
  }
  t.equal((await stack.call('alice', '/my-jobs?limit=100')).status, 200)
})

t.test('a cursor works only for its user and its query, and only unaltered', async (t) => {
  const stack = await build(t)
  for (let i = 0; i < 3; i += 1) await upload(stack, 'alice', 1, 1_000 + i)

  const first = (await (await stack.call('alice', '/my-jobs?limit=1')).json()) as JobList
  const cursor = first.next_cursor
  if (cursor === null) throw new Error('expected a next page')
  const withCursor = (c: string) => `/my-jobs?limit=1&cursor=${encodeURIComponent(c)}`

  t.equal((await stack.call('alice', withCursor(cursor))).status, 200)

  const asBob = await stack.call('bob', withCursor(cursor))
  t.equal(asBob.status, 400)
  t.equal((await bodyOf(asBob)).code, 'cursor_invalid')

  for (const altered of [tampered(cursor), `x${cursor}`, 'garbage', `${cursor}.extra`]) {
    const response = await stack.call('alice', withCursor(altered))
    t.equal(response.status, 400)
    t.equal((await bodyOf(response)).code, 'cursor_invalid')
  }

  const otherQuery = await stack.call('alice', `${withCursor(cursor)}&status=queued`)
  t.equal(otherQuery.status, 400, 'a cursor does not carry over to another filter')
  t.equal((await bodyOf(otherQuery)).code, 'cursor_invalid')
})

t.test("seed-era jobs appear in their owner's list; ownerless ones in nobody's", async (t) => {
  const stack = await build(t)
  await loadLegacyItemsOwnedBy(stack.table, stack.users.alice.sub)

  const alice = (await (await stack.call('alice', '/my-jobs')).json()) as JobList
  t.same(
    alice.jobs.map((job) => job.job_id),
    [
      'e5f6a7b8-3333-4c4d-8e5f-6a7b8c9d0e1f',
      'd1e2f3a4-2222-4b3c-9d4e-5f6a7b8c9d0e',
      'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d',
    ],
  )
  t.match(alice.jobs[0], { status: 'completed', tool: 'detect_blackframes' })

  const bob = (await (await stack.call('bob', '/my-jobs')).json()) as JobList
  t.same(bob.jobs, [])
})

t.test('legacy items under their original owner do not leak to demo users', async (t) => {
  const stack = await build(t)
  await loadLegacyItems(stack.table)

  for (const user of ['alice', 'bob'] as const) {
    const list = (await (await stack.call(user, '/my-jobs')).json()) as JobList
    t.same(list.jobs, [], user)
  }
})
