import proxy from '@fastify/http-proxy'
import { createService, rateLimitSettingsFromEnv, rateLimits } from '@proov/service-kit'
import type { ServiceOptions } from '@proov/service-kit'
import { answerUpstreamFailure, withRequestId } from './proxy.js'
import { PUBLIC_ROUTES } from './routes.js'
import {
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  createUpstreamPools,
  upstreamOrigin,
  upstreamsAlive,
} from './upstreams.js'

export interface GatewayOptions {
  /** Origin of the analyze service, e.g. http://127.0.0.1:3001. */
  analyzeUrl: string
  /** Origin of the query service, e.g. http://127.0.0.1:3002. */
  queryUrl: string
  logger?: ServiceOptions['logger']
  /** Longest silence from an upstream before the gateway answers 504; default 30 s. */
  upstreamTimeoutMs?: number
  /** Requests per client address and minute, 0 for no limit; default from the environment. */
  rateLimitPerMinute?: number
}

/**
 * The public entry: each public path goes to the service that answers it, bodies stream through
 * untouched and unlimited, and every other path is a 404 here.
 */
export async function buildGateway(options: GatewayOptions) {
  const origins = {
    analyze: upstreamOrigin(options.analyzeUrl, 'analyzeUrl'),
    query: upstreamOrigin(options.queryUrl, 'queryUrl'),
  }
  const app = await createService({
    name: 'gateway',
    description: 'Routes the public API to the services behind it',
    logger: options.logger,
    isReady: () => upstreamsAlive(origins),
  })

  const pools = createUpstreamPools(
    origins,
    options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
  )
  app.addHook('onClose', () => pools.close())

  // Before any proxy route is added: the limit applies to the routes registered after it.
  await app.register(rateLimits, {
    max: options.rateLimitPerMinute ?? rateLimitSettingsFromEnv(process.env).gatewayPerMinute,
    countBy: 'address',
  })

  for (const route of PUBLIC_ROUTES) {
    const pool = route.streaming
      ? pools.forStreams(route.upstream)
      : pools.forRequests(route.upstream)
    // Each registration gets its own context, whose pass-through content-type parsers hand the
    // raw body stream to the upstream: nothing is parsed, buffered or size-limited here.
    await app.register(proxy, {
      upstream: origins[route.upstream],
      routes: [route.url],
      httpMethods: [route.method],
      undici: pool,
      disableRequestLogging: true,
      replyOptions: {
        rewriteRequestHeaders: withRequestId,
        onError: answerUpstreamFailure,
        // The caller decides whether to try again; a retried request could run twice upstream.
        retryDelay: () => null,
      },
    })
  }

  return app
}

export type Gateway = Awaited<ReturnType<typeof buildGateway>>
