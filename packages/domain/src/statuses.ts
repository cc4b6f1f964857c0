import { z } from 'zod'

export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled'] as const
export const JobStatusSchema = z.enum(JOB_STATUSES)
export type JobStatus = z.infer<typeof JobStatusSchema>

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled']

export const SESSION_STATUSES = [
  'queued',
  'processing',
  'completed',
  'partially_failed',
  'failed',
  'cancelled',
] as const
export const SessionStatusSchema = z.enum(SESSION_STATUSES)
export type SessionStatus = z.infer<typeof SessionStatusSchema>

// Spellings the previous backend and its workers wrote, mapped onto the current statuses.
const LEGACY_STATUS_ALIASES: Record<string, JobStatus> = {
  done: 'completed',
  complete: 'completed',
  success: 'completed',
  succeeded: 'completed',
  pending: 'queued',
  enqueued: 'queued',
  running: 'processing',
  in_progress: 'processing',
  error: 'failed',
  canceled: 'cancelled',
}

export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status)
}

/** Reads a stored status value; null when it is neither a current status nor a known alias. */
export function parseJobStatus(raw: unknown): JobStatus | null {
  if (typeof raw !== 'string') return null

  const value = raw.trim().toLowerCase()
  const parsed = JobStatusSchema.safeParse(value)
  if (parsed.success) return parsed.data

  return LEGACY_STATUS_ALIASES[value] ?? null
}
