import { z } from 'zod'
import type { Job } from './job.js'

export const LEGACY_READ_POLICIES = ['open', 'admins', 'none'] as const
export const LegacyReadPolicySchema = z.enum(LEGACY_READ_POLICIES)
export type LegacyReadPolicy = z.infer<typeof LegacyReadPolicySchema>

/** The part of a verified principal the ownership rules need. */
export interface Caller {
  user_id: string
  groups: readonly string[]
}

export interface ReadRules {
  legacyPolicy: LegacyReadPolicy
  operatorGroup: string
}

export function isOwnedBy(job: Pick<Job, 'user_id'>, userId: string): boolean {
  return job.user_id !== null && job.user_id === userId
}

export function isLegacyJob(job: Pick<Job, 'user_id'>): boolean {
  return job.user_id === null
}

export function isOperator(caller: Caller, rules: ReadRules): boolean {
  return caller.groups.includes(rules.operatorGroup)
}

/**
 * Whether a caller may read one job by its id. Ownerless jobs from the old system follow the
 * legacy policy: `open` keeps the old behaviour (any signed-in user), `admins` limits them to
 * operators, `none` hides them. Another user's job is never readable.
 */
export function canReadJob(job: Pick<Job, 'user_id'>, caller: Caller, rules: ReadRules): boolean {
  if (isOwnedBy(job, caller.user_id)) return true
  if (!isLegacyJob(job)) return false

  if (rules.legacyPolicy === 'open') return true
  if (rules.legacyPolicy === 'admins') return isOperator(caller, rules)
  return false
}
