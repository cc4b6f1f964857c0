import t from 'tap'
import { JobsTableError, isJobsTableError, jobsTableErrors } from '../src/index.js'

t.test('each error answers with the status of its code and keeps its cause', async (t) => {
  const cause = new Error('conditional check failed')
  const error = new JobsTableError('owner_already_set', 'The job already has an owner', { cause })

  t.equal(error.statusCode, 409)
  t.equal(error.cause, cause)
  t.ok(isJobsTableError(error, 'owner_already_set'))
  t.notOk(isJobsTableError(error, 'cursor_invalid'))
  t.equal(new JobsTableError('cursor_invalid', 'bad').statusCode, 400)
  for (const [code, { statusCode }] of Object.entries(jobsTableErrors)) {
    t.ok(statusCode >= 400 && statusCode < 500, `${code} is a client error`)
  }
})
