import { z } from 'zod'
import { JobViewSchema, toJobView } from './job.js'
import type { Job } from './job.js'

/**
 * An owner id is a Cognito `sub`. Letters, digits and `._:-` only: an e-mail address (a common
 * mix-up in hand-made owner lists) or stray whitespace is refused rather than stored as an owner.
 */
export const OwnerIdSchema = z
  .string()
  .min(1, 'user_id must not be empty')
  .max(128, 'user_id must be at most 128 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'user_id must be a Cognito user id (sub), not an e-mail address')

/** A job as an operator sees it: the caller's view plus its owner (null for a legacy job). */
export const OperatorJobViewSchema = JobViewSchema.extend({
  user_id: z.string().nullable(),
}).meta({ id: 'OperatorJob' })
export type OperatorJobView = z.infer<typeof OperatorJobViewSchema>

export function toOperatorJobView(job: Job): OperatorJobView {
  return { ...toJobView(job), user_id: job.user_id }
}

export const UserIdParamsSchema = z.object({ user_id: OwnerIdSchema })

export const UserJobsResponseSchema = z.object({
  user_id: z.string(),
  jobs: z.array(OperatorJobViewSchema),
  next_cursor: z.string().nullable(),
})

export const LegacyJobsResponseSchema = z.object({
  jobs: z.array(OperatorJobViewSchema),
  next_cursor: z.string().nullable(),
})

export const AssignOwnerBodySchema = z.object({ user_id: OwnerIdSchema })

export interface OwnerAssignment {
  user_id: string
  /** Set when the job has no session: it becomes a session of its own, under its own id. */
  session_id?: string
  /** Set when the job has no creation time, so that it reaches the owner's time-ordered lists. */
  created_at?: number
}

// LIMITATION: numbered among legacy sessions, an assigned job can repeat an upload's batch number
/**
 * What giving a legacy job its owner writes: the owner, and only where missing, the session and
 * creation time every owned job has. Nothing else of the job changes.
 */
export function ownerAssignment(job: Job, userId: string, now: number): OwnerAssignment {
  const assignment: OwnerAssignment = { user_id: userId }
  if (job.session_id === null) assignment.session_id = job.job_id
  if (job.created_at === null) assignment.created_at = job.updated_at ?? now

  return assignment
}
