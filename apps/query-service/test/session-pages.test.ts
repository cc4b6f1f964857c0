import { summarizeSession } from '@proov/domain'
import type { SessionSummary } from '@proov/domain'
import t from 'tap'
import { pageOfSessions } from '../src/session-pages.js'

function session(id: string, createdAt: number | null): SessionSummary {
  return { ...summarizeSession(id, [], 1), created_at: createdAt }
}

// The order sessionsOfOwner answers in: untimed first, then newest first, ties by id descending.
const sessions = [
  session('untimed', null),
  session('s4', 400),
  session('s3b', 300),
  session('s3a', 300),
  session('s1', 100),
]

t.test('pages follow one another without gaps or repeats', async (t) => {
  const seen: string[] = []
  let page = pageOfSessions(sessions, null, 2)
  seen.push(...page.sessions.map((s) => s.session_id))
  while (page.last !== null) {
    page = pageOfSessions(sessions, page.last, 2)
    seen.push(...page.sessions.map((s) => s.session_id))
  }

  t.same(seen, ['untimed', 's4', 's3b', 's3a', 's1'])
})

t.test('the last page says nothing follows; an exact fit too', async (t) => {
  t.equal(pageOfSessions(sessions, null, 5).last, null)
  t.same(pageOfSessions(sessions, null, 4).last, { session_id: 's3a', created_at: 300 })
  t.same(pageOfSessions([], null, 3), { sessions: [], last: null })
})

t.test('a session removed since the last page does not shift the next one', async (t) => {
  const withoutS3b = sessions.filter((s) => s.session_id !== 's3b')

  const next = pageOfSessions(withoutS3b, { session_id: 's3b', created_at: 300 }, 2)

  t.same(
    next.sessions.map((s) => s.session_id),
    ['s3a', 's1'],
  )
  t.equal(next.last, null)
})

t.test('a cursor past the end answers an empty page', async (t) => {
  t.same(pageOfSessions(sessions, { session_id: 's0', created_at: 1 }, 2), {
    sessions: [],
    last: null,
  })
})
