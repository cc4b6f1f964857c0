import type { FastifyRequest } from 'fastify'
import type { Multipart } from '@fastify/multipart'
import { ToolSchema, newJobId, uploadKey } from '@proov/domain'
import type { PlannedVideo, Tool } from '@proov/domain'
import { findOwnedSession } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { ApiError, notFound } from '@proov/service-kit'
import type { LocalVideoStore } from '../storage/local-store.js'

export interface ReceivedUploads {
  videos: PlannedVideo[]
  jobIds: string[]
  sessionId: string | undefined
}

interface UploadContext {
  request: FastifyRequest
  store: LocalVideoStore
  jobsTable: JobsTableContext
  userId: string
  /** Keys written so far; the caller removes them if the batch is not created. */
  saved: string[]
}

function readField(
  part: Multipart & { type: 'field' },
  fields: { tool?: Tool; sessionId?: string },
) {
  const value = typeof part.value === 'string' ? part.value.trim() : ''
  if (part.fieldname === 'tool') {
    const tool = ToolSchema.safeParse(value)
    if (!tool.success)
      throw new ApiError('invalid_request', `tool: unknown tool "${value.slice(0, 40)}"`)
    fields.tool = tool.data
  } else if (part.fieldname === 'session_id' && value !== '') {
    fields.sessionId = value
  }
}

/**
 * Streams each file of a multipart upload into the store under the caller's prefix, as it
 * arrives. Fields (`tool`, `session_id`) come before the files; an append to a session that is
 * not the caller's is refused before any byte is stored.
 */
export async function receiveUploads(ctx: UploadContext): Promise<ReceivedUploads> {
  const fields: { tool?: Tool; sessionId?: string } = {}
  const videos: PlannedVideo[] = []
  const jobIds: string[] = []

  let parts: AsyncIterableIterator<Multipart> | undefined
  let current: Multipart | undefined
  try {
    parts = ctx.request.parts()
    for await (const part of parts) {
      current = part
      await receivePart(ctx, part, fields, videos, jobIds)
    }
  } catch (error) {
    if (parts !== undefined) await discardRest(parts, current)
    throw asUploadError(error)
  }

  if (videos.length === 0) throw new ApiError('no_videos', 'the upload holds no file')
  return { videos, jobIds, sessionId: fields.sessionId }
}

/**
 * The multipart parser reports a malformed body (no boundary, a part cut short, a missing
 * closing boundary) with plain errors; those are the client's fault. Catalogued errors, the
 * plugin's own limit errors and system errors (a full disk) keep their meaning.
 */
function asUploadError(error: unknown): unknown {
  if (error instanceof ApiError || !(error instanceof Error)) return error

  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && /^(FST_|E[A-Z]+$)/.test(code)) return error
  return new ApiError('multipart_invalid', 'The multipart body is malformed', { cause: error })
}

/**
 * After a refusal the rest of the body is read and dropped, so the client gets the answer
 * and the connection stays usable.
 */
async function discardRest(
  parts: AsyncIterableIterator<Multipart>,
  current: Multipart | undefined,
) {
  if (current?.type === 'file') current.file.resume()
  try {
    for await (const part of parts) {
      if (part.type === 'file') part.file.resume()
    }
  } catch {
    // The body was malformed or cut; there is nothing left to drop.
  }
}

async function receivePart(
  ctx: UploadContext,
  part: Multipart,
  fields: { tool?: Tool; sessionId?: string },
  videos: PlannedVideo[],
  jobIds: string[],
) {
  if (part.type === 'field') {
    if (videos.length > 0) {
      throw new ApiError('multipart_invalid', 'form fields must come before the files')
    }
    readField(part, fields)
    return
  }

  if (videos.length === 0 && fields.sessionId !== undefined) {
    const session = await findOwnedSession(ctx.jobsTable, fields.sessionId, ctx.userId)
    if (session === null) throw notFound()
  }
  const jobId = newJobId()
  const sessionId = fields.sessionId ?? jobIds[0] ?? jobId
  const key = uploadKey(ctx.userId, sessionId, jobId, part.filename)

  ctx.saved.push(key)
  await ctx.store.save(key, part.file)
  if (part.file.truncated) throw new ApiError('payload_too_large', 'a file is larger than allowed')

  jobIds.push(jobId)
  videos.push({
    bucket: ctx.store.bucket,
    key,
    tool: fields.tool ?? 'analyze_video_complete',
    filename: key.slice(key.lastIndexOf('/') + 1),
  })
}
