import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { Test } from 'tap'
import {
  CLIENT_ID,
  EMAIL,
  accessClaims,
  bearer,
  buildApp,
  hmacToken,
  idClaims,
  newPoolKey,
  signToken,
  startJwksServer,
  unsignedToken,
} from './fixtures/cognito-pool.js'
import type { AuthApp, JwksServer } from './fixtures/cognito-pool.js'
import type { CognitoAuthOptions } from '../src/index.js'

const idKey = newPoolKey('id-key')
const accessKey = newPoolKey('access-key')
const nowSeconds = () => Math.floor(Date.now() / 1000)

interface Pool extends AuthApp {
  jwks: JwksServer
  issuer: string
}

async function startPool(t: Test, options: Partial<CognitoAuthOptions> = {}): Promise<Pool> {
  const jwks = await startJwksServer(t, [idKey, accessKey])
  const built = await buildApp(t, { issuer: jwks.issuer, clientIds: [CLIENT_ID], ...options })
  return { ...built, jwks, issuer: jwks.issuer }
}

async function callMe(pool: Pool, token: string) {
  return pool.app.inject({ method: 'GET', url: '/me', headers: bearer(token) })
}

/** Asserts a 401 invalid_token, and that neither the token nor the e-mail reached the log. */
async function assertRejected(t: Test, pool: Pool, token: string, reason: string) {
  const response = await callMe(pool, token)

  t.equal(response.statusCode, 401)
  t.equal(response.json().code, 'invalid_token')
  const logged = pool.logs.join('')
  t.match(logged, reason, `logs the reason ${reason}`)
  t.notOk(logged.includes(token), 'the token is not logged')
  t.notOk(logged.includes(EMAIL), 'the e-mail is not logged')
}

t.test('a valid id token answers the principal', async (t) => {
  const pool = await startPool(t)
  const token = signToken(idKey, idClaims(pool.issuer))

  const response = await callMe(pool, token)

  t.equal(response.statusCode, 200)
  t.same(response.json(), { user_id: 'sub-alice', email: EMAIL, groups: ['operators'] })
  t.equal(pool.jwks.fetches(), 1)
  t.notOk(pool.logs.join('').includes(token), 'the token is not logged')
  t.notOk(pool.logs.join('').includes(EMAIL), 'the e-mail is not logged')
})

t.test('the signing key is fetched once and then served from the cache', async (t) => {
  const pool = await startPool(t)

  for (let i = 0; i < 3; i++) {
    t.equal((await callMe(pool, signToken(idKey, idClaims(pool.issuer)))).statusCode, 200)
  }
  t.equal(pool.jwks.fetches(), 1)
})

t.test('access tokens pass when the plugin takes them', async (t) => {
  const access = await startPool(t, { tokenUse: 'access' })
  const accessToken = signToken(accessKey, accessClaims(access.issuer))
  const answer = await callMe(access, accessToken)
  t.equal(answer.statusCode, 200)
  t.same(answer.json(), { user_id: 'sub-alice', email: null, groups: [] })

  const any = await startPool(t, { tokenUse: 'any' })
  t.equal((await callMe(any, signToken(idKey, idClaims(any.issuer)))).statusCode, 200)
  t.equal((await callMe(any, signToken(accessKey, accessClaims(any.issuer)))).statusCode, 200)
  t.equal(any.jwks.fetches(), 1, 'one fetch brings in both keys')
})

t.test('a token of the other use is rejected', async (t) => {
  const idOnly = await startPool(t)
  await assertRejected(t, idOnly, signToken(accessKey, accessClaims(idOnly.issuer)), 'token_use')

  const accessOnly = await startPool(t, { tokenUse: 'access' })
  const idToken = signToken(idKey, idClaims(accessOnly.issuer))
  await assertRejected(t, accessOnly, idToken, 'token_use_mismatch')

  const any = await startPool(t, { tokenUse: 'any' })
  const refresh = signToken(idKey, idClaims(any.issuer, { token_use: 'refresh' }))
  await assertRejected(t, any, refresh, 'token_use_mismatch')
})

t.test('expiry and not-before are checked with the clock tolerance', async (t) => {
  const pool = await startPool(t, { clockToleranceSeconds: 5 })
  const at = (claims: Record<string, unknown>) => signToken(idKey, idClaims(pool.issuer, claims))

  await assertRejected(t, pool, at({ exp: nowSeconds() - 60 }), 'EXPIRED')
  await assertRejected(t, pool, at({ nbf: nowSeconds() + 60 }), 'FAST_JWT_INACTIVE')
  t.equal((await callMe(pool, at({ exp: nowSeconds() - 2 }))).statusCode, 200, 'just expired')
  t.equal((await callMe(pool, at({ nbf: nowSeconds() + 2 }))).statusCode, 200, 'nearly valid')

  const strict = await startPool(t, { clockToleranceSeconds: 0 })
  const justExpired = signToken(idKey, idClaims(strict.issuer, { exp: nowSeconds() - 2 }))
  await assertRejected(t, strict, justExpired, 'EXPIRED')
})

t.test('only the exact issuer is accepted, and others cause no JWKS fetch', async (t) => {
  const pool = await startPool(t)
  const lookalikes = [
    'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other',
    `${pool.issuer}x`,
    `${pool.issuer}/`,
    `${pool.issuer}/../${'local_pool1'}`,
    `https://attacker.example/${pool.issuer}`,
    `x${pool.issuer}`,
  ]

  for (const iss of lookalikes) {
    await assertRejected(t, pool, signToken(idKey, idClaims(pool.issuer, { iss })), 'issuer')
  }
  const withoutIss = signToken(idKey, idClaims(pool.issuer, { iss: undefined }))
  await assertRejected(t, pool, withoutIss, 'issuer_mismatch')
  t.equal(pool.jwks.fetches(), 0)
})

t.test('another app client is rejected', async (t) => {
  const pool = await startPool(t, { tokenUse: 'any' })
  const otherAud = signToken(idKey, idClaims(pool.issuer, { aud: 'client-other' }))
  await assertRejected(t, pool, otherAud, 'audience_mismatch')
  const audList = signToken(idKey, idClaims(pool.issuer, { aud: [CLIENT_ID, 'client-other'] }))
  await assertRejected(t, pool, audList, 'audience_mismatch')
  const otherClient = signToken(accessKey, accessClaims(pool.issuer, { client_id: 'client-other' }))
  await assertRejected(t, pool, otherClient, 'client_id_mismatch')
})

t.test('only RS256 signatures by a pool key are accepted', async (t) => {
  const pool = await startPool(t)
  const claims = idClaims(pool.issuer)
  const publicPem = idKey.publicKey.export({ format: 'pem', type: 'spki' }).toString()

  await assertRejected(t, pool, unsignedToken(idKey.kid, claims), 'algorithm_not_allowed')
  await assertRejected(t, pool, hmacToken(idKey.kid, claims, publicPem), 'algorithm_not_allowed')
  await assertRejected(t, pool, signToken(idKey, claims, {}, 'sha512'), 'algorithm_not_allowed')
  t.equal(pool.jwks.fetches(), 0, 'no key is fetched for a foreign algorithm')

  const forged = signToken(newPoolKey(idKey.kid), claims)
  await assertRejected(t, pool, forged, 'signature is invalid')
  const [head, body] = signToken(idKey, claims).split('.')
  await assertRejected(t, pool, `${head}.${body}.`, 'MISSING_SIGNATURE')
})

t.test('a token without a subject is rejected', async (t) => {
  const pool = await startPool(t)
  const withoutSub = signToken(idKey, idClaims(pool.issuer, { sub: undefined }))

  await assertRejected(t, pool, withoutSub, 'sub_missing')
  await assertRejected(t, pool, signToken(idKey, idClaims(pool.issuer, { sub: '' })), 'sub_missing')
  await assertRejected(t, pool, signToken(idKey, idClaims(pool.issuer, { sub: 7 })), 'sub_missing')
})

t.test('key ids from the token only select among the pool keys', async (t) => {
  const pool = await startPool(t)
  const stranger = newPoolKey('stranger')

  await assertRejected(t, pool, signToken(stranger, idClaims(pool.issuer)), 'kid_unknown')
  t.equal(pool.jwks.fetches(), 1)
  const withoutKid = signToken(stranger, idClaims(pool.issuer), { kid: undefined })
  await assertRejected(t, pool, withoutKid, 'kid_missing')
  await assertRejected(
    t,
    pool,
    signToken(stranger, idClaims(pool.issuer), { kid: 7 }),
    'kid_missing',
  )
  t.equal(pool.jwks.fetches(), 1)
})

t.test('a flood of unknown key ids fetches the JWKS at most once per cooldown', async (t) => {
  const pool = await startPool(t, { jwksCooldownMs: 60_000 })
  const stranger = newPoolKey()
  const tokens = Array.from({ length: 50 }, () =>
    signToken(stranger, idClaims(pool.issuer), { kid: `kid-${randomUUID()}` }),
  )

  const answers = await Promise.all(tokens.map((token) => callMe(pool, token)))

  t.same(new Set(answers.map((answer) => answer.json().code)), new Set(['invalid_token']))
  t.equal(pool.jwks.fetches(), 1)
  for (const token of tokens.slice(0, 5)) await callMe(pool, token)
  t.equal(pool.jwks.fetches(), 1, 'still one fetch after more tries')
  const valid = signToken(idKey, idClaims(pool.issuer))
  t.equal((await callMe(pool, valid)).statusCode, 200, 'the flood brought in the real keys')
  t.equal(pool.jwks.fetches(), 1)
})

t.test('a key added to the pool is picked up once the cooldown has passed', async (t) => {
  const served = [idKey]
  const jwks = await startJwksServer(t, served)
  const pool = await buildApp(t, {
    issuer: jwks.issuer,
    clientIds: [CLIENT_ID],
    jwksCooldownMs: 200,
  })
  const rotated = newPoolKey('rotated-key')
  const token = signToken(rotated, idClaims(jwks.issuer))
  const call = () => pool.app.inject({ method: 'GET', url: '/me', headers: bearer(token) })

  t.equal((await call()).statusCode, 401)
  served.push(rotated)
  t.equal((await call()).statusCode, 401, 'not fetched again within the cooldown')
  t.equal(jwks.fetches(), 1)

  await new Promise((resolve) => setTimeout(resolve, 250))

  t.equal((await call()).statusCode, 200)
  t.equal(jwks.fetches(), 2)
})

t.test('keys are never fetched from a URL the token names', async (t) => {
  const pool = await startPool(t)
  const attacker = newPoolKey('attacker')
  const attackerJwks = await startJwksServer(t, [attacker])
  const jwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: attacker.kid }
  const headers = {
    jku: `${attackerJwks.issuer}/.well-known/jwks.json`,
    x5u: `${attackerJwks.issuer}/cert.pem`,
    jwk,
  }

  await assertRejected(t, pool, signToken(attacker, idClaims(pool.issuer), headers), 'kid_unknown')
  t.same(attackerJwks.paths, [], 'the server the token names gets no request')
  t.equal(pool.jwks.fetches(), 1, 'only the pinned JWKS is read')
})

t.test('malformed tokens are invalid, a missing token is required', async (t) => {
  const pool = await startPool(t)

  for (const token of ['abc', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30', '..', `${'x'.repeat(40)}.y.z`]) {
    await assertRejected(t, pool, token, 'token rejected')
  }

  for (const authorization of [undefined, 'Basic YWxpY2U6cHc=', 'Bearer', 'Bearer ']) {
    const headers = authorization === undefined ? {} : { authorization }
    const response = await pool.app.inject({ method: 'GET', url: '/me', headers })
    t.equal(response.statusCode, 401)
    t.same(response.json(), {
      statusCode: 401,
      code: 'auth_required',
      error: 'Unauthorized',
      message: 'Authentication is required',
    })
  }
  t.equal(pool.jwks.fetches(), 0)
})

t.test('regression: two tokens in one Authorization header are invalid, not missing', async (t) => {
  const pool = await startPool(t)
  const valid = signToken(idKey, idClaims(pool.issuer))

  for (const authorization of ['Bearer a b', `Bearer ${valid} ${valid}`, `Bearer ${valid}, b`]) {
    const response = await pool.app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization },
    })
    t.equal(response.statusCode, 401)
    t.equal(response.json().code, 'invalid_token', authorization.replaceAll(valid, '<token>'))
  }
  t.match(pool.logs.join(''), 'bearer_malformed')
  t.notOk(pool.logs.join('').includes(valid), 'the token is not logged')
})

t.test('regression: an iat beyond the clock tolerance in the future is rejected', async (t) => {
  const pool = await startPool(t, { clockToleranceSeconds: 5 })
  const issuedAt = (iat: number) => signToken(idKey, idClaims(pool.issuer, { iat }))

  await assertRejected(t, pool, issuedAt(nowSeconds() + 3600), 'issued_at_invalid')
  await assertRejected(t, pool, issuedAt(nowSeconds() + 60), 'issued_at_invalid')
  t.equal((await callMe(pool, issuedAt(nowSeconds() + 2))).statusCode, 200, 'within the tolerance')
})

t.test('every rejection answers the same generic body', async (t) => {
  const pool = await startPool(t)
  const expired = signToken(idKey, idClaims(pool.issuer, { exp: nowSeconds() - 600 }))
  const otherAud = signToken(idKey, idClaims(pool.issuer, { aud: 'client-other' }))

  for (const token of [expired, otherAud, 'abc']) {
    t.same((await callMe(pool, token)).json(), {
      statusCode: 401,
      code: 'invalid_token',
      error: 'Unauthorized',
      message: 'The token is not valid',
    })
  }
})
