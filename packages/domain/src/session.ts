import { z } from 'zod'
import type { Job } from './job.js'
import { SessionStatusSchema } from './statuses.js'
import type { JobStatus, SessionStatus } from './statuses.js'
import type { Tool } from './tools.js'

export const SessionSummarySchema = z
  .object({
    session_id: z.string(),
    batch_number: z.number().int().positive().nullable(),
    label: z.string(),
    created_at: z.number().nullable(),
    updated_at: z.number().nullable(),
    total_jobs: z.number().int().nonnegative(),
    queued_jobs: z.number().int().nonnegative(),
    processing_jobs: z.number().int().nonnegative(),
    completed_jobs: z.number().int().nonnegative(),
    failed_jobs: z.number().int().nonnegative(),
    cancelled_jobs: z.number().int().nonnegative(),
    status: SessionStatusSchema,
  })
  .meta({ id: 'Session' })
export type SessionSummary = z.infer<typeof SessionSummarySchema>

/** The session a batch is appended to, as read from storage and owned by the caller. */
export interface SessionRef {
  session_id: string
  user_id: string
  batch_number: number
  next_position: number
}

export interface PlannedVideo {
  bucket: string | null
  key: string
  tool: Tool
  filename: string
}

export interface BatchPlanInput {
  owner: { user_id: string; email: string | null }
  videos: readonly PlannedVideo[]
  /** The caller's session to append to; null starts a new session. */
  session: SessionRef | null
  /** The batch number a new session takes. */
  nextBatchNumber: number
  /** Epoch seconds. */
  now: number
  jobIds: readonly string[]
}

export function batchLabel(batchNumber: number | null): string {
  return batchNumber === null ? 'Upload Batch' : `Upload Batch #${batchNumber}`
}

/**
 * Plans the jobs of one upload. A new session's id is its first job's id. Jobs of a batch get
 * creation times a millisecond apart so that every time-ordered read keeps upload order.
 */
export function planBatch(input: BatchPlanInput): Job[] {
  const { owner, videos, session, now, jobIds } = input
  if (videos.length === 0 || jobIds.length !== videos.length) {
    throw new RangeError('a batch needs one job id per video and at least one video')
  }

  const sessionId = session?.session_id ?? (jobIds[0] as string)
  const batchNumber = session?.batch_number ?? input.nextBatchNumber
  const firstPosition = session?.next_position ?? 0

  return videos.map((video, index) => {
    const createdAt = Math.round((now + index / 1000) * 1000) / 1000
    return {
      job_id: jobIds[index] as string,
      status: 'queued',
      tool: video.tool,
      user_id: owner.user_id,
      user_email: owner.email,
      session_id: sessionId,
      batch_number: batchNumber,
      position: firstPosition + index,
      filename: video.filename,
      video: { bucket: video.bucket, key: video.key },
      created_at: createdAt,
      updated_at: createdAt,
      result: null,
      error: null,
      summary: null,
      attempts: 0,
      legacy: {},
    }
  })
}

export function sessionStatusOf(counts: Record<JobStatus, number>): SessionStatus {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0)
  if (counts.processing > 0) return 'processing'
  if (counts.queued > 0) return counts.queued === total ? 'queued' : 'processing'
  if (counts.completed === total) return 'completed'
  if (counts.failed === total) return 'failed'
  if (counts.cancelled === total) return 'cancelled'
  return counts.completed > 0 ? 'partially_failed' : 'failed'
}

export function summarizeSession(
  sessionId: string,
  jobs: readonly Job[],
  batchNumber: number | null,
): SessionSummary {
  const counts: Record<JobStatus, number> = {
    queued: 0,
    processing: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
  }
  for (const job of jobs) counts[job.status] += 1

  const created = jobs.map((job) => job.created_at).filter((time) => time !== null)
  const updated = jobs.map((job) => job.updated_at ?? job.created_at).filter((t) => t !== null)

  return {
    session_id: sessionId,
    batch_number: batchNumber,
    label: batchLabel(batchNumber),
    created_at: created.length === 0 ? null : Math.min(...created),
    updated_at: updated.length === 0 ? null : Math.max(...updated),
    total_jobs: jobs.length,
    queued_jobs: counts.queued,
    processing_jobs: counts.processing,
    completed_jobs: counts.completed,
    failed_jobs: counts.failed,
    cancelled_jobs: counts.cancelled,
    status: sessionStatusOf(counts),
  }
}
