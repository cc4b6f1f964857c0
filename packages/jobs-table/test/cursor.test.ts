import t from 'tap'
import { decodeCursor, encodeCursor } from '../src/index.js'

const key = { job_id: 'j', user_id: 'alice-sub', created_at: 12.5 }
const alice = { user_id: 'alice-sub', query: 'my-jobs|status=' }

t.test('a cursor round-trips for the same user and query', async (t) => {
  t.same(decodeCursor(encodeCursor(key, alice, 's3cret'), alice, 's3cret'), key)
})

t.test(
  'a cursor is refused for another user, another query, a changed byte or another secret',
  async (t) => {
    const cursor = encodeCursor(key, alice, 's3cret')
    const refused = (run: () => unknown, what: string) =>
      t.throws(run, { name: 'JobsTableError', code: 'cursor_invalid' }, what)

    refused(() => decodeCursor(cursor, { ...alice, user_id: 'bob-sub' }, 's3cret'), 'other user')
    refused(() => decodeCursor(cursor, { ...alice, query: 'my-sessions' }, 's3cret'), 'other query')
    refused(() => decodeCursor(cursor, alice, 'other'), 'other secret')
    const forged = encodeCursor({ ...key, user_id: 'bob-sub' }, alice, 'guess').split('.')[0]
    refused(
      () => decodeCursor(`${forged}.${cursor.split('.')[1]}`, alice, 's3cret'),
      'swapped payload',
    )
    refused(() => decodeCursor('garbage', alice, 's3cret'), 'garbage')
    refused(() => decodeCursor(`${cursor}.x`, alice, 's3cret'), 'extra part')
  },
)
