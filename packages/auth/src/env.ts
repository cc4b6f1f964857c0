import { AuthError } from './errors.js'
import {
  MAX_CLOCK_TOLERANCE_SECONDS,
  POOL_URL_RULE,
  TOKEN_USES,
  isClockTolerance,
  isPoolUrl,
  isTokenUse,
} from './options.js'
import type { CognitoAuthOptions } from './options.js'

const POOL_ID = /^[\w-]+$/
const REGION = /^[a-z0-9-]+$/

function invalid(detail: string): AuthError {
  return new AuthError('auth_config_invalid', detail)
}

function valueOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function issuerFromEnv(env: NodeJS.ProcessEnv): string {
  const issuer = valueOf(env, 'COGNITO_ISSUER')
  if (issuer !== undefined) {
    if (!isPoolUrl(issuer)) throw invalid(`COGNITO_ISSUER must be ${POOL_URL_RULE}`)
    return issuer
  }

  const poolId = valueOf(env, 'COGNITO_USER_POOL_ID')
  const endpoint = valueOf(env, 'COGNITO_ENDPOINT')
  const region = valueOf(env, 'AWS_REGION')
  if (poolId === undefined) {
    throw invalid('set COGNITO_ISSUER, or COGNITO_USER_POOL_ID with COGNITO_ENDPOINT or AWS_REGION')
  }
  if (!POOL_ID.test(poolId)) throw invalid('COGNITO_USER_POOL_ID is not a user pool id')

  if (endpoint !== undefined) {
    const fromEndpoint = `${endpoint.replace(/\/+$/, '')}/${poolId}`
    if (!isPoolUrl(fromEndpoint)) throw invalid('COGNITO_ENDPOINT must be a canonical http(s) URL')
    return fromEndpoint
  }
  if (region === undefined)
    throw invalid('COGNITO_USER_POOL_ID needs COGNITO_ENDPOINT or AWS_REGION')
  if (!REGION.test(region)) throw invalid('AWS_REGION is not a region name')
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`
}

function clientIdsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const clientIds = (valueOf(env, 'COGNITO_CLIENT_IDS') ?? '')
    .split(',')
    .map((clientId) => clientId.trim())
    .filter((clientId) => clientId !== '')

  if (clientIds.length === 0) throw invalid('COGNITO_CLIENT_IDS is required (comma separated)')
  return clientIds
}

function clockToleranceFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = valueOf(env, 'COGNITO_CLOCK_TOLERANCE_SECONDS')
  if (raw === undefined) return undefined

  const seconds = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!isClockTolerance(seconds)) {
    const range = `0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`
    throw invalid(`COGNITO_CLOCK_TOLERANCE_SECONDS must be a whole number from ${range}`)
  }
  return seconds
}

/**
 * Reads the Cognito settings from the environment and checks them as the plugin would, so a
 * service fails at start with the name of the variable to fix.
 */
export function authOptionsFromEnv(env: NodeJS.ProcessEnv): CognitoAuthOptions {
  const tokenUse = valueOf(env, 'COGNITO_TOKEN_USE') ?? 'id'
  if (!isTokenUse(tokenUse)) {
    throw invalid(`COGNITO_TOKEN_USE must be one of ${TOKEN_USES.join(', ')}`)
  }

  const options: CognitoAuthOptions = {
    issuer: issuerFromEnv(env),
    clientIds: clientIdsFromEnv(env),
    tokenUse,
  }
  const clockToleranceSeconds = clockToleranceFromEnv(env)
  if (clockToleranceSeconds !== undefined) options.clockToleranceSeconds = clockToleranceSeconds

  return options
}
