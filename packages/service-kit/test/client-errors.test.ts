import t from 'tap'
import type { Test } from 'tap'
import { connect } from 'node:net'
import { once } from 'node:events'
import { createService } from '../src/index.js'

async function rawExchange(port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  socket.write(request)
  let answer = ''
  socket.on('data', (chunk) => (answer += String(chunk)))
  await once(socket, 'close')
  return answer
}

async function listening(t: Test, idleTimeoutMs?: number) {
  const app = await createService({ name: 'raw', logger: false, idleTimeoutMs })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

// Regression: requests Node's parser refuses were answered without the API's `code`.
t.test('requests the HTTP parser refuses get the error shape with a stable code', async (t) => {
  const port = await listening(t)

  const garbage = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n')
  t.match(garbage, /^HTTP\/1\.1 400 /)
  t.match(garbage, /"code":"invalid_request"/)

  const bigHeader = await rawExchange(
    port,
    `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
  )
  t.match(bigHeader, /^HTTP\/1\.1 431 /)
  t.match(bigHeader, /"code":"headers_too_large"/)
})

// Regression: a client that stopped sending mid-body held its socket open forever.
t.test('a stalled request is cut off after the idle timeout', async (t) => {
  const port = await listening(t, 300)
  const started = Date.now()
  await rawExchange(
    port,
    'POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 100000\r\n\r\n{"a',
  )
  t.ok(Date.now() - started < 5_000, 'the server closed the idle connection')
})
