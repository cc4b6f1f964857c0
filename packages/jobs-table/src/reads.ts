import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { BatchGetCommandOutput, QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import { isJobId, normalizeJobItem } from '@proov/domain'
import type { Job, JobStatus } from '@proov/domain'
import type { JobsTableContext } from './client.js'
import type { Item } from './items.js'
import { withoutBookkeeping } from './items.js'
import { OWNER_INDEX, SESSION_INDEX } from './table.js'

export interface Page {
  jobs: Job[]
  /** The key to continue from; null when nothing follows. */
  lastKey: Item | null
}

export function toJob(item: Item): Job {
  return normalizeJobItem(withoutBookkeeping(item))
}

/** Reads by id go to the base table, strongly consistent: a job is there right after it is made. */
export async function getJob(ctx: JobsTableContext, jobId: string): Promise<Job | null> {
  if (!isJobId(jobId)) return null

  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: { job_id: jobId }, ConsistentRead: true }),
  )
  return item === undefined ? null : toJob(item)
}

export async function getJobs(ctx: JobsTableContext, jobIds: readonly string[]) {
  const found = new Map<string, Job>()
  const ids = [...new Set(jobIds.filter(isJobId))]

  for (let start = 0; start < ids.length; start += 100) {
    let keys: Item[] | undefined = ids.slice(start, start + 100).map((id) => ({ job_id: id }))
    for (let attempt = 0; keys !== undefined && keys.length > 0 && attempt < 5; attempt += 1) {
      const answer: BatchGetCommandOutput = await ctx.client.send(
        new BatchGetCommand({
          RequestItems: { [ctx.tableName]: { Keys: keys, ConsistentRead: true } },
        }),
      )
      for (const item of answer.Responses?.[ctx.tableName] ?? []) {
        const job = toJob(item)
        found.set(job.job_id, job)
      }
      keys = answer.UnprocessedKeys?.[ctx.tableName]?.Keys
    }
    if (keys !== undefined && keys.length > 0) throw new Error('batch read left keys unprocessed')
  }

  return found
}

/** The attributes of an index key: the table's key plus the index's own. */
export type IndexKeyAttributes = readonly [partition: string, sort: string]

function indexKeyOf(item: Item, [partition, sort]: IndexKeyAttributes): Item {
  return { job_id: item.job_id, [partition]: item[partition], [sort]: item[sort] }
}

/**
 * Reads an index page by page until `limit` matching jobs are collected, returning the key of the
 * last job returned so the next page starts right after it.
 */
export async function collectPage(
  ctx: JobsTableContext,
  input: QueryCommandInput,
  keyAttributes: IndexKeyAttributes,
  limit: number,
  startKey: Item | null,
  matches: (job: Job) => boolean,
): Promise<Page> {
  const jobs: Job[] = []
  let exclusiveStartKey: Item | undefined = startKey ?? undefined

  for (;;) {
    const answer = await ctx.client.send(
      new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey: exclusiveStartKey }),
    )
    const items = answer.Items ?? []
    for (const [index, item] of items.entries()) {
      const job = toJob(item)
      if (!matches(job)) continue

      jobs.push(job)
      if (jobs.length === limit) {
        const exhausted = index === items.length - 1 && answer.LastEvaluatedKey === undefined
        return { jobs, lastKey: exhausted ? null : indexKeyOf(item, keyAttributes) }
      }
    }
    if (answer.LastEvaluatedKey === undefined) return { jobs, lastKey: null }
    exclusiveStartKey = answer.LastEvaluatedKey
  }
}

const OWNER_INDEX_KEY: IndexKeyAttributes = ['user_id', 'created_at']
const SESSION_INDEX_KEY: IndexKeyAttributes = ['session_id', 'created_at']

export interface OwnerPageQuery {
  userId: string
  limit: number
  startKey: Item | null
  status?: JobStatus | undefined
}

/** A user's jobs, newest first. */
export function listJobsByOwner(ctx: JobsTableContext, query: OwnerPageQuery): Promise<Page> {
  // LIMITATION: a status filter reads on until the page is full, so a rare status costs reads
  // proportional to the user's jobs; per-status index entries would bound it.
  const input: QueryCommandInput = {
    TableName: ctx.tableName,
    IndexName: OWNER_INDEX,
    KeyConditionExpression: 'user_id = :user',
    ExpressionAttributeValues: { ':user': query.userId },
    ScanIndexForward: false,
  }
  const { status } = query
  const matches = (job: Job) => status === undefined || job.status === status

  return collectPage(ctx, input, OWNER_INDEX_KEY, query.limit, query.startKey, matches)
}

export async function listAllJobsByOwner(ctx: JobsTableContext, userId: string): Promise<Job[]> {
  const jobs: Job[] = []
  let startKey: Item | null = null
  do {
    const page: Page = await listJobsByOwner(ctx, { userId, limit: 100, startKey })
    jobs.push(...page.jobs)
    startKey = page.lastKey
  } while (startKey !== null)

  return jobs
}

export interface SessionPageQuery {
  sessionId: string
  userId: string
  limit: number
  startKey: Item | null
}

/** The caller's jobs of one session in upload order; another user's jobs are never returned. */
export function listJobsBySession(ctx: JobsTableContext, query: SessionPageQuery): Promise<Page> {
  const input: QueryCommandInput = {
    TableName: ctx.tableName,
    IndexName: SESSION_INDEX,
    KeyConditionExpression: 'session_id = :session',
    ExpressionAttributeValues: { ':session': query.sessionId },
    ScanIndexForward: true,
  }
  const matches = (job: Job) => job.user_id === query.userId

  return collectPage(ctx, input, SESSION_INDEX_KEY, query.limit, query.startKey, matches)
}

/** The newest job of a session, used to continue its upload order. */
export async function lastJobOfSession(ctx: JobsTableContext, sessionId: string) {
  const answer = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: SESSION_INDEX,
      KeyConditionExpression: 'session_id = :session',
      ExpressionAttributeValues: { ':session': sessionId },
      ScanIndexForward: false,
      Limit: 1,
    }),
  )
  const item = answer.Items?.[0]
  return item === undefined ? null : toJob(item)
}
