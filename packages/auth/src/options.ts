import { AuthError } from './errors.js'

export const TOKEN_USES = ['id', 'access', 'any'] as const
export type TokenUse = (typeof TOKEN_USES)[number]

export interface CognitoAuthOptions {
  /** The user pool URL, exactly as tokens carry it in `iss`. */
  issuer: string
  /** App client ids accepted: `aud` of id tokens, `client_id` of access tokens. */
  clientIds: string[]
  /** Default `'id'`. */
  tokenUse?: TokenUse
  /** Default 5; an integer from 0 to 300. */
  clockToleranceSeconds?: number
  /** Minimum gap between JWKS fetches for unknown key ids; default 10 000. */
  jwksCooldownMs?: number
  /** JWKS fetch timeout; default 3 000. */
  jwksTimeoutMs?: number
}

export type ResolvedAuthOptions = Required<CognitoAuthOptions>

export const MAX_CLOCK_TOLERANCE_SECONDS = 300
const MAX_JWKS_TIMEOUT_MS = 60_000

export function isClockTolerance(value: number): boolean {
  return isIntegerIn(value, 0, MAX_CLOCK_TOLERANCE_SECONDS)
}

export function isTokenUse(value: unknown): value is TokenUse {
  return TOKEN_USES.some((tokenUse) => tokenUse === value)
}

function invalid(detail: string): AuthError {
  return new AuthError('auth_config_invalid', detail)
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max
}

/** Tokens are matched on the exact string, so only a URL's canonical spelling is taken. */
export function isPoolUrl(issuer: unknown): issuer is string {
  if (typeof issuer !== 'string' || !URL.canParse(issuer)) return false

  const url = new URL(issuer)
  return (
    url.href === issuer &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.search === '' &&
    url.hash === '' &&
    !url.pathname.endsWith('/')
  )
}

export const POOL_URL_RULE = 'a canonical http(s) user pool URL without a trailing slash'

export function resolveAuthOptions(options: CognitoAuthOptions): ResolvedAuthOptions {
  const { issuer } = options
  if (!isPoolUrl(issuer)) throw invalid(`issuer must be ${POOL_URL_RULE}`)

  const { clientIds } = options
  if (!Array.isArray(clientIds) || clientIds.length === 0) {
    throw invalid('clientIds must list at least one app client id')
  }
  if (clientIds.some((clientId) => typeof clientId !== 'string' || clientId === '')) {
    throw invalid('clientIds must be non-empty strings')
  }

  const tokenUse = options.tokenUse ?? 'id'
  if (!isTokenUse(tokenUse)) throw invalid(`tokenUse must be one of ${TOKEN_USES.join(', ')}`)

  const clockToleranceSeconds = options.clockToleranceSeconds ?? 5
  if (!isClockTolerance(clockToleranceSeconds)) {
    throw invalid(
      `clockToleranceSeconds must be an integer from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`,
    )
  }

  const jwksCooldownMs = options.jwksCooldownMs ?? 10_000
  if (!isIntegerIn(jwksCooldownMs, 0, Number.MAX_SAFE_INTEGER)) {
    throw invalid('jwksCooldownMs must be a non-negative integer')
  }

  const jwksTimeoutMs = options.jwksTimeoutMs ?? 3_000
  if (!isIntegerIn(jwksTimeoutMs, 1, MAX_JWKS_TIMEOUT_MS)) {
    throw invalid(`jwksTimeoutMs must be an integer from 1 to ${MAX_JWKS_TIMEOUT_MS}`)
  }

  return {
    issuer,
    clientIds: [...clientIds],
    tokenUse,
    clockToleranceSeconds,
    jwksCooldownMs,
    jwksTimeoutMs,
  }
}
