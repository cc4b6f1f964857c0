import type { FastifyHttpProxyOptions } from '@fastify/http-proxy'
import { errorBody } from '@proov/service-kit'
import { GatewayError } from './errors.js'

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>

/**
 * The request id the gateway logs under travels on, so one id follows a request everywhere.
 * `Expect` stops here: Node has already answered `100 Continue` to the client, and the upstream
 * client refuses to send the header on (curl adds it to every upload over 1 MB).
 */
export const withRequestId: NonNullable<ReplyOptions['rewriteRequestHeaders']> = (
  request,
  headers,
) => {
  const forwarded = { ...headers, 'x-request-id': request.id }
  delete forwarded.expect
  return forwarded
}

function statusOf(error: Error): number | undefined {
  return 'statusCode' in error && typeof error.statusCode === 'number'
    ? error.statusCode
    : undefined
}

/**
 * An upstream that cannot be reached, resets or stays silent answers a stable JSON error rather
 * than the proxy's own. A timeout is 504; every other failure is 502.
 */
export const answerUpstreamFailure: NonNullable<ReplyOptions['onError']> = (reply, { error }) => {
  const failure = new GatewayError(
    statusOf(error) === 504 ? 'upstream_timeout' : 'upstream_unavailable',
    undefined,
    { cause: error },
  )
  reply.log.error({ err: failure, code: failure.code }, 'upstream failed')
  void reply
    .code(failure.statusCode)
    .send(errorBody(failure.statusCode, failure.code, failure.message))
}
