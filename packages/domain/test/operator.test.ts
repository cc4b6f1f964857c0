import t from 'tap'
import { AssignOwnerBodySchema, normalizeJobItem, ownerAssignment } from '../src/index.js'
import { toOperatorJobView } from '../src/index.js'

const JOB_ID = '5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5'

t.test('an owner id is a Cognito sub; empty ids and e-mail addresses are refused', async (t) => {
  t.ok(AssignOwnerBodySchema.safeParse({ user_id: '9f3e2a10-0c1d-4e5f-a6b7-c8d9e0f1a2b3' }).success)
  for (const bad of ['', ' ', 'alice@example.com', 'a b', 'x'.repeat(129), 'a\nb']) {
    t.notOk(AssignOwnerBodySchema.safeParse({ user_id: bad }).success, JSON.stringify(bad))
  }
  t.notOk(AssignOwnerBodySchema.safeParse({}).success)
})

t.test('assigning an owner fills in only a missing session and creation time', async (t) => {
  const bare = normalizeJobItem({ job_id: JOB_ID, job_status: 'completed' })
  t.same(ownerAssignment(bare, 'u-1', 1_900_000_000), {
    user_id: 'u-1',
    session_id: JOB_ID,
    created_at: 1_900_000_000,
  })

  const updatedOnly = normalizeJobItem({ job_id: JOB_ID, updated_at: 1_717_400_420 })
  t.equal(ownerAssignment(updatedOnly, 'u-1', 5).created_at, 1_717_400_420, 'the last update')

  const complete = normalizeJobItem({
    job_id: JOB_ID,
    created_at: 1_717_400_000,
    session_id: '4b9c7a2e-6f1d-4e3a-b2c1-0d9e8f7a6b5c',
  })
  t.same(ownerAssignment(complete, 'u-1', 5), { user_id: 'u-1' }, 'nothing else is rewritten')
})

t.test("an operator's view of a job names its owner", async (t) => {
  const job = normalizeJobItem({ job_id: JOB_ID, user_id: 'u-1', user_email: 'u@example.com' })
  const view = toOperatorJobView(job)
  t.equal(view.user_id, 'u-1')
  t.notOk('user_email' in view, 'never the owner’s e-mail')
  t.equal(toOperatorJobView(normalizeJobItem({ job_id: JOB_ID })).user_id, null)
})
