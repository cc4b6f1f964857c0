import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ApiError, apiErrors, errorBody } from './errors.js'

/** Fastify's own 4xx errors, mapped onto this API's stable codes. */
const FASTIFY_CODES: Record<string, keyof typeof apiErrors> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'multipart_invalid',
  FST_PARTS_LIMIT: 'too_many_files',
  FST_FILES_LIMIT: 'too_many_files',
  FST_FIELDS_LIMIT: 'multipart_invalid',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_PROTO_VIOLATION: 'invalid_request',
  FST_ERR_BAD_URL: 'invalid_request',
  FST_ERR_MAX_PARAM_LENGTH: 'invalid_request',
}

/** Client errors raised by plugins without a code of this API, answered by their status. */
const STATUS_CODES: Record<number, keyof typeof apiErrors> = {
  400: 'invalid_request',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

interface CodedError {
  code: string
  statusCode: number
  message: string
}

function isCodedClientError(error: unknown): error is CodedError {
  const candidate = error as Partial<CodedError> | null
  return (
    typeof candidate?.code === 'string' &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 600 &&
    /^[a-z][a-z_]*$/.test(candidate.code)
  )
}

function validationMessage(error: FastifyError): string {
  if (!hasZodFastifySchemaValidationErrors(error)) return error.message

  const first = error.validation[0]
  const where = first?.instancePath
    ? `${error.validationContext ?? 'body'}${first.instancePath}`
    : error.validationContext
  return `${where ?? 'request'}: ${first?.message ?? 'is not valid'}`
}

/**
 * One handler per service: catalogued errors keep their code and status; 5xx answers are
 * generic to the caller and complete in the log.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation !== undefined) {
    request.log.info({ code: 'invalid_request' }, 'request refused')
    return reply.code(400).send(errorBody(400, 'invalid_request', validationMessage(error)))
  }

  const mapped =
    (error.code === undefined ? undefined : FASTIFY_CODES[error.code]) ??
    (isCodedClientError(error) ? undefined : STATUS_CODES[error.statusCode ?? 500])
  if (mapped !== undefined) {
    const { statusCode, message } = apiErrors[mapped]
    request.log.info({ code: mapped }, 'request refused')
    return reply.code(statusCode).send(errorBody(statusCode, mapped, message))
  }

  if ((error instanceof ApiError || isCodedClientError(error)) && error.statusCode < 500) {
    request.log.info({ code: error.code }, 'request refused')
    return reply.code(error.statusCode).send(errorBody(error.statusCode, error.code, error.message))
  }

  if (isCodedClientError(error)) {
    request.log.error({ err: error, code: error.code }, 'request failed')
    if (error.statusCode === 503) void reply.header('retry-after', '5')
    return reply.code(error.statusCode).send(errorBody(error.statusCode, error.code, error.message))
  }

  request.log.error({ err: error }, 'request failed')
  const { statusCode, message } = apiErrors.internal_error
  return reply.code(statusCode).send(errorBody(statusCode, 'internal_error', message))
}
