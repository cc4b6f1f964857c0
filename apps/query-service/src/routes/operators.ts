import { isOperator } from '@proov/domain'
import type { ReadRules } from '@proov/domain'
import { notFound } from '@proov/service-kit'
import type { FastifyRequest } from 'fastify'

/**
 * An onRequest hook after `authenticate`: anyone outside the operator group meets the bytes of a
 * path that does not exist, before the request is parsed or validated.
 */
export function onlyOperators(rules: ReadRules) {
  return async function onlyOperators(request: FastifyRequest) {
    if (!isOperator(request.principal, rules)) throw notFound()
  }
}
