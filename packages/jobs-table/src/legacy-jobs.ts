import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { QueryCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb'
import { epochSecondsOf, isJobId, isLegacyJob, ownerAssignment } from '@proov/domain'
import type { Job } from '@proov/domain'
import type { JobsTableContext } from './client.js'
import type { Item } from './items.js'
import { collectPage, getJob, toJob } from './reads.js'
import type { IndexKeyAttributes, Page } from './reads.js'
import { LEGACY_INDEX, LEGACY_UNOWNED } from './table.js'

const LEGACY_INDEX_KEY: IndexKeyAttributes = ['legacy_unowned', 'legacy_created_at']
const MAX_ASSIGN_ATTEMPTS = 3

/** The attributes `legacyMarkerInput` reads: what a migration's scan has to fetch of each item. */
export const LEGACY_MARKER_ATTRIBUTES = [
  'job_id',
  'user_id',
  'created_at',
  'updated_at',
  'legacy_unowned',
  'legacy_created_at',
] as const

/** Where an ownerless job sorts in the legacy index: its creation, else its last update, else 0. */
export function legacyOrderOf(item: Item): number {
  return epochSecondsOf(item.created_at) ?? epochSecondsOf(item.updated_at) ?? 0
}

export interface LegacyMarkerChange {
  change: 'mark' | 'unmark'
  input: UpdateCommandInput
}

/**
 * What puts a stored item right in the legacy index: an ownerless job gets the marker and its
 * sort key, an owned job that still carries them loses them; null when the item is right already.
 * Each write is conditional on the owner the decision was made for.
 */
export function legacyMarkerInput(tableName: string, item: Item): LegacyMarkerChange | null {
  const jobId = item.job_id
  if (typeof jobId !== 'string' || !isJobId(jobId)) return null

  const marked = item.legacy_unowned !== undefined || item.legacy_created_at !== undefined
  if (item.user_id !== undefined) {
    if (!marked) return null
    const input: UpdateCommandInput = {
      TableName: tableName,
      Key: { job_id: jobId },
      UpdateExpression: 'REMOVE legacy_unowned, legacy_created_at',
      ConditionExpression: 'attribute_exists(user_id)',
    }
    return { change: 'unmark', input }
  }

  const order = legacyOrderOf(item)
  if (item.legacy_unowned === LEGACY_UNOWNED && item.legacy_created_at === order) return null
  const input: UpdateCommandInput = {
    TableName: tableName,
    Key: { job_id: jobId },
    UpdateExpression: 'SET legacy_unowned = :unowned, legacy_created_at = :order',
    ConditionExpression: 'attribute_exists(job_id) AND attribute_not_exists(user_id)',
    ExpressionAttributeValues: { ':unowned': LEGACY_UNOWNED, ':order': order },
  }
  return { change: 'mark', input }
}

export interface LegacyPageQuery {
  limit: number
  startKey: Item | null
}

// LIMITATION: an ownerless item written by other means (a restore) is listed after the next migrate
/** The ownerless jobs of the old system, newest first, read from the sparse legacy index. */
export function listLegacyJobs(ctx: JobsTableContext, query: LegacyPageQuery): Promise<Page> {
  const input: QueryCommandInput = {
    TableName: ctx.tableName,
    IndexName: LEGACY_INDEX,
    KeyConditionExpression: 'legacy_unowned = :unowned',
    ExpressionAttributeValues: { ':unowned': LEGACY_UNOWNED },
    ScanIndexForward: false,
  }

  return collectPage(ctx, input, LEGACY_INDEX_KEY, query.limit, query.startKey, isLegacyJob)
}

/**
 * The write giving a legacy job its owner. It only succeeds while the job is still ownerless and
 * still lacks whatever it fills in, and it leaves every other attribute as it was.
 */
export function assignOwnerInput(
  tableName: string,
  job: Job,
  userId: string,
  now: number,
): UpdateCommandInput {
  const assignment = ownerAssignment(job, userId, now)
  const sets = ['user_id = :user_id']
  const conditions = ['attribute_exists(job_id)', 'attribute_not_exists(user_id)']
  const values: Record<string, unknown> = { ':user_id': assignment.user_id }
  if (assignment.session_id !== undefined) {
    sets.push('session_id = :session_id')
    conditions.push('attribute_not_exists(session_id)')
    values[':session_id'] = assignment.session_id
  }
  if (assignment.created_at !== undefined) {
    sets.push('created_at = :created_at')
    conditions.push('attribute_not_exists(created_at)')
    values[':created_at'] = assignment.created_at
  }

  return {
    TableName: tableName,
    Key: { job_id: job.job_id },
    UpdateExpression: `SET ${sets.join(', ')} REMOVE legacy_unowned, legacy_created_at`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  }
}

export interface AssignOwnerInput {
  jobId: string
  userId: string
  /** Epoch seconds: the creation time of a job that has none and was never updated. */
  now: number
}

export type OwnerAssignmentOutcome =
  | { outcome: 'assigned'; job: Job }
  /** The job already belongs to that user. */
  | { outcome: 'unchanged' }
  /** The job belongs to someone else. */
  | { outcome: 'conflict' }
  | { outcome: 'not_found' }

/** Gives a legacy (ownerless) job its owner; an owned or unknown job is left as it is. */
export async function assignOwner(
  ctx: JobsTableContext,
  input: AssignOwnerInput,
): Promise<OwnerAssignmentOutcome> {
  for (let attempt = 0; attempt < MAX_ASSIGN_ATTEMPTS; attempt += 1) {
    const job = await getJob(ctx, input.jobId)
    if (job === null) return { outcome: 'not_found' }
    if (!isLegacyJob(job)) {
      return { outcome: job.user_id === input.userId ? 'unchanged' : 'conflict' }
    }

    try {
      const written = await ctx.client.send(
        new UpdateCommand(assignOwnerInput(ctx.tableName, job, input.userId, input.now)),
      )
      return { outcome: 'assigned', job: toJob(written.Attributes ?? {}) }
    } catch (error) {
      // The job changed since it was read: judge it again as it is now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error
    }
  }

  throw new Error(`job ${input.jobId} kept changing while its owner was being assigned`)
}
