import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError } from './errors.js'

export interface RateLimitOptions {
  /** Requests one caller may make per window on any route; 0 turns this limit off. */
  max: number
  /** One minute when absent. */
  timeWindowMs?: number
  /**
   * Limits of single routes, keyed `METHOD /url` as registered (`'POST /analyze'`). Each is
   * counted apart from `max`; 0 turns that route's limit off.
   */
  routes?: Readonly<Record<string, number>>
  /**
   * `caller` (default): the `sub` @proov/auth verified, else the client address, counted once
   * the route's onRequest hooks (authentication) have run. `address`: the client address only,
   * counted on request, before the body is read.
   */
  countBy?: 'caller' | 'address'
}

// LIMITATION: counters live in each process's memory; N instances let a caller make N times max.
// LIMITATION: unauthenticated callers are counted by socket address; behind a proxy they share one.
// LIMITATION: unknown paths (404) and requests refused by authentication are never counted.
const DEFAULT_WINDOW_MS = 60_000
const CACHED_CALLERS = 10_000
/** Probes of the platform: limiting them would take a busy service out of rotation. */
const UNLIMITED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz'])
const QUIET_WHILE_UNDER_LIMIT = {
  'x-ratelimit-limit': false,
  'x-ratelimit-remaining': false,
  'x-ratelimit-reset': false,
}

/** The user id `authenticate` verified; read by shape, so the kit needs no auth package. */
function verifiedUserIdOf(request: FastifyRequest): string | undefined {
  const principal = 'principal' in request ? request.principal : undefined
  if (typeof principal !== 'object' || principal === null || !('user_id' in principal)) {
    return undefined
  }
  return typeof principal.user_id === 'string' ? principal.user_id : undefined
}

function callerKey(request: FastifyRequest): string {
  const userId = verifiedUserIdOf(request)
  return userId === undefined ? `address:${normalizeIP(request.ip)}` : `user:${userId}`
}

function routeKeysOf(route: RouteOptions): string[] {
  return [route.method].flat().map((method) => `${method} ${route.url}`)
}

function rateLimited(): ApiError {
  return new ApiError('rate_limited')
}

async function rateLimitsPlugin(app: FastifyInstance, options: RateLimitOptions) {
  const routeLimits = new Map(Object.entries(options.routes ?? {}))
  const unseen = new Set(routeLimits.keys())
  const byAddress = options.countBy === 'address'

  // Registered before @fastify/rate-limit's own onRoute hook, which reads what this one sets.
  app.addHook('onRoute', (route) => {
    if (UNLIMITED_PATHS.has(route.url)) {
      route.config = { ...route.config, rateLimit: false }
      return
    }

    const key = routeKeysOf(route).find((candidate) => routeLimits.has(candidate))
    if (key === undefined) return
    unseen.delete(key)
    // A route that states its own limit keeps it.
    if (route.config?.rateLimit !== undefined) return
    const max = routeLimits.get(key) ?? 0
    route.config = { ...route.config, rateLimit: max === 0 ? false : { max } }
  })

  // A limit on a route that does not exist is a typo that would silently limit nothing.
  app.addHook('onReady', async () => {
    if (unseen.size > 0) {
      throw new ApiError('config_invalid', `no route for the rate limit of ${[...unseen][0]}`)
    }
  })

  const counting = byAddress
    ? // Counters of its own on every answer would overwrite those of the service behind.
      { addHeadersOnExceeding: QUIET_WHILE_UNDER_LIMIT }
    : { keyGenerator: callerKey, hook: 'preParsing' as const }
  await app.register(rateLimit, {
    global: options.max > 0,
    max: options.max,
    timeWindow: options.timeWindowMs ?? DEFAULT_WINDOW_MS,
    cache: CACHED_CALLERS,
    errorResponseBuilder: rateLimited,
    ...counting,
  })
}

/**
 * Per-caller request limits: a caller over the limit gets 429 `rate_limited` with `Retry-After`
 * until the window ends; `/healthz` and `/readyz` are never limited. Register it before the routes
 * it limits.
 */
export const rateLimits = fp(rateLimitsPlugin, { name: 'proov-rate-limits', fastify: '5.x' })

export interface RateLimitSettings {
  /** RATE_LIMIT_PER_MINUTE: requests per user and minute on a service's routes. */
  perMinute: number
  /** RATE_LIMIT_ANALYZE_PER_MINUTE: POST /analyze requests per user and minute. */
  analyzePerMinute: number
  /** RATE_LIMIT_GATEWAY_PER_MINUTE: requests per client address and minute at the gateway. */
  gatewayPerMinute: number
}

export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = {
  perMinute: 300,
  analyzePerMinute: 60,
  gatewayPerMinute: 1200,
}

function perMinuteOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback

  if (!/^\d{1,9}$/.test(raw)) {
    throw new ApiError('config_invalid', `${name} must be a whole number of requests, 0 for none`)
  }
  return Number(raw)
}

/** The limits from the environment; a variable set to 0 turns its limit off. */
export function rateLimitSettingsFromEnv(env: NodeJS.ProcessEnv): RateLimitSettings {
  return {
    perMinute: perMinuteOf(env, 'RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMITS.perMinute),
    analyzePerMinute: perMinuteOf(
      env,
      'RATE_LIMIT_ANALYZE_PER_MINUTE',
      DEFAULT_RATE_LIMITS.analyzePerMinute,
    ),
    gatewayPerMinute: perMinuteOf(
      env,
      'RATE_LIMIT_GATEWAY_PER_MINUTE',
      DEFAULT_RATE_LIMITS.gatewayPerMinute,
    ),
  }
}
