import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider'
import { emulatorClientConfig } from './client-config.js'
import { operatorGroupFromEnv } from './demo-users.js'
import type { DemoUser } from './demo-users.js'
import { LocalStackError } from './errors.js'

export type EnsureUserPoolOptions = {
  endpoint: string
  poolName: string
  clientName: string
  users: DemoUser[]
  /** The group operators are put in; OPERATOR_GROUP when absent, else `operators`. */
  operatorGroup?: string
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

/**
 * Finds or creates the pool, its client, the users and the operator group with the operators in
 * it; running it again changes nothing.
 */
export async function ensureUserPool(opts: EnsureUserPoolOptions): Promise<UserPoolInfo> {
  const endpoint = opts.endpoint.replace(/\/+$/, '')
  const client = new CognitoIdentityProviderClient(emulatorClientConfig(endpoint))
  const operators = opts.users.filter((user) => user.role === 'operator')

  try {
    const userPoolId = await ensurePool(client, opts.poolName)
    const clientId = await ensureClient(client, userPoolId, opts.clientName)
    for (const user of opts.users) await ensureUser(client, userPoolId, user)
    if (operators.length > 0) {
      const group = opts.operatorGroup ?? operatorGroupFromEnv(process.env)
      await ensureGroup(client, userPoolId, group)
      for (const user of operators) {
        await client.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: userPoolId,
            Username: user.username,
            GroupName: group,
          }),
        )
      }
    }

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

async function ensureGroup(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  groupName: string,
) {
  // Listed rather than fetched: cognito-local answers GetGroup in a pool without groups with a
  // bare 500.
  let nextToken: string | undefined
  do {
    const page = await client.send(
      new ListGroupsCommand({ UserPoolId: userPoolId, Limit: PAGE_SIZE, NextToken: nextToken }),
    )
    if (page.Groups?.some((group) => group.GroupName === groupName)) return
    nextToken = page.NextToken
  } while (nextToken !== undefined)

  // Only when missing: cognito-local answers CreateGroup for an existing name by replacing the
  // group, members and all, where Cognito refuses it.
  await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }))
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
