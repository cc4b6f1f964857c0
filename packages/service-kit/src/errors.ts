import { STATUS_CODES } from 'node:http'

const CATALOGUE = {
  invalid_request: { statusCode: 400, message: 'The request is not valid' },
  cursor_invalid: { statusCode: 400, message: 'The cursor is not valid for this request' },
  multipart_invalid: { statusCode: 400, message: 'The multipart body is malformed' },
  no_videos: { statusCode: 400, message: 'The request names no video' },
  not_found: { statusCode: 404, message: 'Not found' },
  request_timeout: { statusCode: 408, message: 'The request took too long to arrive' },
  payload_too_large: { statusCode: 413, message: 'The request body is too large' },
  too_many_files: { statusCode: 413, message: 'Too many files in one request' },
  unsupported_media_type: { statusCode: 415, message: 'The content type is not supported' },
  headers_too_large: { statusCode: 431, message: 'The request headers are too large' },
  rate_limited: { statusCode: 429, message: 'Too many requests' },
  internal_error: { statusCode: 500, message: 'Something went wrong on our side' },
  service_unavailable: { statusCode: 503, message: 'The service is temporarily unavailable' },
  config_invalid: { statusCode: 500, message: 'The service configuration is invalid' },
} as const satisfies Record<string, { statusCode: number; message: string }>

export type ApiErrorCode = keyof typeof CATALOGUE

/** Every error the HTTP services answer with, by stable code. */
export const apiErrors: Readonly<typeof CATALOGUE> = CATALOGUE

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: ApiErrorCode
  readonly statusCode: number

  constructor(code: ApiErrorCode, message?: string, options?: ErrorOptions) {
    super(message ?? CATALOGUE[code].message, options)
    this.code = code
    this.statusCode = CATALOGUE[code].statusCode
  }
}

export interface ErrorBody {
  statusCode: number
  code: string
  error: string
  message: string
}

export function errorBody(statusCode: number, code: string, message: string): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message }
}

/** The answer for anything the caller may not see: the same bytes as for what does not exist. */
export function notFound(): ApiError {
  return new ApiError('not_found')
}
