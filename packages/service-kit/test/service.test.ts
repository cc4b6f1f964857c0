import t from 'tap'
import type { Test } from 'tap'
import { Writable } from 'node:stream'
import { z } from 'zod'
import { ApiError, createService } from '../src/index.js'

function captureLogs() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { lines, logger: { stream, level: 'info' } }
}

async function build(t: Test) {
  const logs = captureLogs()
  const app = await createService({ name: 'test-service', logger: logs.logger })
  app.get('/refused', async () => {
    throw new ApiError('cursor_invalid')
  })
  app.get('/broken', async (request) => {
    request.log.info({ email: 'someone@example.com' }, 'about to fail')
    throw new Error('database password is hunter2')
  })
  app.get(
    '/typed',
    { schema: { querystring: z.object({ n: z.coerce.number().int() }) } },
    async () => ({ ok: true }),
  )
  t.teardown(() => app.close())
  return { app, logs }
}

t.test('catalogued errors keep their code and status', async (t) => {
  const { app } = await build(t)
  const answer = await app.inject('/refused')
  t.equal(answer.statusCode, 400)
  t.same(answer.json(), {
    statusCode: 400,
    code: 'cursor_invalid',
    error: 'Bad Request',
    message: 'The cursor is not valid for this request',
  })
})

t.test('an unexpected fault is a generic 500 to the caller and complete in the log', async (t) => {
  const { app, logs } = await build(t)
  const answer = await app.inject('/broken')
  t.equal(answer.statusCode, 500)
  t.equal(answer.json().code, 'internal_error')
  t.notMatch(answer.body, /hunter2/)
  t.match(logs.lines.join(''), /hunter2/, 'the log has the whole error')
  t.notMatch(logs.lines.join(''), /someone@example\.com/, 'e-mail addresses are redacted')
})

t.test('validation errors and unknown routes use the same shape', async (t) => {
  const { app } = await build(t)
  const invalid = await app.inject('/typed?n=abc')
  t.equal(invalid.statusCode, 400)
  t.equal(invalid.json().code, 'invalid_request')
  const missing = await app.inject('/nothing-here')
  t.equal(missing.statusCode, 404)
  t.same(missing.json(), {
    statusCode: 404,
    code: 'not_found',
    error: 'Not Found',
    message: 'Not found',
  })
})

t.test('a well-formed request id is kept, anything else replaced', async (t) => {
  const { app } = await build(t)
  const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-12345678' } })
  t.equal(kept.headers['x-request-id'], 'abc-12345678')
  const replaced = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\r\n' } })
  t.not(replaced.headers['x-request-id'], 'bad id\r\n')
  t.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/)
})

t.test('readiness follows the check', async (t) => {
  let ready = false
  const app = await createService({ name: 'r', logger: false, isReady: async () => ready })
  t.teardown(() => app.close())
  t.equal((await app.inject('/readyz')).statusCode, 503)
  ready = true
  t.equal((await app.inject('/readyz')).statusCode, 200)
})
