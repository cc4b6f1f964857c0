import { idTokenFor } from '@proov/testkit'
import t from 'tap'
import type { Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  DEFAULT_RATE_LIMITS,
  createService,
  rateLimitSettingsFromEnv,
  rateLimits,
} from '../src/index.js'
import type { RateLimitOptions } from '../src/index.js'
import { bearer, cognitoAuth, testAuthOptions } from './fixtures/signed-in.js'

async function build(t: Test, limits: RateLimitOptions) {
  const app = await createService({ name: 'limited', logger: false })
  await app.register(cognitoAuth, await testAuthOptions())
  await app.register(rateLimits, limits)
  app.get('/mine', { onRequest: app.authenticate }, async (request) => ({
    user_id: request.principal.user_id,
  }))
  app.post('/analyze', { onRequest: app.authenticate }, async (_request, reply) =>
    reply.code(202).send({ success: true }),
  )
  app.get('/public', async () => ({ ok: true }))
  t.teardown(() => app.close())
  await app.ready()
  return app
}

t.test('a user over the limit gets 429 with Retry-After; another user is unaffected', async (t) => {
  const app = await build(t, { max: 3, timeWindowMs: 60_000 })
  const alice = bearer(await idTokenFor('alice'))
  const bob = bearer(await idTokenFor('bob'))

  for (let n = 1; n <= 3; n++) {
    const allowed = await app.inject({ url: '/mine', headers: alice })
    t.equal(allowed.statusCode, 200, `request ${n} is within the limit`)
    t.equal(allowed.headers['x-ratelimit-remaining'], String(3 - n))
  }

  const refused = await app.inject({ url: '/mine', headers: alice })
  t.equal(refused.statusCode, 429)
  t.same(refused.json(), {
    statusCode: 429,
    code: 'rate_limited',
    error: 'Too Many Requests',
    message: 'Too many requests',
  })
  const retryAfter = Number(refused.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After is ${refused.headers['retry-after']}`)
  t.ok(refused.headers['x-request-id'], 'the refusal carries the request id')

  // Both come from the same address: the verified user is what is counted.
  t.equal((await app.inject({ url: '/mine', headers: bob })).statusCode, 200)
})

t.test('the limit resets once the window has passed', async (t) => {
  const app = await build(t, { max: 1, timeWindowMs: 1000 })
  const alice = bearer(await idTokenFor('alice'))

  t.equal((await app.inject({ url: '/mine', headers: alice })).statusCode, 200)
  t.equal((await app.inject({ url: '/mine', headers: alice })).statusCode, 429)

  await sleep(1100)
  t.equal((await app.inject({ url: '/mine', headers: alice })).statusCode, 200)
})

t.test('requests that fail authentication are not counted against the user', async (t) => {
  const app = await build(t, { max: 2 })
  const token = await idTokenFor('alice')
  const forged = `${token.slice(0, -4)}AAAA`

  for (let n = 0; n < 5; n++) {
    const rejected = await app.inject({ url: '/mine', headers: bearer(forged) })
    t.equal(rejected.statusCode, 401)
  }

  t.equal((await app.inject({ url: '/mine', headers: bearer(token) })).statusCode, 200)
  t.equal((await app.inject({ url: '/mine', headers: bearer(token) })).statusCode, 200)
  t.equal((await app.inject({ url: '/mine', headers: bearer(token) })).statusCode, 429)
})

t.test('a route limit is counted apart from the service limit', async (t) => {
  const app = await build(t, { max: 5, routes: { 'POST /analyze': 1 } })
  const alice = bearer(await idTokenFor('alice'))

  t.equal((await app.inject({ method: 'POST', url: '/analyze', headers: alice })).statusCode, 202)
  const refused = await app.inject({ method: 'POST', url: '/analyze', headers: alice })
  t.equal(refused.statusCode, 429)
  t.equal(refused.json().code, 'rate_limited')
  t.ok(refused.headers['retry-after'])

  const read = await app.inject({ url: '/mine', headers: alice })
  t.equal(read.statusCode, 200)
  t.equal(read.headers['x-ratelimit-remaining'], '4', 'the uploads did not use up the reads')
})

t.test('unauthenticated routes are counted per client address', async (t) => {
  const app = await build(t, { max: 2 })

  for (const remoteAddress of ['10.0.0.1', '10.0.0.1']) {
    t.equal((await app.inject({ url: '/public', remoteAddress })).statusCode, 200)
  }
  t.equal((await app.inject({ url: '/public', remoteAddress: '10.0.0.1' })).statusCode, 429)
  t.equal((await app.inject({ url: '/public', remoteAddress: '10.0.0.2' })).statusCode, 200)
})

t.test(
  'counting by address ignores who signed in and adds no counters below the limit',
  async (t) => {
    const app = await build(t, { max: 2, countBy: 'address' })
    const alice = bearer(await idTokenFor('alice'))
    const bob = bearer(await idTokenFor('bob'))

    const first = await app.inject({ url: '/mine', headers: alice })
    t.equal(first.statusCode, 200)
    t.notOk(first.headers['x-ratelimit-remaining'])
    t.equal((await app.inject({ url: '/mine', headers: bob })).statusCode, 200)

    const refused = await app.inject({ url: '/mine', headers: bob })
    t.equal(refused.statusCode, 429)
    t.ok(refused.headers['retry-after'])
    const elsewhere = await app.inject({ url: '/mine', headers: bob, remoteAddress: '10.0.0.9' })
    t.equal(elsewhere.statusCode, 200, 'the same user from another address is not limited')
  },
)

t.test('health and readiness are never limited', async (t) => {
  const app = await build(t, { max: 1 })

  for (let n = 0; n < 5; n++) {
    t.equal((await app.inject({ url: '/healthz' })).statusCode, 200)
    t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
    t.equal((await app.inject({ method: 'HEAD', url: '/healthz' })).statusCode, 200)
  }
})

t.test('a limit of 0 turns it off', async (t) => {
  const app = await build(t, { max: 0, routes: { 'POST /analyze': 0 } })
  const alice = bearer(await idTokenFor('alice'))

  for (let n = 0; n < 20; n++) {
    t.equal((await app.inject({ url: '/mine', headers: alice })).statusCode, 200)
    t.equal((await app.inject({ method: 'POST', url: '/analyze', headers: alice })).statusCode, 202)
  }
})

t.test('a route limit alone applies while the service limit is off', async (t) => {
  const app = await build(t, { max: 0, routes: { 'POST /analyze': 1 } })
  const alice = bearer(await idTokenFor('alice'))

  t.equal((await app.inject({ method: 'POST', url: '/analyze', headers: alice })).statusCode, 202)
  t.equal((await app.inject({ method: 'POST', url: '/analyze', headers: alice })).statusCode, 429)
  t.equal((await app.inject({ url: '/mine', headers: alice })).statusCode, 200)
})

t.test('a limit for a route that does not exist fails the start', async (t) => {
  const app = await createService({ name: 'typo', logger: false })
  t.teardown(() => app.close())
  await app.register(rateLimits, { max: 10, routes: { 'POST /analyse': 1 } })
  app.post('/analyze', async () => ({ ok: true }))

  await t.rejects(async () => app.ready(), { code: 'config_invalid', message: /POST \/analyse/ })
})

t.test('limits come from the environment, 0 included', async (t) => {
  t.same(rateLimitSettingsFromEnv({}), DEFAULT_RATE_LIMITS)
  t.same(DEFAULT_RATE_LIMITS, { perMinute: 300, analyzePerMinute: 60, gatewayPerMinute: 1200 })
  t.same(
    rateLimitSettingsFromEnv({
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANALYZE_PER_MINUTE: ' 10 ',
      RATE_LIMIT_GATEWAY_PER_MINUTE: '',
    }),
    { perMinute: 0, analyzePerMinute: 10, gatewayPerMinute: 1200 },
  )

  for (const raw of ['-1', '1.5', 'ten', '1e3']) {
    t.throws(() => rateLimitSettingsFromEnv({ RATE_LIMIT_GATEWAY_PER_MINUTE: raw }), {
      code: 'config_invalid',
      message: /RATE_LIMIT_GATEWAY_PER_MINUTE/,
    })
  }
})
