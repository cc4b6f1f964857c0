import { DEMO_USERS, ensureUserPool, issuerOf, signIn, startCognitoLocal } from '@proov/local-stack'
import type { SignInTokens, UserPoolInfo } from '@proov/local-stack'
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const POOL_NAME = 'proov-test'
const CLIENT_NAME = 'proov-test-web'

let started: Promise<UserPoolInfo> | undefined

/**
 * The user pool tests sign in against: the shared one named by COGNITO_ENDPOINT,
 * COGNITO_USER_POOL_ID and COGNITO_CLIENT_IDS, else a cognito-local for this process with the
 * demo users in it.
 */
export function cognitoStack(): Promise<UserPoolInfo> {
  const shared = configuredUserPool(process.env)
  if (shared !== undefined) return Promise.resolve(shared)

  started ??= startPrivateUserPool().catch((error: unknown) => {
    started = undefined
    throw error
  })
  return started
}

/** The pool the environment names, when it names one completely. */
export function configuredUserPool(env: NodeJS.ProcessEnv): UserPoolInfo | undefined {
  const endpoint = env.COGNITO_ENDPOINT?.replace(/\/+$/, '')
  const userPoolId = env.COGNITO_USER_POOL_ID
  const clientId = env.COGNITO_CLIENT_IDS?.split(',')
    .map((id) => id.trim())
    .find((id) => id !== '')
  if (!endpoint || !userPoolId || clientId === undefined) return undefined

  const issuer = issuerOf(endpoint, userPoolId)
  return {
    endpoint,
    userPoolId,
    clientId,
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    users: DEMO_USERS,
  }
}

/** Signs a demo user in through the pool: `alice`, `bob`, `carol`, or the operator `olga`. */
export async function tokensFor(name: string): Promise<SignInTokens> {
  const pool = await cognitoStack()

  const user = pool.users.find((candidate) => candidate.name === name)
  if (user === undefined) throw new RangeError(`no demo user is called ${name}`)

  return signIn({
    endpoint: pool.endpoint,
    clientId: pool.clientId,
    username: user.username,
    password: user.password,
  })
}

/** A fresh id token for a demo user: `alice`, `bob`, `carol`, or the operator `olga`. */
export async function idTokenFor(name: string): Promise<string> {
  return (await tokensFor(name)).idToken
}

async function startPrivateUserPool(): Promise<UserPoolInfo> {
  const dataDir = await mkdtemp(join(tmpdir(), 'proov-cognito-'))
  const cognito = await startCognitoLocal({ dataDir })
  cognito.unref()
  // Registered after the emulator's own exit hook, so it runs once the emulator is signalled.
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }))

  return ensureUserPool({
    endpoint: cognito.endpoint,
    poolName: POOL_NAME,
    clientName: CLIENT_NAME,
    users: DEMO_USERS,
  })
}
