import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import t from 'tap'
import {
  DEFAULT_OPERATOR_GROUP,
  DEMO_USERS,
  emulatorClientConfig,
  ensureUserPool,
  issuerOf,
  operatorGroupFromEnv,
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

async function groupMemberEmails(endpoint: string, userPoolId: string, groupName: string) {
  const client = new CognitoIdentityProviderClient(emulatorClientConfig(endpoint))
  try {
    const members = await client.send(
      new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }),
    )
    // The pool takes e-mails as user names, so `Username` is the user's sub: compare e-mails.
    return (members.Users ?? []).map(
      (user) => user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value,
    )
  } finally {
    client.destroy()
  }
}

t.test('only the operators are in the operator group, however often it runs', async (t) => {
  const cognito = await startCognitoLocal({ dataDir: t.testdir() })
  t.teardown(() => cognito.stop())
  const opts = {
    endpoint: cognito.endpoint,
    poolName: 'proov-test',
    clientName: 'proov-test-web',
    users: DEMO_USERS,
    operatorGroup: 'operators',
  }
  const operators = DEMO_USERS.filter((user) => user.role === 'operator').map((user) => user.email)
  t.same(operators, ['olga@example.com'])

  const first = await ensureUserPool(opts)
  t.same(await groupMemberEmails(cognito.endpoint, first.userPoolId, 'operators'), operators)

  const second = await ensureUserPool(opts)
  t.equal(second.userPoolId, first.userPoolId)
  t.same(await groupMemberEmails(cognito.endpoint, second.userPoolId, 'operators'), operators)
})

// Regression: cognito-local answers CreateGroup for an existing name by emptying the group.
t.test('a member added to the operator group by hand stays in it', async (t) => {
  const cognito = await startCognitoLocal({ dataDir: t.testdir() })
  t.teardown(() => cognito.stop())
  const opts = {
    endpoint: cognito.endpoint,
    poolName: 'proov-test',
    clientName: 'proov-test-web',
    users: DEMO_USERS,
    operatorGroup: 'operators',
  }
  const pool = await ensureUserPool(opts)
  const client = new CognitoIdentityProviderClient(emulatorClientConfig(cognito.endpoint))
  t.teardown(() => client.destroy())
  await client.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: pool.userPoolId,
      Username: 'carol@example.com',
      GroupName: 'operators',
    }),
  )

  await ensureUserPool(opts)

  const members = await groupMemberEmails(cognito.endpoint, pool.userPoolId, 'operators')
  t.same(members.toSorted(), ['carol@example.com', 'olga@example.com'])
})

t.test('the operator group is named by the option, else OPERATOR_GROUP', async (t) => {
  const cognito = await startCognitoLocal({ dataDir: t.testdir() })
  t.teardown(() => cognito.stop())
  const common = { endpoint: cognito.endpoint, clientName: 'web', users: DEMO_USERS }

  const named = await ensureUserPool({ ...common, poolName: 'named', operatorGroup: 'admins' })
  t.same(await groupMemberEmails(cognito.endpoint, named.userPoolId, 'admins'), [
    'olga@example.com',
  ])

  t.equal(operatorGroupFromEnv({ OPERATOR_GROUP: ' admins ' }), 'admins')
  t.equal(operatorGroupFromEnv({ OPERATOR_GROUP: '' }), DEFAULT_OPERATOR_GROUP)
  t.equal(operatorGroupFromEnv({}), 'operators')
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
