import t from 'tap'
import { readAllPages, tampered } from '../fixtures/paging.js'
import {
  bodyOf,
  build,
  loadLegacyItems,
  loadLegacyItemsOwnedBy,
  upload,
} from '../fixtures/stack.js'

interface SessionList {
  sessions: { session_id: string; batch_number: number; [field: string]: unknown }[]
  next_cursor: string | null
}

async function sessionsOf(stack: Awaited<ReturnType<typeof build>>, user: 'alice' | 'bob') {
  return (await (await stack.call(user, '/my-sessions')).json()) as SessionList
}

t.test('each user sees their own sessions, newest first, with job counts', async (t) => {
  const stack = await build(t)
  const first = await upload(stack, 'alice', 2, 1_000)
  const second = await upload(stack, 'alice', 1, 2_000)
  const bobs = await upload(stack, 'bob', 3, 3_000)

  const alice = await sessionsOf(stack, 'alice')
  t.same(alice.next_cursor, null)
  t.match(alice.sessions, [
    { session_id: second.sessionId, batch_number: 2, label: 'Upload Batch #2', total_jobs: 1 },
    {
      session_id: first.sessionId,
      batch_number: 1,
      created_at: 1_000,
      total_jobs: 2,
      queued_jobs: 2,
      status: 'queued',
    },
  ])
  t.equal(alice.sessions.length, 2)

  const bob = await sessionsOf(stack, 'bob')
  t.same(
    bob.sessions.map((session) => [session.session_id, session.batch_number, session.total_jobs]),
    [[bobs.sessionId, 1, 3]],
  )
})

t.test('paging sees every session once; cursors are bound to user and route', async (t) => {
  const stack = await build(t)
  const ids: string[] = []
  for (let i = 0; i < 5; i += 1) ids.push((await upload(stack, 'alice', 1, 1_000 + i)).sessionId)

  const pages = (await readAllPages(
    stack,
    'alice',
    '/my-sessions?limit=2',
  )) as unknown as SessionList[]
  t.same(
    pages.map((page) => page.sessions.length),
    [2, 2, 1],
  )
  t.same(
    pages.flatMap((page) => page.sessions.map((session) => session.session_id)),
    [...ids].reverse(),
  )

  const cursor = pages[0]?.next_cursor
  if (typeof cursor !== 'string') throw new Error('expected a next page')
  const path = (c: string) => `/my-sessions?limit=2&cursor=${encodeURIComponent(c)}`

  const asBob = await stack.call('bob', path(cursor))
  t.equal(asBob.status, 400)
  t.equal((await bodyOf(asBob)).code, 'cursor_invalid')
  t.equal((await stack.call('alice', path(tampered(cursor)))).status, 400)

  const jobsPage = await stack.call('alice', '/my-jobs?limit=1')
  const jobsCursor = String((await bodyOf(jobsPage)).next_cursor)
  const crossed = await stack.call('alice', path(jobsCursor))
  t.equal(crossed.status, 400, 'a my-jobs cursor does not page sessions')
  t.equal((await bodyOf(crossed)).code, 'cursor_invalid')

  t.equal((await stack.call('alice', '/my-sessions?limit=0')).status, 400)
})

t.test('seed-era sessions are numbered by creation order, new ones after them', async (t) => {
  const stack = await build(t)
  await loadLegacyItemsOwnedBy(stack.table, stack.users.alice.sub)

  const before = await sessionsOf(stack, 'alice')
  t.match(before.sessions, [
    {
      session_id: '4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c',
      batch_number: 2,
      total_jobs: 1,
      completed_jobs: 1,
      status: 'completed',
      created_at: 1731000000,
    },
    {
      session_id: 'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d',
      batch_number: 1,
      total_jobs: 2,
      completed_jobs: 1,
      queued_jobs: 1,
      status: 'processing',
    },
  ])

  const fresh = await upload(stack, 'alice', 1, 1_800_000_000)
  t.equal(fresh.batchNumber, 3)
  const after = await sessionsOf(stack, 'alice')
  t.same(
    after.sessions.map((session) => [session.session_id, session.batch_number]),
    [
      [fresh.sessionId, 3],
      ['4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c', 2],
      ['c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d', 1],
    ],
  )
})

// Regression: appending to the oldest seed-era session renumbered the next one to #1.
t.test('appending to a seed-era session keeps every session number', async (t) => {
  const stack = await build(t)
  await loadLegacyItemsOwnedBy(stack.table, stack.users.alice.sub)

  const appended = await upload(
    stack,
    'alice',
    1,
    1_800_000_000,
    'c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d',
  )
  t.equal(appended.batchNumber, 1)
  const fresh = await upload(stack, 'alice', 1, 1_800_000_100)

  const sessions = await sessionsOf(stack, 'alice')
  t.same(
    sessions.sessions.map((session) => [session.session_id, session.batch_number]),
    [
      [fresh.sessionId, 3],
      ['4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c', 2],
      ['c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d', 1],
    ],
  )
})

t.test("ownerless and other owners' legacy jobs form nobody's sessions", async (t) => {
  const stack = await build(t)
  await loadLegacyItems(stack.table)

  t.same((await sessionsOf(stack, 'alice')).sessions, [])
  t.same((await sessionsOf(stack, 'bob')).sessions, [])
})
