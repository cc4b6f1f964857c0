import { spawnSync } from 'node:child_process'
import { readFile, stat, writeFile } from 'node:fs/promises'
import t from 'tap'
import { dataLayout, ensureCursorSecret, readStackFile } from '../src/index.js'
import { removeStackFile, writeStackFile } from '../src/data-dir.js'
import type { StackFile } from '../src/index.js'

const stackFile = (pid: number): StackFile => ({
  gatewayUrl: 'http://127.0.0.1:3000',
  cognitoEndpoint: 'http://127.0.0.1:9229',
  userPoolId: 'local_abc',
  clientId: 'client123',
  dynamodbEndpoint: 'http://127.0.0.1:8000',
  tableName: 'proov_jobs',
  pid,
  startedAt: new Date().toISOString(),
})

t.test('the data folder keeps each part apart', async (t) => {
  const layout = dataLayout('/x/.data')

  t.same(layout, {
    root: '/x/.data',
    dynamodb: '/x/.data/dynamodb',
    cognito: '/x/.data/cognito',
    videos: '/x/.data/videos',
    secretsFile: '/x/.data/secrets.json',
    stackFile: '/x/.data/stack.json',
  })
})

t.test('the cursor secret is made once, kept private and reused', async (t) => {
  const layout = dataLayout(t.testdir())

  const first = await ensureCursorSecret(layout)
  const second = await ensureCursorSecret(layout)

  t.equal(second, first, 'a restart signs cursors with the same secret')
  t.ok(first.length >= 32)
  t.equal((await stat(layout.secretsFile)).mode & 0o777, 0o600)
  t.match(JSON.parse(await readFile(layout.secretsFile, 'utf8')), { cursor_secret: first })
})

t.test('a damaged secrets file is replaced by a fresh secret', async (t) => {
  const layout = dataLayout(t.testdir({ 'secrets.json': '{"cursor_secret": "short"' }))

  const secret = await ensureCursorSecret(layout)

  t.ok(secret.length >= 32)
  t.equal(await ensureCursorSecret(layout), secret)
})

t.test('the stack file is read back while its stack runs', async (t) => {
  const layout = dataLayout(t.testdir())
  const written = stackFile(process.pid)

  await writeStackFile(layout, written)

  t.same(await readStackFile(layout), written)
  await removeStackFile(layout)
  await t.rejects(readStackFile(layout), { code: 'stack_not_running' })
})

t.test('no stack file, a damaged one or a dead stack all mean "not running"', async (t) => {
  const missing = dataLayout(t.testdir())
  await t.rejects(readStackFile(missing), {
    name: 'InfraError',
    code: 'stack_not_running',
    message: /\.\/dev start/,
  })

  const damaged = dataLayout(t.testdir())
  await writeFile(damaged.stackFile, '{ not json')
  await t.rejects(readStackFile(damaged), { code: 'stack_not_running' })

  const ended = spawnSync(process.execPath, ['-e', ''])
  t.equal(ended.status, 0)
  const dead = dataLayout(t.testdir())
  await writeStackFile(dead, stackFile(ended.pid ?? 0))
  await t.rejects(readStackFile(dead), { code: 'stack_not_running', message: /has stopped/ })
})
