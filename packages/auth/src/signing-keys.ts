import { createPublicKey } from 'node:crypto'
import type { JsonWebKey } from 'node:crypto'
import { AuthError, TokenRejection } from './errors.js'

export const SIGNING_ALGORITHM = 'RS256'
const KEY_SET_MAX_AGE_MS = 60 * 60 * 1000
const MIN_MODULUS_BITS = 2048

export interface SigningKeyStoreOptions {
  /** The pinned user pool URL; its JWKS is the only place keys come from. */
  issuer: string
  cooldownMs: number
  timeoutMs: number
  /** Age after which a request with a known key refreshes the set in the background. */
  maxAgeMs?: number
}

export interface SigningKeyStore {
  /**
   * The PEM public key for a key id. Rejects with a TokenRejection for a key id the pool does
   * not have, and with `auth_unavailable` when the JWKS cannot be read and the key is not cached.
   */
  publicKeyFor(kid: string): Promise<string>
}

function isSigningJwk(jwk: unknown): jwk is JsonWebKey & { kid: string } {
  if (typeof jwk !== 'object' || jwk === null) return false

  const { kty, kid, alg, use } = jwk as Record<string, unknown>
  return (
    kty === 'RSA' &&
    typeof kid === 'string' &&
    kid !== '' &&
    (alg === undefined || alg === SIGNING_ALGORITHM) &&
    (use === undefined || use === 'sig')
  )
}

/** The pool's RS256 keys by key id, as PEM; keys that do not parse or are weak are left out. */
export function publicKeysOf(document: unknown): Map<string, string> {
  const jwks = typeof document === 'object' && document !== null && 'keys' in document
  const candidates = jwks && Array.isArray(document.keys) ? document.keys : []
  const keys = new Map<string, string>()

  for (const jwk of candidates.filter(isSigningJwk)) {
    try {
      const key = createPublicKey({ key: jwk, format: 'jwk' })
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_MODULUS_BITS) continue
      keys.set(jwk.kid, key.export({ type: 'spki', format: 'pem' }).toString())
    } catch {
      continue
    }
  }
  return keys
}

async function fetchKeySet({ issuer, timeoutMs }: SigningKeyStoreOptions) {
  // Only the pinned URL, and no redirect away from it.
  const response = await fetch(`${issuer}/.well-known/jwks.json`, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (!response.ok) throw new Error(`the JWKS answered ${response.status}`)

  const keys = publicKeysOf(await response.json())
  if (keys.size === 0) throw new Error('the JWKS holds no usable RS256 key')
  return keys
}

/**
 * Holds the pool's signing keys. The whole set is read at once, so a fetch caused by a bogus key
 * id still brings in every real key. Fetches for unknown key ids are at most one per cooldown and
 * one at a time; a failed fetch keeps the keys already held.
 */
export function createSigningKeyStore(options: SigningKeyStoreOptions): SigningKeyStore {
  const maxAgeMs = options.maxAgeMs ?? KEY_SET_MAX_AGE_MS
  let keys = new Map<string, string>()
  let fetchedAt = -Infinity
  let fetching: Promise<void> | null = null
  let nextFetchAt = 0
  let lastFailure: unknown = null

  function refresh(): Promise<void> {
    if (fetching !== null) return fetching

    nextFetchAt = Date.now() + options.cooldownMs
    fetching = fetchKeySet(options)
      .then(
        (fresh) => {
          keys = fresh
          fetchedAt = Date.now()
          lastFailure = null
        },
        (error: unknown) => {
          lastFailure = error
        },
      )
      .finally(() => {
        fetching = null
      })
    return fetching
  }

  const mayFetch = () => fetching !== null || Date.now() >= nextFetchAt

  async function publicKeyFor(kid: string): Promise<string> {
    const known = keys.get(kid)
    if (known !== undefined) {
      // Refreshing in the background lets a key removed from the pool stop working, without
      // making a request wait for the JWKS host.
      if (Date.now() - fetchedAt > maxAgeMs && mayFetch()) void refresh()
      return known
    }

    if (mayFetch()) await refresh()

    const fetched = keys.get(kid)
    if (fetched !== undefined) return fetched
    if (lastFailure === null) throw new TokenRejection('kid_unknown')
    throw new AuthError('auth_unavailable', undefined, { cause: lastFailure })
  }

  return { publicKeyFor }
}
