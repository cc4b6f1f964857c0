import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { DEMO_USERS, ensureUserPool, startCognitoLocal } from '../src/index.js'

const POOL = { poolName: 'proov-test', clientName: 'proov-test-web', users: DEMO_USERS }

t.test('answers on a free port and keeps its pools in the data directory', async (t) => {
  const dataDir = t.testdir()

  const first = await startCognitoLocal({ dataDir })
  t.match(first.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/)
  const before = await ensureUserPool({ endpoint: first.endpoint, ...POOL })
  await first.stop()

  await t.rejects(fetch(`${first.endpoint}/health`), 'nothing answers after stop')

  const second = await startCognitoLocal({ dataDir })
  t.teardown(() => second.stop())
  const after = await ensureUserPool({ endpoint: second.endpoint, ...POOL })
  t.equal(after.userPoolId, before.userPoolId)
  t.equal(after.clientId, before.clientId)
})

t.test('a crash at start reports the end of its output', async (t) => {
  const dataDir = t.testdir()
  await mkdir(join(dataDir, '.cognito'))
  await writeFile(join(dataDir, '.cognito', 'config.json'), '{ not json')

  await t.rejects(startCognitoLocal({ dataDir }), {
    name: 'LocalStackError',
    code: 'emulator_start_failed',
    message: /cognito-local exited with code \d+; its output ended with:\n\S/,
  })
})

t.test('an IPv6 host is refused before anything starts', async (t) => {
  await t.rejects(startCognitoLocal({ dataDir: t.testdir(), host: '::1' }), {
    code: 'emulator_start_failed',
  })
})
