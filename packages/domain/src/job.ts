import { z } from 'zod'
import { JobStatusSchema } from './statuses.js'

const EpochSeconds = z.number().nonnegative()

export const VideoRefSchema = z.object({
  bucket: z.string().nullable(),
  key: z.string().nullable(),
})
export type VideoRef = z.infer<typeof VideoRefSchema>

/** One job as the product understands it, whatever shape it was stored in. */
export const JobSchema = z.object({
  job_id: z.string(),
  status: JobStatusSchema,
  tool: z.string(),
  user_id: z.string().nullable(),
  user_email: z.string().nullable(),
  session_id: z.string().nullable(),
  batch_number: z.number().int().positive().nullable(),
  position: z.number().int().nonnegative().nullable(),
  filename: z.string().nullable(),
  video: VideoRefSchema,
  created_at: EpochSeconds.nullable(),
  updated_at: EpochSeconds.nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  attempts: z.number().int().nonnegative(),
  /** Attributes of a stored item that the current model does not name, kept verbatim. */
  legacy: z.record(z.string(), z.unknown()),
})
export type Job = z.infer<typeof JobSchema>

/** What a caller sees of a job: no owner e-mail, no storage internals. */
export const JobViewSchema = z
  .object({
    job_id: z.string(),
    status: JobStatusSchema,
    tool: z.string(),
    session_id: z.string(),
    batch_number: z.number().int().positive().nullable(),
    filename: z.string().nullable(),
    s3_bucket: z.string().nullable(),
    s3_key: z.string().nullable(),
    created_at: EpochSeconds.nullable(),
    updated_at: EpochSeconds.nullable(),
    result: z.unknown(),
    error: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'Job' })
export type JobView = z.infer<typeof JobViewSchema>

/** Jobs written before sessions existed form a session of their own. */
export function sessionIdOf(job: Pick<Job, 'job_id' | 'session_id'>): string {
  return job.session_id ?? job.job_id
}

export function toJobView(job: Job): JobView {
  return {
    job_id: job.job_id,
    status: job.status,
    tool: job.tool,
    session_id: sessionIdOf(job),
    batch_number: job.batch_number,
    filename: job.filename,
    s3_bucket: job.video.bucket,
    s3_key: job.video.key,
    created_at: job.created_at,
    updated_at: job.updated_at,
    result: job.result ?? null,
    error: job.error,
    summary: job.summary,
  }
}
