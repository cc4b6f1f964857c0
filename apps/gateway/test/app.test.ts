import { request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import t from 'tap'
import { PUBLIC_ROUTES } from '../src/index.js'
import { closedOrigin, startGateway, startUpstream } from './fixtures/servers.js'

const TOKEN = 'header.payload.signature'

function concrete(url: string): string {
  return url
    .replace(':job_id', 'job-1')
    .replace(':session_id', 'session-1')
    .replace(':user_id', 'user-1')
}

t.test('every public route reaches its own service, headers and query intact', async (t) => {
  const analyze = await startUpstream(t)
  const query = await startUpstream(t)
  const gateway = await startGateway(t, { analyzeUrl: analyze.origin, queryUrl: query.origin })

  for (const route of PUBLIC_ROUTES) {
    const path = `${concrete(route.url)}?limit=2&q=a%20b`
    const body = route.method === 'GET' ? undefined : JSON.stringify({ job_ids: ['x'] })
    const response = await fetch(`${gateway.url}${path}`, {
      method: route.method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'x-request-id': 'request-0001',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    })

    const name = `${route.method} ${route.url}`
    t.equal(response.status, 200, name)
    t.equal(response.headers.get('x-upstream'), 'yes', `${name}: the service's headers come back`)
    t.equal(response.headers.get('x-request-id'), 'request-0001')
    t.same(await response.json(), { method: route.method, url: path, body: body ?? '' }, name)

    const target = route.upstream === 'analyze' ? analyze : query
    const other = route.upstream === 'analyze' ? query : analyze
    const seen = target.seen.at(-1)
    t.equal(seen?.url, path, `${name} went to the ${route.upstream} service`)
    t.equal(seen?.headers.authorization, `Bearer ${TOKEN}`, `${name}: the token is forwarded`)
    t.equal(seen?.headers['x-request-id'], 'request-0001')
    t.notOk(other.seen.some((request) => request === seen))
  }
  t.equal(analyze.seen.length + query.seen.length, PUBLIC_ROUTES.length)
  t.notOk(gateway.logs().includes(TOKEN), 'the token is not logged')
})

t.test("the operators' paths are public and answered by the query service", async (t) => {
  const admin = PUBLIC_ROUTES.filter((route) => route.url.startsWith('/admin/'))
  t.same(
    admin.map((route) => [route.method, route.url, route.upstream]),
    [
      ['GET', '/admin/users/:user_id/jobs', 'query'],
      ['GET', '/admin/legacy-jobs', 'query'],
      ['POST', '/admin/jobs/:job_id/owner', 'query'],
    ],
  )
})

t.test('a request without an id gets one, the same upstream and back', async (t) => {
  const query = await startUpstream(t)
  const gateway = await startGateway(t, { analyzeUrl: query.origin, queryUrl: query.origin })

  for (const given of [undefined, 'bad id with spaces']) {
    const headers: Record<string, string> = given === undefined ? {} : { 'x-request-id': given }
    const response = await fetch(`${gateway.url}/my-jobs`, { headers })

    const answered = response.headers.get('x-request-id')
    t.match(answered, /^[0-9a-f-]{36}$/)
    t.equal(query.seen.at(-1)?.headers['x-request-id'], answered)
  }
})

t.test('only the public paths pass; anything else is a 404, a path escape a 400', async (t) => {
  const upstream = await startUpstream(t)
  const gateway = await startGateway(t, { analyzeUrl: upstream.origin, queryUrl: upstream.origin })

  const refused = [
    ['GET', '/'],
    ['GET', '/jobs'],
    ['GET', '/nope'],
    ['GET', '/job-status'],
    ['POST', '/my-jobs'],
    ['GET', '/my-jobs/'],
    ['GET', '/jobs/job-1/extra'],
    ['DELETE', '/jobs/job-1'],
    ['GET', '/session/s1'],
    ['PUT', '/analyze'],
    ['GET', '/admin'],
    ['GET', '/admin/users'],
    ['GET', '/admin/users/user-1'],
    ['GET', '/admin/jobs/job-1/owner'],
    ['DELETE', '/admin/jobs/job-1/owner'],
    ['POST', '/admin/legacy-jobs'],
  ] as const
  for (const [method, path] of refused) {
    const response = await fetch(`${gateway.url}${path}`, { method })
    t.equal(response.status, 404, `${method} ${path}`)
    t.match(await response.json(), { statusCode: 404, code: 'not_found', error: 'Not Found' })
  }
  for (const path of ['/jobs/..%2Fmy-jobs', '/session/..%2F..%2Fx/jobs', '/jobs/%ZZ']) {
    const response = await fetch(`${gateway.url}${path}`)
    t.equal(response.status, 400, path)
    t.match(await response.json(), { statusCode: 400, code: 'invalid_request' }, path)
  }
  t.same(upstream.seen, [], 'nothing reached a service')
})

t.test('a service that is down answers 502 JSON at once', async (t) => {
  const gateway = await startGateway(t, {
    analyzeUrl: await closedOrigin(),
    queryUrl: await closedOrigin(),
  })

  const started = Date.now()
  const read = await fetch(`${gateway.url}/my-jobs`)
  const write = await fetch(`${gateway.url}/analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ videos: [{ key: 'a.mp4' }] }),
  })

  for (const response of [read, write]) {
    t.equal(response.status, 502)
    t.ok(response.headers.get('x-request-id'))
    t.same(await response.json(), {
      statusCode: 502,
      code: 'upstream_unavailable',
      error: 'Bad Gateway',
      message: 'The service behind the gateway is unavailable',
    })
  }
  t.ok(Date.now() - started < 5_000, 'no hang')
})

t.test('a service that never answers is a 504 after the timeout', async (t) => {
  const silent = await startUpstream(t, () => undefined)
  const gateway = await startGateway(t, {
    analyzeUrl: silent.origin,
    queryUrl: silent.origin,
    upstreamTimeoutMs: 300,
  })

  const response = await fetch(`${gateway.url}/my-sessions`)

  t.equal(response.status, 504)
  t.match(await response.json(), { statusCode: 504, code: 'upstream_timeout' })
})

t.test("a service's own errors pass through untouched and are not retried", async (t) => {
  const failing = await startUpstream(t, (_request, response) => {
    response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
    response.end('{"statusCode":503,"code":"service_unavailable"}')
  })
  const gateway = await startGateway(t, { analyzeUrl: failing.origin, queryUrl: failing.origin })

  const response = await fetch(`${gateway.url}/jobs/job-1`)

  t.equal(response.status, 503)
  t.equal(await response.text(), '{"statusCode":503,"code":"service_unavailable"}')
  t.equal(failing.seen.length, 1)
})

t.test('liveness answers at the gateway; readiness follows the services', async (t) => {
  const upstream = await startUpstream(t, (request, response) => {
    response.writeHead(request.url === '/healthz' ? 200 : 404).end()
  })
  const down = await closedOrigin()

  const ready = await startGateway(t, { analyzeUrl: upstream.origin, queryUrl: upstream.origin })
  t.equal((await fetch(`${ready.url}/healthz`)).status, 200)
  t.equal((await fetch(`${ready.url}/readyz`)).status, 200)

  const halfDown = await startGateway(t, { analyzeUrl: down, queryUrl: upstream.origin })
  t.same(await (await fetch(`${halfDown.url}/healthz`)).json(), { status: 'ok' })
  const notReady = await fetch(`${halfDown.url}/readyz`)
  t.equal(notReady.status, 503)
  t.match(await notReady.json(), { code: 'service_unavailable' })
})

function responseOf(request: ReturnType<typeof httpRequest>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request.once('response', resolve)
    request.once('error', reject)
  })
}

t.test('an event stream flows event by event and may stay quiet past the timeout', async (t) => {
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  const events = await startUpstream(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    response.write('id: 1\ndata: first\n\n')
    void released
      .then(() => new Promise((resolve) => setTimeout(resolve, 600)))
      .then(() => response.end('id: 2\ndata: second\n\n'))
  })
  const gateway = await startGateway(t, {
    analyzeUrl: events.origin,
    queryUrl: events.origin,
    upstreamTimeoutMs: 200,
  })

  const request = httpRequest(`${gateway.url}/session/s1/events`)
  request.end()
  const response = await responseOf(request)
  response.setEncoding('utf8')

  const chunks: string[] = []
  for await (const chunk of response) {
    chunks.push(chunk as string)
    if (chunks.length === 1) {
      t.match(chunk, 'data: first', 'the first event arrives before the second is written')
      release()
    }
  }
  t.match(chunks.join(''), /data: first[\s\S]*data: second/)
})
