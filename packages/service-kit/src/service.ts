import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import swagger from '@fastify/swagger'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { answerClientError } from './client-errors.js'
import { handleError } from './error-handler.js'
import { ApiError, errorBody } from './errors.js'
import { serviceLoggerOptions } from './logging.js'
import type { ServiceLogger } from './logging.js'

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

export interface ServiceOptions {
  name: string
  version?: string
  description?: string
  logger?: ServiceLogger
  bodyLimit?: number
  /** A connection idle this long (no byte either way) is closed; default 60 s. */
  idleTimeoutMs?: number
  /** Readiness: dependencies reachable. */
  isReady?: () => Promise<boolean>
}

/**
 * A Fastify instance as every service here starts: zod-typed routes, one error handler, a
 * request id taken from a well-formed `x-request-id` or made anew, OpenAPI generation,
 * `/healthz` and `/readyz`.
 */
export async function createService(options: ServiceOptions) {
  const app = Fastify({
    ...serviceLoggerOptions(options.name, options.logger),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // A client that stops sending (a stalled upload) is cut off instead of holding a socket and
    // a half-written file open.
    connectionTimeout: options.idleTimeoutMs ?? 60_000,
    clientErrorHandler: answerClientError,
    requestIdHeader: false,
    // A malformed URL never reaches a route or its hooks; without this it answers Fastify's own
    // error shape.
    frameworkErrors: (error, request, reply) => {
      void reply.header('x-request-id', request.id)
      return handleError(error, request, reply)
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(handleError)
  app.setNotFoundHandler((request, reply) => {
    request.log.info({ code: 'not_found' }, 'no such route')
    return reply.code(404).send(errorBody(404, 'not_found', 'Not found'))
  })
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })

  await app.register(swagger, {
    openapi: {
      info: {
        title: options.name,
        version: options.version ?? '1.0.0',
        description: options.description,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
  })

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async () => {
    const ready = options.isReady === undefined ? true : await options.isReady()
    if (!ready) throw new ApiError('service_unavailable')
    return { status: 'ready' }
  })

  return app
}

export type Service = Awaited<ReturnType<typeof createService>>
