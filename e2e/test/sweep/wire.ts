import { Agent, request } from 'node:http'

export interface WireRequest {
  method: 'GET' | 'POST'
  /** Sent byte for byte: no normalising of dot segments or escapes, as a hand-made client would. */
  path: string
  /** The whole header value; absent sends no Authorization header at all. */
  authorization?: string
  contentType?: string
  body?: string | Buffer
}

export interface WireAnswer {
  status: number
  text: string
}

/** What a request that got no answer reports as its status. */
export const NO_ANSWER = 0

const REQUEST_TIMEOUT_MS = 30_000

export interface Wire {
  send(req: WireRequest): Promise<WireAnswer>
  close(): void
}

/** Raw HTTP/1.1 to one origin over a small pool of kept-alive connections. */
export function createWire(origin: string, connections: number): Wire {
  const { hostname, port } = new URL(origin)
  const agent = new Agent({ keepAlive: true, maxSockets: connections })

  const send = (req: WireRequest) =>
    new Promise<WireAnswer>((resolve) => {
      const headers: Record<string, string | number> = {}
      if (req.authorization !== undefined) headers.authorization = req.authorization
      if (req.contentType !== undefined) headers['content-type'] = req.contentType
      if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body)

      // A refused or dropped request is an answer too: the oracles judge status 0 like a 5xx.
      const fail = (error: Error) =>
        resolve({ status: NO_ANSWER, text: `no answer: ${error.message}` })
      const outgoing = request(
        { host: hostname, port, method: req.method, path: req.path, headers, agent },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', fail)
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? NO_ANSWER,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          )
        },
      )
      outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error('timed out')))
      outgoing.on('error', fail)
      outgoing.end(req.body)
    })

  return {
    async send(req) {
      try {
        return await send(req)
      } catch (error) {
        // Node refuses some paths and header values before anything is sent.
        return { status: NO_ANSWER, text: `not sent: ${(error as Error).message}` }
      }
    },
    close: () => agent.destroy(),
  }
}

/** Runs `work` over the items, at most `limit` at once; takes no new item once `stop()` is true. */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<number> {
  let next = 0
  let done = 0
  const lane = async () => {
    while (next < items.length && !stop()) {
      const index = next++
      await work(items[index] as T, index)
      done += 1
    }
  }
  await Promise.all(Array.from({ length: limit }, lane))
  return done
}
