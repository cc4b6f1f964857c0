import { DEMO_USERS } from '@proov/local-stack'
import { cognitoStack } from '@proov/testkit'
import t from 'tap'
import { findDemoUser, freePorts, idTokenFromStack } from '../src/index.js'
import type { StackFile } from '../src/index.js'

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
}

async function stackFileFor(cognitoEndpoint: string, userPoolId: string, clientId: string) {
  return {
    gatewayUrl: 'http://127.0.0.1:1',
    cognitoEndpoint,
    userPoolId,
    clientId,
    dynamodbEndpoint: 'http://127.0.0.1:1',
    tableName: 'proov_jobs',
    pid: process.pid,
    startedAt: new Date().toISOString(),
  } satisfies StackFile
}

t.test('a demo user is found by handle or by e-mail, in any case', async (t) => {
  const alice = DEMO_USERS.find((user) => user.name === 'alice')

  t.equal(findDemoUser('alice'), alice)
  t.equal(findDemoUser(' ALICE '), alice)
  t.equal(findDemoUser('Alice@Example.com'), alice)
  const names = DEMO_USERS.map((user) => user.name).join(', ')
  t.throws(() => findDemoUser('mallory'), {
    name: 'InfraError',
    code: 'unknown_demo_user',
    message: new RegExp(`pick one of ${names}$`),
  })
})

t.test('the token is a real ID token of the pool the stack file names', async (t) => {
  const pool = await cognitoStack()
  const stack = await stackFileFor(pool.endpoint, pool.userPoolId, pool.clientId)

  const alice = claimsOf(await idTokenFromStack(stack, 'alice'))
  const bob = claimsOf(await idTokenFromStack(stack, 'bob@example.com'))

  t.equal(alice.iss, pool.issuer)
  t.equal(alice.aud, pool.clientId)
  t.equal(alice.token_use, 'id')
  t.equal(alice.email, 'alice@example.com')
  t.not(bob.sub, alice.sub)
})

t.test('a pool that does not answer means the stack is not running', async (t) => {
  const [port] = await freePorts(1)
  const stack = await stackFileFor(`http://127.0.0.1:${port}`, 'local_gone', 'client')

  await t.rejects(idTokenFromStack(stack, 'alice'), {
    name: 'InfraError',
    code: 'stack_not_running',
    message: /does not answer at .*; start it with \.\/dev start/,
  })
})
