import t from 'tap'
import type { Test } from 'tap'
import { createService } from '../src/index.js'

async function build(t: Test) {
  const app = await createService({ name: 'test', logger: false })
  app.get('/fails/:status', async (request) => {
    const { status } = request.params as { status: string }
    throw Object.assign(new Error('detail a caller must not see'), { statusCode: Number(status) })
  })
  t.teardown(() => app.close())
  return app
}

// Regression: a plugin's 4xx error without a code of this API answered 500 internal_error.
t.test('a client error without a code keeps its status and gets a catalogue code', async (t) => {
  const app = await build(t)

  for (const [status, code] of [
    [400, 'invalid_request'],
    [404, 'not_found'],
    [413, 'payload_too_large'],
  ] as const) {
    const response = await app.inject({ method: 'GET', url: `/fails/${status}` })
    t.equal(response.statusCode, status)
    t.equal(response.json().code, code)
    t.notMatch(response.body, 'detail a caller must not see')
  }

  const unknown = await app.inject({ method: 'GET', url: '/fails/500' })
  t.equal(unknown.statusCode, 500)
  t.equal(unknown.json().code, 'internal_error')
})

// Regression: a malformed URL answered Fastify's own body with code FST_ERR_BAD_URL.
t.test('a malformed URL answers the error shape with a stable code', async (t) => {
  const app = await build(t)

  const response = await app.inject({ method: 'GET', url: '/fails/%ZZ' })

  t.equal(response.statusCode, 400)
  t.same(response.json(), {
    statusCode: 400,
    code: 'invalid_request',
    error: 'Bad Request',
    message: 'The request is not valid',
  })
  t.ok(response.headers['x-request-id'])
})
