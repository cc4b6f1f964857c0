import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'

/** Never a token, an Authorization header, a cookie or an e-mail address in a log line. */
// LIMITATION: redaction goes by field name; an e-mail inside free text or deeper nesting stays.
export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  'authorization',
  'cookie',
  'token',
  'email',
  'user_email',
  '*.authorization',
  '*.cookie',
  '*.email',
  '*.user_email',
  '*.token',
  // A request Node could not parse is logged (at trace) with its raw bytes, headers and all.
  'err.rawPacket',
  '*.rawPacket',
]

const REDACT = { paths: LOG_REDACTIONS, censor: '[redacted]' }

/** Everything before `?` or `#`: a query string may carry a search text, a cursor or an e-mail. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

interface LoggedRequest {
  method?: string
  url?: string
  socket?: { remoteAddress?: string; remotePort?: number } | null
}

/** The request as its log lines show it: no query string, no headers. */
function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : pathOf(request.url),
    remoteAddress: request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  }
}

const SERIALIZERS = { req: serializeRequest }

export type ServiceLogger = FastifyServerOptions['logger'] | FastifyBaseLogger

function isLoggerInstance(given: ServiceLogger): given is FastifyBaseLogger {
  return typeof given === 'object' && 'child' in given
}

/** Fastify's logger settings for a service: its name on every line, redaction, no query strings. */
export function serviceLoggerOptions(
  name: string,
  given: ServiceLogger | undefined,
): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  if (given !== undefined && isLoggerInstance(given)) {
    return {
      loggerInstance: given.child({ service: name }, { serializers: SERIALIZERS, redact: REDACT }),
    }
  }
  if (given === false) return { logger: false }

  const base = typeof given === 'object' ? given : {}
  return {
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      ...base,
      base: { service: name },
      serializers: { ...base.serializers, ...SERIALIZERS },
      redact: REDACT,
    },
  }
}
