import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import t from 'tap'
import {
  DEMO_USERS,
  emulatorClientConfig,
  ensureUserPool,
  issuerOf,
  startCognitoLocal,
} from '../src/index.js'

t.test('ensureUserPool creates the pool once and finds it afterwards', async (t) => {
  const cognito = await startCognitoLocal({ dataDir: t.testdir() })
  t.teardown(() => cognito.stop())
  const opts = {
    endpoint: cognito.endpoint,
    poolName: 'proov-test',
    clientName: 'proov-test-web',
    users: DEMO_USERS,
  }

  const first = await ensureUserPool(opts)
  const second = await ensureUserPool(opts)

  t.equal(second.userPoolId, first.userPoolId)
  t.equal(second.clientId, first.clientId)
  t.match(first.userPoolId, /^local_\w+$/)
  t.equal(first.issuer, `${cognito.endpoint}/${first.userPoolId}`)
  t.equal(first.jwksUri, `${first.issuer}/.well-known/jwks.json`)
  t.same(first.users, DEMO_USERS)

  const client = new CognitoIdentityProviderClient(emulatorClientConfig(cognito.endpoint))
  t.teardown(() => client.destroy())
  for (const user of DEMO_USERS) {
    const found = await client.send(
      new AdminGetUserCommand({ UserPoolId: first.userPoolId, Username: user.username }),
    )
    t.equal(found.UserStatus, 'CONFIRMED', `${user.name} may sign in without a password change`)
    const attributes = Object.fromEntries(
      (found.UserAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]),
    )
    t.equal(attributes.email, user.email)
    t.equal(attributes.email_verified, 'true')
  }
})

t.test('a second pool name gets a pool of its own', async (t) => {
  const cognito = await startCognitoLocal({ dataDir: t.testdir() })
  t.teardown(() => cognito.stop())
  const common = { endpoint: cognito.endpoint, clientName: 'web', users: [] }

  const one = await ensureUserPool({ ...common, poolName: 'one' })
  const two = await ensureUserPool({ ...common, poolName: 'two' })

  t.not(two.userPoolId, one.userPoolId)
  t.not(two.clientId, one.clientId)
})

t.test('an unreachable endpoint fails as a setup error', async (t) => {
  await t.rejects(
    ensureUserPool({ endpoint: 'http://127.0.0.1:1', poolName: 'p', clientName: 'c', users: [] }),
    { code: 'user_pool_setup_failed', cause: Error },
  )
})

t.test('issuerOf ignores a trailing slash on the endpoint', async (t) => {
  t.equal(issuerOf('http://localhost:9229/', 'local_abc'), 'http://localhost:9229/local_abc')
})
