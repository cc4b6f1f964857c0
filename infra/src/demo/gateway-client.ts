import { openAsBlob } from 'node:fs'
import { basename } from 'node:path'
import type { z } from 'zod'
import { InfraError } from '../errors.js'

export type GatewayAnswer = { status: number; body: unknown }

export type UploadFile = { path: string; contentType: string }

const REQUEST_TIMEOUT_MS = 60_000
const MAX_PAGES = 100

/** The public API as a signed-in client calls it, one user per client. */
export function gatewayClient(gatewayUrl: string, token: string) {
  const base = gatewayUrl.replace(/\/+$/, '')

  const call = async (method: string, path: string, body?: FormData | object) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    let payload: FormData | string | undefined
    if (body instanceof FormData) payload = body
    else if (body !== undefined) {
      headers['content-type'] = 'application/json'
      payload = JSON.stringify(body)
    }

    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (error) {
      throw new InfraError('gateway_request_failed', `${method} ${path}`, { cause: error })
    }
    return { status: response.status, body: await bodyOf(response) }
  }

  return {
    /** One multipart request: the `tool` field first, then the files, each streamed from disk. */
    async analyzeFiles(files: readonly UploadFile[], tool: string): Promise<GatewayAnswer> {
      const form = new FormData()
      form.append('tool', tool)
      for (const file of files) {
        const blob = await openAsBlob(file.path, { type: file.contentType })
        form.append('files', blob, basename(file.path))
      }
      return call('POST', '/analyze', form)
    },
    jobStatus: (jobIds: readonly string[]) => call('POST', '/job-status', { job_ids: jobIds }),
    job: (jobId: string) => call('GET', `/jobs/${encodeURIComponent(jobId)}`),
    myJobs: (query: string) => call('GET', `/my-jobs${query}`),
    mySessions: (query: string) => call('GET', `/my-sessions${query}`),
    sessionJobs: (sessionId: string, query: string) =>
      call('GET', `/session/${encodeURIComponent(sessionId)}/jobs${query}`),
  }
}

export type GatewayClient = ReturnType<typeof gatewayClient>

/** Checks an answer's status and shape; the message says which request and what came back. */
export function expectAnswer<T>(
  what: string,
  answer: GatewayAnswer,
  status: number,
  schema: z.ZodType<T>,
): T {
  if (answer.status !== status) {
    throw new InfraError(
      'gateway_request_failed',
      `${what} answered ${answer.status} (expected ${status}): ${preview(answer.body)}`,
    )
  }
  const parsed = schema.safeParse(answer.body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InfraError(
      'gateway_request_failed',
      `${what} answered an unexpected shape at ${issue?.path.join('.') ?? '?'}: ${issue?.message}`,
      { cause: parsed.error },
    )
  }
  return parsed.data
}

/** Follows `next_cursor` through every page of a list. */
export async function collectPages<T>(
  readPage: (query: string) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = []
  let query = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items: pageItems, nextCursor } = await readPage(query)
    items.push(...pageItems)
    if (nextCursor === null) return items
    query = `?cursor=${encodeURIComponent(nextCursor)}`
  }
  throw new InfraError('gateway_request_failed', `a list had more than ${MAX_PAGES} pages`)
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
