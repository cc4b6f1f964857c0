import t from 'tap'
import { createCursors, cursorQuery } from '../src/cursors.js'

t.test('the bound query names the route and the given filters in a fixed order', async (t) => {
  t.equal(cursorQuery('GET /my-jobs'), 'GET /my-jobs?')
  t.equal(cursorQuery('GET /my-jobs', { status: undefined }), 'GET /my-jobs?')
  t.equal(cursorQuery('GET /x', { b: '2', a: '1 &=' }), 'GET /x?a=1+%26%3D&b=2')
  t.equal(cursorQuery('GET /x', { a: '1', b: '2' }), cursorQuery('GET /x', { b: '2', a: '1' }))
})

t.test('a cursor decodes only with the binding and secret it was made with', async (t) => {
  const cursors = createCursors('secret-one-of-enough-length')
  const binding = { user_id: 'alice', query: cursorQuery('GET /my-jobs') }
  const key = { job_id: 'j1', user_id: 'alice', created_at: 12 }

  const cursor = cursors.encode(key, binding)
  if (cursor === null) throw new Error('expected a cursor')

  t.equal(cursors.encode(null, binding), null)
  t.equal(cursors.decode(undefined, binding), null)
  t.same(cursors.decode(cursor, binding), key)
  t.throws(() => cursors.decode(cursor, { ...binding, user_id: 'bob' }), {
    code: 'cursor_invalid',
    statusCode: 400,
  })
  t.throws(() => createCursors('another-secret-of-length').decode(cursor, binding), {
    code: 'cursor_invalid',
  })
})
