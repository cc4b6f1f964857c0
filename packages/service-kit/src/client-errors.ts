import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { apiErrors, errorBody } from './errors.js'
import type { ApiErrorCode } from './errors.js'

function refusalOf(parserCode: string | undefined): ApiErrorCode {
  if (parserCode === 'HPE_HEADER_OVERFLOW') return 'headers_too_large'
  if (parserCode === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout'
  return 'invalid_request'
}

/**
 * What Node's HTTP parser refused, answered in the API's error shape before any route runs.
 * Logged with the parser's code only: the raw bytes may hold a token.
 */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
) {
  this.log.trace({ parser_code: error.code }, 'client error')
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }

  const code = refusalOf(error.code)
  const { statusCode, message } = apiErrors[code]
  const body = JSON.stringify(errorBody(statusCode, code, message))
  socket.end(
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
