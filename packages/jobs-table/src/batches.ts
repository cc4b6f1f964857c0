import { TransactionCanceledException } from '@aws-sdk/client-dynamodb'
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import {
  legacySessionCount,
  newJobId,
  planBatch,
  sessionIdOf,
  sessionsOfOwner,
} from '@proov/domain'
import type { Job, PlannedVideo, SessionRef } from '@proov/domain'
import type { JobsTableContext } from './client.js'
import { JobsTableError } from './errors.js'
import { ownerCounterKey, toJobItem } from './items.js'
import { getJob, lastJobOfSession, listAllJobsByOwner } from './reads.js'

const MAX_COUNTER_RACES = 20

export interface CreateBatchInput {
  owner: { user_id: string; email: string | null }
  videos: readonly PlannedVideo[]
  /** Append to this session, which must be the owner's. */
  sessionId?: string | undefined
  /** Job ids chosen up front (uploads store files under them); generated when absent. */
  jobIds?: readonly string[] | undefined
  /** Epoch seconds. */
  now: number
}

export interface CreatedBatch {
  sessionId: string
  batchNumber: number
  jobs: Job[]
}

/** A session of the owner's, or null when it does not exist or belongs to someone else. */
export async function findOwnedSession(
  ctx: JobsTableContext,
  sessionId: string,
  userId: string,
): Promise<SessionRef | null> {
  const first = await getJob(ctx, sessionId)
  const last = await lastJobOfSession(ctx, sessionId)
  const owned = [first, last].find(
    (job) => job?.user_id === userId && sessionIdOf(job) === sessionId,
  )
  if (owned === undefined || owned === null) return null

  const nextPosition = last === null || last.user_id !== userId ? 1 : (last.position ?? 0) + 1
  if (owned.batch_number !== null) {
    return {
      session_id: sessionId,
      user_id: userId,
      batch_number: owned.batch_number,
      next_position: nextPosition,
    }
  }

  // A session from before batch numbers: it keeps the number its creation order gives it.
  const sessions = sessionsOfOwner(await listAllJobsByOwner(ctx, userId))
  const batchNumber = sessions.find((s) => s.session_id === sessionId)?.batch_number ?? null
  if (batchNumber === null) return null

  return {
    session_id: sessionId,
    user_id: userId,
    batch_number: batchNumber,
    next_position: nextPosition,
  }
}

async function readBatchCount(ctx: JobsTableContext, userId: string): Promise<number | null> {
  const { Item: item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: { job_id: ownerCounterKey(userId) },
      ConsistentRead: true,
    }),
  )
  return typeof item?.batch_count === 'number' ? item.batch_count : null
}

/** The transaction writing a batch: every job, plus the owner's batch counter for a new session. */
export function batchTransactionInput(
  tableName: string,
  jobs: readonly Job[],
  counter: { userId: string; current: number | null; next: number } | null,
  now: number,
): TransactWriteCommandInput {
  const puts = jobs.map((job) => ({
    Put: {
      TableName: tableName,
      Item: toJobItem(job, now),
      ConditionExpression: 'attribute_not_exists(job_id)',
    },
  }))
  if (counter === null) return { TransactItems: puts }

  const condition =
    counter.current === null ? 'attribute_not_exists(job_id)' : 'batch_count = :current'
  const values: Record<string, unknown> = { ':next': counter.next, ':kind': 'owner_counter' }
  if (counter.current !== null) values[':current'] = counter.current

  const counterUpdate = {
    Update: {
      TableName: tableName,
      Key: { job_id: ownerCounterKey(counter.userId) },
      UpdateExpression: 'SET batch_count = :next, item_kind = :kind',
      ConditionExpression: condition,
      ExpressionAttributeValues: values,
    },
  }
  return { TransactItems: [counterUpdate, ...puts] }
}

/** The counter is the transaction's first item: its check failing means another upload won. */
function isCounterRace(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
  )
}

/**
 * Writes one upload's jobs all-or-nothing. A new session takes the owner's next batch number
 * through a compare-and-set on the owner's counter, so concurrent uploads never share a number
 * and never skip one.
 */
export async function createBatch(ctx: JobsTableContext, input: CreateBatchInput) {
  const userId = input.owner.user_id
  const jobIds = input.jobIds ?? input.videos.map(() => newJobId())

  const session =
    input.sessionId === undefined ? null : await findOwnedSession(ctx, input.sessionId, userId)
  if (input.sessionId !== undefined && session === null) {
    throw new JobsTableError('session_not_found', 'the session does not exist')
  }

  for (let race = 0; race < MAX_COUNTER_RACES; race += 1) {
    let counter = null
    if (session === null) {
      const stored = await readBatchCount(ctx, userId)
      const current = stored ?? legacySessionCount(await listAllJobsByOwner(ctx, userId))
      counter = { userId, current: stored, next: current + 1 }
    }
    const jobs = planBatch({
      owner: input.owner,
      videos: input.videos,
      session,
      nextBatchNumber: counter?.next ?? 1,
      now: input.now,
      jobIds,
    })

    try {
      await ctx.client.send(
        new TransactWriteCommand(batchTransactionInput(ctx.tableName, jobs, counter, input.now)),
      )
    } catch (error) {
      if (counter !== null && isCounterRace(error)) continue
      throw error
    }

    const first = jobs[0] as Job
    return { sessionId: sessionIdOf(first), batchNumber: first.batch_number as number, jobs }
  }

  throw new JobsTableError('batch_conflict', 'too many concurrent uploads; try again')
}
