import t from 'tap'
import { bodyOf, build, postJson, upload } from './fixtures/stack.js'

const PROTECTED = [
  ['POST', '/job-status'],
  ['GET', '/jobs/0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01'],
  ['GET', '/my-jobs'],
  ['GET', '/my-sessions'],
  ['GET', '/session/0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01/jobs'],
  ['GET', '/admin/users/9f3e2a10-0c1d-4e5f-a6b7-c8d9e0f1a2b3/jobs'],
  ['GET', '/admin/legacy-jobs'],
  ['POST', '/admin/jobs/0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01/owner'],
] as const

t.test('every route refuses a request without a valid token', async (t) => {
  const stack = await build(t)

  for (const [method, path] of PROTECTED) {
    const init = method === 'POST' ? postJson({ job_ids: ['x'] }) : { method }
    const missing = await stack.call(null, path, init)
    t.equal(missing.status, 401, `${method} ${path} without a token`)
    t.equal((await bodyOf(missing)).code, 'auth_required')

    const forged = `${stack.users.alice.token.slice(0, -4)}AAAA`
    const headers = { ...init.headers, authorization: `Bearer ${forged}` }
    const bad = await fetch(`${stack.url}${path}`, { ...init, headers })
    t.equal(bad.status, 401, `${method} ${path} with a bad signature`)
    t.equal((await bodyOf(bad)).code, 'invalid_token')
  }
})

t.test('readiness follows the table; liveness answers at the gateway', async (t) => {
  const stack = await build(t)

  t.same(await (await fetch(`${stack.queryUrl}/readyz`)).json(), { status: 'ready' })
  t.equal((await fetch(`${stack.url}/healthz`)).status, 200)
})

t.test('the request id travels from the gateway into the service log', async (t) => {
  const stack = await build(t)
  const requestId = 'trace-0123456789'

  const response = await stack.call('alice', '/my-jobs', { headers: { 'x-request-id': requestId } })

  t.equal(response.status, 200)
  t.equal(response.headers.get('x-request-id'), requestId)
  const serviceLines = stack
    .logs()
    .split('\n')
    .filter((line) => line.includes('"service":"query-service"'))
  t.ok(
    serviceLines.some((line) => line.includes(`"reqId":"${requestId}"`)),
    'the query service logged under the same id',
  )
})

t.test('no e-mail address and no token reaches the log', async (t) => {
  const stack = await build(t)
  const batch = await upload(stack, 'alice', 2, 1_000)

  await stack.call('alice', '/my-jobs')
  await stack.call('alice', '/my-sessions')
  await stack.call('alice', `/session/${batch.sessionId}/jobs`)
  await stack.call('alice', `/jobs/${batch.jobs[0]?.job_id}`)
  await stack.call('alice', '/job-status', postJson({ job_ids: [batch.sessionId] }))
  await stack.call('bob', `/jobs/${batch.jobs[0]?.job_id}`)
  await stack.call('olga', `/admin/users/${stack.users.alice.sub}/jobs`)
  await stack.call('olga', '/admin/legacy-jobs')
  await stack.call('alice', '/admin/legacy-jobs')

  const logs = stack.logs()
  t.ok(logs.length > 0, 'something was logged')
  t.notOk(logs.includes(stack.users.alice.email), 'not alice’s e-mail')
  t.notOk(logs.includes(stack.users.bob.email), 'not bob’s e-mail')
  t.notOk(logs.includes(stack.users.olga.email), 'not the operator’s e-mail')
  t.notOk(logs.includes(stack.users.alice.token), 'not a token')
})

t.test('the gateway answers unknown paths and a down service itself', async (t) => {
  const stack = await build(t)

  for (const path of ['/nope', '/jobs', '/my-jobs/', '/jobs/a/b']) {
    const response = await stack.call('alice', path)
    t.equal(response.status, 404, path)
    t.equal((await bodyOf(response)).code, 'not_found', path)
  }

  const down = await stack.call('alice', '/analyze', postJson({ videos: [{ key: 'a.mp4' }] }))
  t.equal(down.status, 502)
  t.match(await down.json(), { statusCode: 502, code: 'upstream_unavailable' })
})
