import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Job } from '@proov/domain'
import type { JobsTableContext } from './client.js'
import { JobsTableError } from './errors.js'
import { QUEUE_INDEX, WORK_QUEUE_PENDING } from './table.js'
import { getJob } from './reads.js'

const CANDIDATES_PER_CLAIM = 10

export interface ClaimInput {
  workerId: string
  leaseSeconds: number
  /** Epoch seconds. */
  now: number
}

/**
 * Claiming a job is a conditional write: it succeeds for a queued job, or for one whose
 * previous worker's lease has run out (that worker died). The queue entry moves to the lease's
 * end, so a job whose worker dies comes due again by itself.
 */
export function claimJobInput(tableName: string, jobId: string, claim: ClaimInput) {
  const leaseEnd = claim.now + claim.leaseSeconds
  const input: UpdateCommandInput = {
    TableName: tableName,
    Key: { job_id: jobId },
    UpdateExpression:
      'SET #status = :processing, lease_owner = :worker, lease_expires_at = :lease_end, ' +
      'due_at = :lease_end, updated_at = :now, started_at = :now, ' +
      'attempts = if_not_exists(attempts, :zero) + :one',
    ConditionExpression:
      'work_queue = :pending AND due_at <= :now AND ' +
      '(#status = :queued OR (#status = :processing AND lease_expires_at <= :now))',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':processing': 'processing',
      ':queued': 'queued',
      ':pending': WORK_QUEUE_PENDING,
      ':worker': claim.workerId,
      ':lease_end': leaseEnd,
      ':now': claim.now,
      ':zero': 0,
      ':one': 1,
    },
  }
  return input
}

/** Claims the job that has been due longest, or returns null when none is due. */
export async function claimNextJob(ctx: JobsTableContext, claim: ClaimInput): Promise<Job | null> {
  const due = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: 'work_queue = :pending AND due_at <= :now',
      ExpressionAttributeValues: { ':pending': WORK_QUEUE_PENDING, ':now': claim.now },
      Limit: CANDIDATES_PER_CLAIM,
    }),
  )

  for (const candidate of due.Items ?? []) {
    const jobId = String(candidate.job_id)
    try {
      await ctx.client.send(new UpdateCommand(claimJobInput(ctx.tableName, jobId, claim)))
    } catch (error) {
      // Another worker took it first, or it is no longer waiting.
      if (error instanceof ConditionalCheckFailedException) continue
      throw error
    }
    return getJob(ctx, jobId)
  }

  return null
}

export type JobOutcome =
  | { status: 'completed'; result: unknown; summary: Record<string, unknown> | null }
  | { status: 'failed'; error: string; result?: unknown }

/** Records a job's outcome, only while the worker still holds its lease. */
export function finishJobInput(
  tableName: string,
  jobId: string,
  workerId: string,
  outcome: JobOutcome,
  now: number,
): UpdateCommandInput {
  const values: Record<string, unknown> = {
    ':status': outcome.status,
    ':processing': 'processing',
    ':worker': workerId,
    ':now': now,
  }
  const sets = ['#status = :status', 'updated_at = :now', 'finished_at = :now']
  if (outcome.status === 'completed') {
    sets.push('#result = :result', 'summary = :summary')
    values[':result'] = outcome.result
    values[':summary'] = outcome.summary
  } else {
    sets.push('#error = :error')
    values[':error'] = outcome.error
  }

  return {
    TableName: tableName,
    Key: { job_id: jobId },
    UpdateExpression: `SET ${sets.join(', ')} REMOVE work_queue, due_at, lease_owner, lease_expires_at`,
    ConditionExpression: '#status = :processing AND lease_owner = :worker',
    ExpressionAttributeNames: {
      '#status': 'status',
      ...(outcome.status === 'completed' ? { '#result': 'result' } : { '#error': 'error' }),
    },
    ExpressionAttributeValues: values,
  }
}

export async function finishJob(
  ctx: JobsTableContext,
  jobId: string,
  workerId: string,
  outcome: JobOutcome,
  now: number,
): Promise<void> {
  try {
    await ctx.client.send(
      new UpdateCommand(finishJobInput(ctx.tableName, jobId, workerId, outcome, now)),
    )
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new JobsTableError('lease_lost', 'the job is no longer held by this worker', {
        cause: error,
      })
    }
    throw error
  }
}

/** Extends a held lease; false when the lease was lost (expired and claimed by another worker). */
export async function extendLease(
  ctx: JobsTableContext,
  jobId: string,
  workerId: string,
  leaseSeconds: number,
  now: number,
): Promise<boolean> {
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: { job_id: jobId },
        UpdateExpression: 'SET lease_expires_at = :lease_end, due_at = :lease_end',
        ConditionExpression: '#status = :processing AND lease_owner = :worker',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':lease_end': now + leaseSeconds,
          ':processing': 'processing',
          ':worker': workerId,
        },
      }),
    )
    return true
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false
    throw error
  }
}
