import t from 'tap'
import { canReadJob, isKeyOwnedBy, isOwnedBy, safeFileName, uploadKey } from '../src/index.js'

const alice = { user_id: 'alice-sub', groups: [] }
const operator = { user_id: 'op-sub', groups: ['operators'] }
const open = { legacyPolicy: 'open', operatorGroup: 'operators' } as const

t.test('a job is readable by its owner only', async (t) => {
  t.ok(isOwnedBy({ user_id: 'alice-sub' }, 'alice-sub'))
  t.notOk(isOwnedBy({ user_id: 'bob-sub' }, 'alice-sub'))
  t.notOk(isOwnedBy({ user_id: null }, 'alice-sub'))
  t.ok(canReadJob({ user_id: 'alice-sub' }, alice, open))
  t.notOk(canReadJob({ user_id: 'bob-sub' }, alice, open))
  t.notOk(canReadJob({ user_id: 'bob-sub' }, operator, open), 'operators do not read by id')
})

t.test('ownerless legacy jobs follow the legacy policy', async (t) => {
  const legacy = { user_id: null }
  t.ok(canReadJob(legacy, alice, open))
  t.notOk(canReadJob(legacy, alice, { ...open, legacyPolicy: 'admins' }))
  t.ok(canReadJob(legacy, operator, { ...open, legacyPolicy: 'admins' }))
  t.notOk(canReadJob(legacy, operator, { ...open, legacyPolicy: 'none' }))
})

t.test('storage keys belong to a user only under their own prefix', async (t) => {
  t.ok(isKeyOwnedBy('users/alice-sub/sessions/s/clip.mp4', 'alice-sub'))
  t.notOk(isKeyOwnedBy('users/bob-sub/clip.mp4', 'alice-sub'))
  t.notOk(
    isKeyOwnedBy('users/alice-sub-2/clip.mp4', 'alice-sub'),
    'a longer user id is not a prefix',
  )
  t.notOk(isKeyOwnedBy('users/alice-sub/../bob-sub/clip.mp4', 'alice-sub'))
  t.notOk(isKeyOwnedBy('users/alice-sub/./clip.mp4', 'alice-sub'))
  t.notOk(isKeyOwnedBy('users/alice-sub//clip.mp4', 'alice-sub'))
  t.notOk(isKeyOwnedBy('users/alice-sub/a\\..\\b.mp4', 'alice-sub'))
  t.notOk(isKeyOwnedBy('users/alice-sub/clip\n.mp4', 'alice-sub'))
  t.notOk(isKeyOwnedBy('users/alice-sub/', 'alice-sub'), 'the prefix alone names no file')
  t.notOk(isKeyOwnedBy(`users/alice-sub/${'a'.repeat(1100)}`, 'alice-sub'))
})

t.test('file names are reduced to a safe last segment', async (t) => {
  t.equal(safeFileName('../../etc/passwd'), 'passwd')
  t.equal(safeFileName('C:\\videos\\clip.mp4'), 'clip.mp4')
  t.equal(safeFileName('..'), 'video')
  t.equal(safeFileName(undefined), 'video')
  t.equal(safeFileName('a\u0000b.mp4'), 'ab.mp4')
  t.equal(uploadKey('u', 's', 'j', '../x.mp4'), 'users/u/sessions/s/j/x.mp4')
})
