import t from 'tap'
import { isTerminalStatus, parseJobStatus } from '../src/index.js'

t.test('current statuses and legacy aliases parse, anything else does not', async (t) => {
  t.equal(parseJobStatus('queued'), 'queued')
  t.equal(parseJobStatus('done'), 'completed')
  t.equal(parseJobStatus(' DONE '), 'completed')
  t.equal(parseJobStatus('canceled'), 'cancelled')
  t.equal(parseJobStatus('exploded'), null)
  t.equal(parseJobStatus(3), null)
  t.equal(parseJobStatus(undefined), null)
})

t.test('terminal statuses', async (t) => {
  t.ok(isTerminalStatus('completed'))
  t.ok(isTerminalStatus('failed'))
  t.ok(isTerminalStatus('cancelled'))
  t.notOk(isTerminalStatus('queued'))
  t.notOk(isTerminalStatus('processing'))
})
