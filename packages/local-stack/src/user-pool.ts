import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider'
import { emulatorClientConfig } from './client-config.js'
import type { DemoUser } from './demo-users.js'
import { LocalStackError } from './errors.js'

export type EnsureUserPoolOptions = {
  endpoint: string
  poolName: string
  clientName: string
  users: DemoUser[]
}

export type UserPoolInfo = {
  endpoint: string
  userPoolId: string
  clientId: string
  /** Exactly the `iss` claim of the pool's tokens. */
  issuer: string
  jwksUri: string
  users: DemoUser[]
}

const PAGE_SIZE = 60

/** Finds or creates the pool, its client and the users; running it again changes nothing. */
export async function ensureUserPool(opts: EnsureUserPoolOptions): Promise<UserPoolInfo> {
  const endpoint = opts.endpoint.replace(/\/+$/, '')
  const client = new CognitoIdentityProviderClient(emulatorClientConfig(endpoint))

  try {
    const userPoolId = await ensurePool(client, opts.poolName)
    const clientId = await ensureClient(client, userPoolId, opts.clientName)
    for (const user of opts.users) await ensureUser(client, userPoolId, user)

    const issuer = issuerOf(endpoint, userPoolId)
    return {
      endpoint,
      userPoolId,
      clientId,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      users: opts.users,
    }
  } catch (error) {
    throw new LocalStackError('user_pool_setup_failed', errorName(error), { cause: error })
  } finally {
    client.destroy()
  }
}

// LIMITATION: an IssuerDomain set in <dataDir>/.cognito/config.json changes `iss` unnoticed.
/** cognito-local's `iss`: the address it was started with, then the pool id. */
export function issuerOf(endpoint: string, userPoolId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${userPoolId}`
}

async function ensurePool(client: CognitoIdentityProviderClient, poolName: string) {
  let nextToken: string | undefined
  do {
    const page = await client.send(
      new ListUserPoolsCommand({ MaxResults: PAGE_SIZE, NextToken: nextToken }),
    )
    const found = page.UserPools?.find((pool) => pool.Name === poolName)
    if (found?.Id !== undefined) return found.Id
    nextToken = page.NextToken
  } while (nextToken !== undefined)

  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
    }),
  )
  return required(created.UserPool?.Id, 'CreateUserPool returned no pool id')
}

async function ensureClient(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientName: string,
) {
  let nextToken: string | undefined
  do {
    const page = await client.send(
      new ListUserPoolClientsCommand({
        UserPoolId: userPoolId,
        MaxResults: PAGE_SIZE,
        NextToken: nextToken,
      }),
    )
    const found = page.UserPoolClients?.find((appClient) => appClient.ClientName === clientName)
    if (found?.ClientId !== undefined) return found.ClientId
    nextToken = page.NextToken
  } while (nextToken !== undefined)

  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  )
  return required(created.UserPoolClient?.ClientId, 'CreateUserPoolClient returned no client id')
}

async function ensureUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  user: DemoUser,
) {
  if (!(await userExists(client, userPoolId, user.username))) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    )
  }

  // Also for an existing user: a half-finished earlier run may have left a temporary password.
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: user.username,
      Password: user.password,
      Permanent: true,
    }),
  )
}

async function userExists(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
) {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))
    return true
  } catch (error) {
    if (error instanceof UserNotFoundException) return false
    throw error
  }
}

function required(value: string | undefined, problem: string): string {
  if (value === undefined) throw new Error(problem)
  return value
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
