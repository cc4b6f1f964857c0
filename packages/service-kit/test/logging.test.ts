import { idTokenFor } from '@proov/testkit'
import Fastify from 'fastify'
import { once } from 'node:events'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import t from 'tap'
import type { Test } from 'tap'
import { z } from 'zod'
import { createService, pathOf, rateLimits } from '../src/index.js'
import { bearer, cognitoAuth, testAuthOptions } from './fixtures/signed-in.js'

const PERSONAL = 'carol@example.com'
const COOKIE = 'session=cookie-secret-value'

async function build(t: Test) {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  const app = await createService({ name: 'logged', logger: { level: 'trace', stream } })
  await app.register(cognitoAuth, await testAuthOptions())
  await app.register(rateLimits, { max: 3 })

  app.post(
    '/notes/:note_id',
    {
      onRequest: app.authenticate,
      schema: { body: z.object({ text: z.string(), email: z.string() }) },
    },
    async (request, reply) => {
      // What a careless route might log: every header, and the caller with their e-mail.
      request.log.info({ headers: request.headers }, 'headers seen')
      request.log.info({ principal: request.principal, email: request.body.email }, 'note received')
      return reply.code(201).send({ ok: true })
    },
  )
  app.get('/broken', async () => {
    throw new Error('failed while reading')
  })
  t.teardown(() => app.close())
  return { app, output: () => lines.join('') }
}

t.test('no token, cookie, e-mail or query string reaches the log', async (t) => {
  const { app, output } = await build(t)
  const token = await idTokenFor('alice')
  const signature = token.split('.')[2] ?? ''
  const headers = { ...bearer(token), cookie: COOKIE }
  const query = `?email=${encodeURIComponent(PERSONAL)}&q=${PERSONAL}&cursor=opaque-cursor`
  const note = { text: `write to ${PERSONAL}`, email: PERSONAL }

  const answers = [
    await app.inject({ method: 'POST', url: `/notes/1${query}`, headers, payload: note }),
    await app.inject({
      method: 'POST',
      url: `/notes/2${query}`,
      headers: { ...bearer(`${token.slice(0, -4)}AAAA`), cookie: COOKIE },
      payload: note,
    }),
    await app.inject({
      method: 'POST',
      url: `/notes/3${query}`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: `{"email": "${PERSONAL}", `,
    }),
    await app.inject({
      method: 'POST',
      url: `/notes/4${query}`,
      headers,
      payload: { email: PERSONAL },
    }),
    await app.inject({ url: `/nothing-here${query}`, headers }),
    await app.inject({ url: `/broken${query}`, headers }),
    await app.inject({ url: `/%ZZ${query}`, headers }),
  ]
  t.same(
    answers.map((answer) => answer.statusCode),
    [201, 401, 400, 400, 404, 500, 400],
  )
  const limited = await app.inject({ method: 'POST', url: `/notes/6${query}`, headers })
  t.equal(limited.statusCode, 429)

  const log = output()
  t.match(log, '"url":"/notes/1"', 'request lines keep the path')
  t.match(log, '"authorization":"[redacted]"', 'logged headers are redacted, not dropped')
  t.notMatch(log, signature, 'no token')
  t.notMatch(log, /bearer/i, 'no authorization value')
  t.notMatch(log, 'cookie-secret-value', 'no cookie')
  t.notMatch(log, '@example.com', 'no e-mail address')
  t.notMatch(log, 'opaque-cursor', 'no query string')
  t.notMatch(log, 'email=', 'no query string')
})

t.test('a request Node cannot parse is logged without its raw bytes', async (t) => {
  const { app, output } = await build(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo

  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  socket.end(
    'GET /notes?email=' +
      PERSONAL +
      ' HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer raw-token-value\r\n' +
      'Content-Length: not-a-number\r\n\r\n',
  )
  socket.resume()
  await once(socket, 'close')

  const log = output()
  t.match(log, 'client error', 'the parse failure is logged')
  t.notMatch(log, 'raw-token-value')
  t.notMatch(log, '@example.com')
  t.notMatch(log, /"rawPacket":\{/, 'no raw request bytes')
})

t.test('a logger instance given by the caller gets the same hygiene', async (t) => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  // A plain Fastify logger: Fastify's own serializers, no redaction.
  const outer = Fastify({ logger: { level: 'info', stream } })
  const inner = await createService({ name: 'inner', logger: outer.log })
  inner.get('/echo', async (request) => {
    request.log.info({ headers: request.headers }, 'headers seen')
    return { ok: true }
  })
  t.teardown(async () => {
    await inner.close()
    await outer.close()
  })

  const answer = await inner.inject({
    url: `/echo?email=${PERSONAL}`,
    headers: { authorization: 'Bearer instance-token', cookie: COOKIE },
  })

  t.equal(answer.statusCode, 200)
  const log = lines.join('')
  t.match(log, '"service":"inner"')
  t.match(log, '"url":"/echo"')
  t.notMatch(log, 'instance-token')
  t.notMatch(log, 'cookie-secret-value')
  t.notMatch(log, '@example.com')
})

t.test('pathOf drops the query string and fragment only', async (t) => {
  t.equal(pathOf('/my-jobs?cursor=abc&status=failed'), '/my-jobs')
  t.equal(pathOf('/search?q=a@b.c#top'), '/search')
  t.equal(pathOf('/jobs/123'), '/jobs/123')
  t.equal(pathOf('/docs#x'), '/docs')
})
