import { operatorGroupFromEnv } from '@proov/local-stack'
import t from 'tap'
import {
  DEMO_USERS,
  cognitoStack,
  configuredUserPool,
  idTokenFor,
  tokensFor,
} from '../src/index.js'

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
}

t.test('one user pool per process', async (t) => {
  const pool = await cognitoStack()

  t.same(await cognitoStack(), pool)
  t.equal(pool.jwksUri, `${pool.issuer}/.well-known/jwks.json`)
  t.same(pool.users, DEMO_USERS)
})

t.test('id tokens come from a real sign-in to the pool', async (t) => {
  const pool = await cognitoStack()

  const alice = claimsOf(await idTokenFor('alice'))
  const bob = claimsOf(await idTokenFor('bob'))

  t.equal(alice.iss, pool.issuer)
  t.equal(alice.aud, pool.clientId)
  t.equal(alice.token_use, 'id')
  t.equal(alice.email, 'alice@example.com')
  t.equal(bob.email, 'bob@example.com')
  t.not(bob.sub, alice.sub)

  const response = await fetch(pool.jwksUri)
  t.equal(response.status, 200)
})

t.test('every demo user signs in; only the operator carries the operator group', async (t) => {
  const names = DEMO_USERS.map((user) => user.name)
  t.same(names, ['alice', 'bob', 'carol', 'olga'])

  const claims = await Promise.all(names.map(async (name) => claimsOf(await idTokenFor(name))))

  t.same(
    claims.map((claim) => claim.email),
    ['alice@example.com', 'bob@example.com', 'carol@example.com', 'olga@example.com'],
  )
  t.equal(new Set(claims.map((claim) => claim.sub)).size, names.length)
  t.same(
    claims.map((claim) => claim['cognito:groups']),
    [undefined, undefined, undefined, [operatorGroupFromEnv(process.env)]],
  )
})

t.test('access tokens name the same user as id tokens', async (t) => {
  const tokens = await tokensFor('alice')

  const access = claimsOf(tokens.accessToken)
  t.equal(access.token_use, 'access')
  t.equal(access.sub, claimsOf(tokens.idToken).sub)
})

t.test('an unknown demo user is a mistake in the test', async (t) => {
  await t.rejects(idTokenFor('mallory'), RangeError)
})

t.test('the environment names a shared pool only when complete', async (t) => {
  const env = {
    COGNITO_ENDPOINT: 'http://127.0.0.1:9229/',
    COGNITO_USER_POOL_ID: 'local_abc123',
    COGNITO_CLIENT_IDS: ' web-client , other-client',
  }

  const pool = configuredUserPool(env)
  t.match(pool, {
    endpoint: 'http://127.0.0.1:9229',
    userPoolId: 'local_abc123',
    clientId: 'web-client',
    issuer: 'http://127.0.0.1:9229/local_abc123',
    jwksUri: 'http://127.0.0.1:9229/local_abc123/.well-known/jwks.json',
  })

  t.equal(configuredUserPool({ ...env, COGNITO_USER_POOL_ID: '' }), undefined)
  t.equal(configuredUserPool({ ...env, COGNITO_CLIENT_IDS: ' , ' }), undefined)
  t.equal(configuredUserPool({}), undefined)
})
