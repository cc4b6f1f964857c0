import { Pool } from 'undici'
import { GatewayError } from './errors.js'
import type { Upstream } from './routes.js'

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000
const CONNECT_TIMEOUT_MS = 5_000
const HEALTH_TIMEOUT_MS = 2_000

/** The origin of an upstream URL; the proxy would silently drop a path, so none is taken. */
export function upstreamOrigin(raw: string, name: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GatewayError('config_invalid', `${name} must be an http(s) URL`)
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new GatewayError('config_invalid', `${name} must name a host and port only`)
  }
  return url.origin
}

export interface UpstreamPools {
  /** Connections for ordinary requests: an idle upstream times out. */
  forRequests(upstream: Upstream): Pool
  /** Connections for event streams, which may stay quiet for as long as nothing happens. */
  forStreams(upstream: Upstream): Pool
  close(): Promise<void>
}

/**
 * One connection pool per upstream and kind. `timeoutMs` bounds the wait for an answer to start
 * and each silence within it; an upload that keeps sending is not cut off for being long.
 */
export function createUpstreamPools(
  origins: Record<Upstream, string>,
  timeoutMs: number,
): UpstreamPools {
  const common = { connectTimeout: CONNECT_TIMEOUT_MS, headersTimeout: timeoutMs }
  const requests = {
    analyze: new Pool(origins.analyze, { ...common, bodyTimeout: timeoutMs }),
    query: new Pool(origins.query, { ...common, bodyTimeout: timeoutMs }),
  }
  const streams = {
    analyze: new Pool(origins.analyze, { ...common, bodyTimeout: 0 }),
    query: new Pool(origins.query, { ...common, bodyTimeout: 0 }),
  }

  return {
    forRequests: (upstream) => requests[upstream],
    forStreams: (upstream) => streams[upstream],
    async close() {
      await Promise.all(
        [...Object.values(requests), ...Object.values(streams)].map((p) => p.close()),
      )
    },
  }
}

/** Readiness: every upstream answers its liveness probe. */
export async function upstreamsAlive(origins: Record<Upstream, string>): Promise<boolean> {
  const probes = Object.values(origins).map(async (origin) => {
    try {
      const response = await fetch(`${origin}/healthz`, {
        signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
      })
      await response.body?.cancel()
      return response.ok
    } catch {
      return false
    }
  })
  return (await Promise.all(probes)).every(Boolean)
}
