import type { Job } from '@proov/domain'
import { WORK_QUEUE_PENDING } from './table.js'

export type Item = Record<string, unknown>

/** Items of other kinds share the table; their keys can never be a job id (a UUID). */
export function ownerCounterKey(userId: string): string {
  return `owner#${userId}`
}

/** The stored form of a new job: the old attribute names, plus the work-queue entry. */
export function toJobItem(job: Job, dueAt: number): Item {
  const item: Item = {
    job_id: job.job_id,
    status: job.status,
    tool: job.tool,
    user_id: job.user_id,
    user_email: job.user_email,
    session_id: job.session_id,
    batch_number: job.batch_number,
    position: job.position,
    filename: job.filename,
    s3_bucket: job.video.bucket,
    s3_key: job.video.key,
    video: { bucket: job.video.bucket, key: job.video.key, tool: job.tool, filename: job.filename },
    created_at: job.created_at,
    updated_at: job.updated_at,
    attempts: job.attempts,
  }
  if (job.status === 'queued') {
    item.work_queue = WORK_QUEUE_PENDING
    item.due_at = dueAt
  }

  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null))
}

/** Attributes of the worker's and the indexes' bookkeeping, never shown to a caller. */
export const BOOKKEEPING_ATTRIBUTES = [
  'work_queue',
  'due_at',
  'lease_owner',
  'lease_expires_at',
  'started_at',
  'legacy_unowned',
  'legacy_created_at',
] as const

export function withoutBookkeeping(item: Item): Item {
  const copy = { ...item }
  for (const name of BOOKKEEPING_ATTRIBUTES) delete copy[name]
  return copy
}
