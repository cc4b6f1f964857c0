import { TokenRejection } from './errors.js'
import type { TokenUse } from './options.js'

/** The verified caller, as the services see it. */
export interface Principal {
  user_id: string
  email: string | null
  groups: string[]
}

export type ClaimSet = Readonly<Record<string, unknown>>

export function isClaimSet(value: unknown): value is ClaimSet {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface ClaimRules {
  issuer: string
  clientIds: readonly string[]
  tokenUse: TokenUse
  clockToleranceSeconds: number
}

function isListed(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === 'string' && allowed.includes(value)
}

/**
 * The Cognito rules a signature check alone does not cover. Throws a TokenRejection naming the
 * first rule the claims break.
 */
export function checkCognitoClaims(
  claims: ClaimSet,
  rules: ClaimRules,
  nowSeconds = Date.now() / 1000,
): void {
  if (claims.iss !== rules.issuer) throw new TokenRejection('issuer_mismatch')

  const tokenUse = claims.token_use
  const expected = rules.tokenUse === 'any' ? ['id', 'access'] : [rules.tokenUse]
  if (!isListed(tokenUse, expected)) throw new TokenRejection('token_use_mismatch')

  // LIMITATION: `aud` must be a single string, as Cognito writes it; an array audience is refused.
  if (tokenUse === 'id' && !isListed(claims.aud, rules.clientIds)) {
    throw new TokenRejection('audience_mismatch')
  }
  if (tokenUse === 'access' && !isListed(claims.client_id, rules.clientIds)) {
    throw new TokenRejection('client_id_mismatch')
  }

  if (typeof claims.sub !== 'string' || claims.sub === '') throw new TokenRejection('sub_missing')

  // Cognito tokens carry no `nbf`: `iat` is where their validity starts.
  const { iat } = claims
  const latestIat = nowSeconds + rules.clockToleranceSeconds
  if (iat !== undefined && !(typeof iat === 'number' && iat <= latestIat)) {
    throw new TokenRejection('issued_at_invalid')
  }
}

/** Builds the principal from claims that passed checkCognitoClaims. */
export function principalOf(claims: ClaimSet): Principal {
  const groups = claims['cognito:groups']
  const email = claims.token_use === 'id' && typeof claims.email === 'string' ? claims.email : null

  return {
    user_id: String(claims.sub),
    email,
    groups: Array.isArray(groups)
      ? groups.filter((group): group is string => typeof group === 'string')
      : [],
  }
}
