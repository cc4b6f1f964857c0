import { createPublicKey, verify } from 'node:crypto'
import t, { type Test } from 'tap'
import { DEMO_USERS, ensureUserPool, signIn, startCognitoLocal } from '../src/index.js'
import type { UserPoolInfo } from '../src/index.js'

type Jwk = { kid?: string; kty: string; n?: string; e?: string }

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index]
  if (part === undefined) throw new Error('not a JWT')
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
}

async function start(t: Test): Promise<UserPoolInfo> {
  const cognito = await startCognitoLocal({ dataDir: t.testdir() })
  t.teardown(() => cognito.stop())
  return ensureUserPool({
    endpoint: cognito.endpoint,
    poolName: 'proov-test',
    clientName: 'proov-test-web',
    users: DEMO_USERS,
    operatorGroup: 'operators',
  })
}

function demoUser(name: string) {
  const user = DEMO_USERS.find((candidate) => candidate.name === name)
  if (user === undefined) throw new RangeError(`no demo user is called ${name}`)
  return user
}

t.test('a demo user signs in and gets tokens the pool signed', async (t) => {
  const pool = await start(t)
  const alice = DEMO_USERS[0]!

  const tokens = await signIn({
    endpoint: pool.endpoint,
    clientId: pool.clientId,
    username: alice.username,
    password: alice.password,
  })

  const claims = decodePart(tokens.idToken, 1)
  t.equal(claims.iss, pool.issuer, 'iss is exactly the issuer the pool info announces')
  t.equal(claims.aud, pool.clientId)
  t.equal(claims.token_use, 'id')
  t.match(claims.sub, /^[0-9a-f-]{36}$/)
  t.equal(claims.email, alice.email)

  const access = decodePart(tokens.accessToken, 1)
  t.equal(access.iss, pool.issuer)
  t.equal(access.token_use, 'access')
  t.equal(access.client_id, pool.clientId)
  t.equal(access.sub, claims.sub, 'both tokens name the same user')

  const header = decodePart(tokens.idToken, 0)
  t.equal(header.alg, 'RS256')
  const response = await fetch(pool.jwksUri)
  t.equal(response.status, 200, 'the JWKS is served under the issuer')
  const { keys } = (await response.json()) as { keys: Jwk[] }
  const jwk = keys.find((key) => key.kid === header.kid)
  if (jwk === undefined) return t.fail('the JWKS holds the key the token names')

  const [head, payload, signature] = tokens.idToken.split('.')
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(`${head}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature ?? '', 'base64url'),
  )
  t.ok(valid, 'the id token verifies against the served key')
})

t.test('two users get different subjects', async (t) => {
  const pool = await start(t)

  const subs = await Promise.all(
    DEMO_USERS.map(async (user) => {
      const tokens = await signIn({ endpoint: pool.endpoint, clientId: pool.clientId, ...user })
      return decodePart(tokens.idToken, 1).sub
    }),
  )

  t.equal(new Set(subs).size, DEMO_USERS.length)
})

t.test('an operator’s tokens carry the operator group, a user’s none', async (t) => {
  const pool = await start(t)
  const base = { endpoint: pool.endpoint, clientId: pool.clientId }

  const olga = await signIn({ ...base, ...demoUser('olga') })
  t.same(decodePart(olga.idToken, 1)['cognito:groups'], ['operators'])
  t.same(decodePart(olga.accessToken, 1)['cognito:groups'], ['operators'])
  t.equal(decodePart(olga.idToken, 1).email, 'olga@example.com')

  for (const name of ['alice', 'bob', 'carol']) {
    const tokens = await signIn({ ...base, ...demoUser(name) })
    t.notOk('cognito:groups' in decodePart(tokens.idToken, 1), `${name} is in no group`)
  }
})

t.test('a wrong password or an unknown user is rejected', async (t) => {
  const pool = await start(t)
  const alice = DEMO_USERS[0]!
  const base = { endpoint: pool.endpoint, clientId: pool.clientId }

  await t.rejects(signIn({ ...base, username: alice.username, password: 'Wrong-Passw0rd!' }), {
    name: 'LocalStackError',
    code: 'sign_in_rejected',
    statusCode: 401,
  })
  await t.rejects(signIn({ ...base, username: 'nobody@example.com', password: alice.password }), {
    code: 'sign_in_rejected',
  })
})
