import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import type { Test } from 'tap'
import { createSigningKeyStore, publicKeysOf } from '../src/signing-keys.js'
import {
  CLIENT_ID,
  bearer,
  buildApp,
  closedIssuer,
  idClaims,
  newPoolKey,
  signToken,
  startJwksServer,
} from './fixtures/cognito-pool.js'

const poolKey = newPoolKey('pool-key')

async function callMe(app: Awaited<ReturnType<typeof buildApp>>['app'], token: string) {
  return app.inject({ method: 'GET', url: '/me', headers: bearer(token) })
}

t.test('a JWKS host that refuses connections with no key cached answers 503 at once', async (t) => {
  const issuer = await closedIssuer(t)
  const { app, logs } = await buildApp(t, { issuer, clientIds: [CLIENT_ID] })
  const token = signToken(poolKey, idClaims(issuer))

  const started = Date.now()
  const response = await callMe(app, token)

  t.equal(response.statusCode, 503)
  t.same(response.json(), {
    statusCode: 503,
    code: 'auth_unavailable',
    error: 'Service Unavailable',
    message: 'Authentication is temporarily unavailable',
  })
  t.ok(Date.now() - started < 1_000, 'answered without waiting')
  t.match(logs.join(''), 'jwks_unavailable')
  t.notOk(logs.join('').includes(token), 'the token is not logged')
})

t.test('a JWKS host that never answers is given up after the timeout', async (t) => {
  const jwks = await startJwksServer(t, [poolKey], { hang: true })
  const { app } = await buildApp(t, {
    issuer: jwks.issuer,
    clientIds: [CLIENT_ID],
    jwksTimeoutMs: 300,
  })
  const token = signToken(poolKey, idClaims(jwks.issuer))

  const started = Date.now()
  const answers = await Promise.all([callMe(app, token), callMe(app, token)])
  const elapsed = Date.now() - started

  t.same(
    answers.map((answer) => answer.json().code),
    ['auth_unavailable', 'auth_unavailable'],
  )
  t.ok(elapsed >= 250 && elapsed < 1_500, `answered after the timeout (${elapsed} ms)`)
  t.equal(jwks.fetches(), 1, 'concurrent requests share one fetch')

  const again = Date.now()
  t.equal((await callMe(app, token)).json().code, 'auth_unavailable')
  t.ok(Date.now() - again < 200, 'within the cooldown the next request does not wait again')
  t.equal(jwks.fetches(), 1)
})

t.test('cached keys keep working while the JWKS host is down', async (t) => {
  const jwks = await startJwksServer(t, [poolKey])
  const { app } = await buildApp(t, { issuer: jwks.issuer, clientIds: [CLIENT_ID] })
  t.equal((await callMe(app, signToken(poolKey, idClaims(jwks.issuer)))).statusCode, 200)

  await jwks.stop()

  t.equal((await callMe(app, signToken(poolKey, idClaims(jwks.issuer)))).statusCode, 200)
  const stranger = signToken(newPoolKey(), idClaims(jwks.issuer), { kid: 'other' })
  t.equal((await callMe(app, stranger)).statusCode, 401, 'within the cooldown: no fetch, rejected')
})

async function startStatusServer(t: Test, status: number, body: string): Promise<string> {
  const server = createServer((_request, response) => response.writeHead(status).end(body))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/local_pool1`
}

t.test('a JWKS host that answers an error or junk is unavailable, not a bad token', async (t) => {
  for (const [status, body] of [
    [500, '{"message":"boom"}'],
    [200, '<html>maintenance</html>'],
    [200, '{"keys":[]}'],
    [302, ''],
  ] as const) {
    const issuer = await startStatusServer(t, status, body)
    const store = createSigningKeyStore({ issuer, cooldownMs: 10_000, timeoutMs: 1_000 })
    await t.rejects(
      store.publicKeyFor('pool-key'),
      { code: 'auth_unavailable' },
      `${status} ${body}`,
    )
  }
})

t.test('the store fetches once for concurrent lookups of the same new key', async (t) => {
  const jwks = await startJwksServer(t, [poolKey])
  const store = createSigningKeyStore({ issuer: jwks.issuer, cooldownMs: 0, timeoutMs: 1_000 })

  const keys = await Promise.all(Array.from({ length: 10 }, () => store.publicKeyFor('pool-key')))

  t.equal(new Set(keys).size, 1)
  t.match(keys[0], /BEGIN PUBLIC KEY/)
  t.equal(jwks.fetches(), 1)
})

t.test('an old key set is refreshed in the background and drops removed keys', async (t) => {
  const served = [poolKey]
  const jwks = await startJwksServer(t, served)
  const store = createSigningKeyStore({
    issuer: jwks.issuer,
    cooldownMs: 0,
    timeoutMs: 1_000,
    maxAgeMs: 50,
  })
  await store.publicKeyFor('pool-key')
  served.length = 0
  served.push(newPoolKey('successor'))

  await new Promise((resolve) => setTimeout(resolve, 80))
  t.ok(await store.publicKeyFor('pool-key'), 'answered from the cache while refreshing')
  await new Promise((resolve) => setTimeout(resolve, 100))

  await t.rejects(store.publicKeyFor('pool-key'), { message: 'kid_unknown' })
  t.ok(await store.publicKeyFor('successor'))
})

t.test('only RSA signing keys for RS256 are taken from a JWKS', async (t) => {
  const jwk = { ...poolKey.publicKey.export({ format: 'jwk' }), kid: 'good', alg: 'RS256' }
  const keys = publicKeysOf({
    keys: [
      jwk,
      { ...jwk, kid: 'encryption', use: 'enc' },
      { ...jwk, kid: 'rs512', alg: 'RS512' },
      { ...jwk, kid: 'weak', n: 'AQAB' },
      { kty: 'RSA', kid: 'broken', n: jwk.n },
      { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'AA', y: 'AA' },
      { ...jwk, kid: '' },
      'junk',
    ],
  })

  t.same([...keys.keys()], ['good'])
  t.same(publicKeysOf(null).size, 0)
  t.same(publicKeysOf({ keys: 'none' }).size, 0)
})
