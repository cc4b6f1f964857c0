import { createHash } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import type { ClientRequest, IncomingMessage } from 'node:http'
import { once } from 'node:events'
import t from 'tap'
import { closedOrigin, startGateway, startUpstream } from './fixtures/servers.js'

const MIB = 1024 * 1024
const FILE_SIZE = 300 * MIB
const BOUNDARY = '----proov-upload-boundary'

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

async function write(request: ClientRequest, chunk: Buffer) {
  if (!request.write(chunk)) await once(request, 'drain')
}

async function textOf(response: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of response) text += String(chunk)
  return text
}

t.test(
  'a multipart upload of hundreds of MB streams through, unbuffered and unlimited',
  async (t) => {
    let markFirstBytes: () => void = () => undefined
    const firstBytes = new Promise<void>((resolve) => (markFirstBytes = resolve))
    const analyze = await startUpstream(t, (request, response) => {
      const hash = createHash('sha256')
      let bytes = 0
      request.on('data', (chunk: Buffer) => {
        if (bytes === 0) markFirstBytes()
        bytes += chunk.length
        hash.update(chunk)
      })
      request.on('end', () => {
        response.writeHead(202, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ bytes, sha256: hash.digest('hex') }))
      })
    })
    const gateway = await startGateway(t, {
      analyzeUrl: analyze.origin,
      queryUrl: await closedOrigin(),
    })

    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\n` +
        'Content-Type: video/mp4\r\n\r\n',
    )
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`)
    const block = Buffer.alloc(MIB)
    for (let i = 0; i < block.length; i += 1) block[i] = (i * 31) % 251
    const sent = createHash('sha256')

    const request = httpRequest(`${gateway.url}/analyze`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer header.payload.signature',
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': head.length + FILE_SIZE + tail.length,
      },
    })
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      request.once('response', resolve)
      request.once('error', reject)
    })

    await write(request, head)
    await write(request, block)
    sent.update(head).update(block)
    // Were the body held back until complete, the service would see nothing yet.
    await withTimeout(firstBytes, 10_000, 'the service saw no byte while the upload was under way')

    for (let written = MIB; written < FILE_SIZE; written += MIB) {
      await write(request, block)
      sent.update(block)
    }
    request.end(tail)
    sent.update(tail)

    const response = await answered
    t.equal(response.statusCode, 202)
    t.same(JSON.parse(await textOf(response)), {
      bytes: head.length + FILE_SIZE + tail.length,
      sha256: sent.digest('hex'),
    })
    t.equal(analyze.seen[0]?.headers['content-type'], `multipart/form-data; boundary=${BOUNDARY}`)
  },
)

t.test('a chunked body without a length passes too', async (t) => {
  const analyze = await startUpstream(t, (request, response) => {
    let bytes = 0
    request.on('data', (chunk: Buffer) => (bytes += chunk.length))
    request.on('end', () => response.writeHead(202).end(String(bytes)))
  })
  const gateway = await startGateway(t, {
    analyzeUrl: analyze.origin,
    queryUrl: await closedOrigin(),
  })

  const request = httpRequest(`${gateway.url}/analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
  })
  const answered = new Promise<IncomingMessage>((resolve) => request.once('response', resolve))
  const block = Buffer.alloc(MIB, 7)
  for (let i = 0; i < 8; i += 1) await write(request, block)
  request.end()

  const response = await answered
  t.equal(response.statusCode, 202)
  t.equal(await textOf(response), String(8 * MIB))
})

t.test('an upload that keeps sending outlasts the upstream timeout', async (t) => {
  const analyze = await startUpstream(t, (request, response) => {
    let bytes = 0
    request.on('data', (chunk: Buffer) => (bytes += chunk.length))
    request.on('end', () => response.writeHead(202).end(String(bytes)))
  })
  const gateway = await startGateway(t, {
    analyzeUrl: analyze.origin,
    queryUrl: await closedOrigin(),
    upstreamTimeoutMs: 500,
  })

  const chunk = Buffer.alloc(64 * 1024, 1)
  const chunks = 20
  const request = httpRequest(`${gateway.url}/analyze`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': chunk.length * chunks,
    },
  })
  const answered = new Promise<IncomingMessage>((resolve) => request.once('response', resolve))
  const started = Date.now()
  for (let i = 0; i < chunks; i += 1) {
    await write(request, chunk)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  request.end()

  const response = await answered
  t.ok(Date.now() - started > 1_500, 'the upload took three times the timeout')
  t.equal(response.statusCode, 202)
  t.equal(await textOf(response), String(chunk.length * chunks))
})

// Regression: `Expect: 100-continue` (curl's default for uploads over 1 MB) answered 502.
t.test('a request with Expect: 100-continue is proxied', async (t) => {
  const analyze = await startUpstream(t, (request, response) => {
    let bytes = 0
    request.on('data', (chunk: Buffer) => (bytes += chunk.length))
    request.on('end', () => {
      response.writeHead(202, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ bytes, expect: request.headers.expect ?? null }))
    })
  })
  const gateway = await startGateway(t, {
    analyzeUrl: analyze.origin,
    queryUrl: await closedOrigin(),
  })

  const body = Buffer.alloc(2 * MIB, 7)
  const request = httpRequest(`${gateway.url}/analyze`, {
    method: 'POST',
    headers: {
      expect: '100-continue',
      'content-type': 'application/octet-stream',
      'content-length': body.length,
    },
  })
  request.on('continue', () => request.end(body))
  const [response] = (await withTimeout(once(request, 'response'), 10_000, 'no answer')) as [
    IncomingMessage,
  ]
  t.equal(response.statusCode, 202)
  t.same(JSON.parse(await textOf(response)), { bytes: body.length, expect: null })
})
