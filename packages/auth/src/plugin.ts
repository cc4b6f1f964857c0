import fastifyJwt from '@fastify/jwt'
import type { TokenOrHeader } from '@fastify/jwt'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { checkCognitoClaims, isClaimSet, principalOf } from './claims.js'
import type { ClaimSet, Principal } from './claims.js'
import { AuthError, TokenRejection, isAuthError } from './errors.js'
import { resolveAuthOptions } from './options.js'
import type { CognitoAuthOptions, ResolvedAuthOptions } from './options.js'
import { SIGNING_ALGORITHM, createSigningKeyStore } from './signing-keys.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller; set by `fastify.authenticate`, null on requests it did not run for. */
    principal: Principal
  }

  interface FastifyInstance {
    /** An onRequest/preHandler hook: verifies the bearer token and sets `request.principal`. */
    authenticate: (request: FastifyRequest) => Promise<void>
  }
}

// The scheme in any case (RFC 9110 §11.1), then one or more spaces (RFC 6750 §2.1).
const BEARER_SCHEME = /^Bearer +/i
const WHITESPACE = /\s/

/** What follows the Bearer scheme; undefined when the request carries no bearer credentials. */
function bearerCredentialsOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization ?? ''
  const scheme = BEARER_SCHEME.exec(authorization)
  const credentials = scheme === null ? '' : authorization.slice(scheme[0].length).trimEnd()
  return credentials === '' ? undefined : credentials
}

/**
 * Rejects, before any key is fetched, what no pool key could make valid: a foreign algorithm, a
 * missing key id, another issuer. Only the key id is taken from the token, never a URL.
 */
function signingKeyIdOf(token: TokenOrHeader, issuer: string): string {
  const { header, payload } = 'header' in token ? token : { header: token, payload: undefined }

  if (header.alg !== SIGNING_ALGORITHM) throw new TokenRejection('algorithm_not_allowed')
  if (typeof header.kid !== 'string' || header.kid === '') throw new TokenRejection('kid_missing')
  if (!isClaimSet(payload) || payload.iss !== issuer) throw new TokenRejection('issuer_mismatch')
  return header.kid
}

function reasonOf(error: unknown): { reason: string; detail?: string } {
  if (error instanceof TokenRejection) return { reason: error.reason }
  if (!(error instanceof Error)) return { reason: 'verification_failed' }

  // Messages from fast-jwt and @fastify/jwt name the failed check, never the token's content.
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  return { reason: code ?? 'verification_failed', detail: error.message }
}

function rejectionFor(request: FastifyRequest, error: unknown): AuthError {
  if (isAuthError(error)) {
    request.log.warn({ reason: 'jwks_unavailable', err: error.cause }, 'token not verified')
    return error
  }

  request.log.info(reasonOf(error), 'token rejected')
  return new AuthError('invalid_token', undefined, { cause: error })
}

async function cognitoAuthPlugin(fastify: FastifyInstance, input: CognitoAuthOptions) {
  const options: ResolvedAuthOptions = resolveAuthOptions(input)
  const signingKeys = createSigningKeyStore({
    issuer: options.issuer,
    cooldownMs: options.jwksCooldownMs,
    timeoutMs: options.jwksTimeoutMs,
  })

  async function publicKeyForToken(_request: FastifyRequest, token: TokenOrHeader) {
    return signingKeys.publicKeyFor(signingKeyIdOf(token, options.issuer))
  }

  // LIMITATION: @fastify/jwt decorators leak to the app; a child scope would hide them from routes
  await fastify.register(fastifyJwt, {
    secret: publicKeyForToken,
    decode: { complete: true },
    verify: {
      algorithms: [SIGNING_ALGORITHM],
      allowedIss: options.issuer,
      requiredClaims: ['iss', 'exp'],
      clockTolerance: options.clockToleranceSeconds * 1000,
      extractToken: bearerCredentialsOf,
    },
    // `trusted` runs before @fastify/jwt sets the decorator, so `request.principal` only ever
    // holds the principal of a token that passed every check.
    trusted: async (_request, claims) => {
      checkCognitoClaims(claims, options)
      return true
    },
    // The payload is the JSON object `trusted` has just checked.
    formatUser: (claims) => principalOf(claims as ClaimSet),
    decoratorName: 'principal',
  })

  fastify.decorate('authenticate', async function authenticate(request: FastifyRequest) {
    const credentials = bearerCredentialsOf(request)
    if (credentials === undefined) {
      request.log.info({ reason: 'bearer_token_missing' }, 'token rejected')
      throw new AuthError('auth_required')
    }

    try {
      // Two tokens, or one with a stray space, are credentials all the same, just not valid ones.
      if (WHITESPACE.test(credentials)) throw new TokenRejection('bearer_malformed')
      await request.jwtVerify()
    } catch (error) {
      throw rejectionFor(request, error)
    }
  })
}

/** Verifies Amazon Cognito tokens and exposes the caller as `request.principal`. */
export const cognitoAuth = fp(cognitoAuthPlugin, { name: 'proov-auth', fastify: '5.x' })
