import { isOwnedBy, sessionsOfOwner } from '@proov/domain'
import type { Job } from '@proov/domain'
import { getJob, listAllJobsByOwner, listJobsBySession } from '@proov/jobs-table'
import type { Item, JobsTableContext, Page } from '@proov/jobs-table'

export interface SessionJobsQuery {
  sessionId: string
  userId: string
  limit: number
  startKey: Item | null
}

export interface SessionJobsPage {
  jobs: Job[]
  lastKey: Item | null
  batchNumber: number | null
}

async function legacyBatchNumber(ctx: JobsTableContext, sessionId: string, userId: string) {
  // LIMITATION: a session from before batch numbers reads all of the owner's jobs to number it
  const sessions = sessionsOfOwner(await listAllJobsByOwner(ctx, userId))
  return sessions.find((session) => session.session_id === sessionId)?.batch_number ?? null
}

/** A job from before sessions existed is a session of its own, under its own id. */
async function sessionlessJob(ctx: JobsTableContext, sessionId: string, userId: string) {
  const job = await getJob(ctx, sessionId)
  return job !== null && job.session_id === null && isOwnedBy(job, userId) ? job : null
}

/** Any one of the caller's jobs in the session, for a page that came back empty. */
async function anyJobOfSession(ctx: JobsTableContext, query: SessionJobsQuery) {
  const probe = await listJobsBySession(ctx, { ...query, limit: 1, startKey: null })
  return probe.jobs[0] ?? null
}

async function withBatchNumber(
  ctx: JobsTableContext,
  query: SessionJobsQuery,
  page: Page,
  known: readonly Job[],
): Promise<SessionJobsPage> {
  const stored = known.find((job) => job.batch_number !== null)?.batch_number
  const batchNumber = stored ?? (await legacyBatchNumber(ctx, query.sessionId, query.userId))
  return { jobs: page.jobs, lastKey: page.lastKey, batchNumber }
}

/**
 * One page of the caller's jobs in a session, in upload order, with the session's batch number;
 * null when the session holds none of the caller's jobs.
 */
export async function readSessionJobs(
  ctx: JobsTableContext,
  query: SessionJobsQuery,
): Promise<SessionJobsPage | null> {
  const page = await listJobsBySession(ctx, query)
  if (page.jobs.length > 0) return withBatchNumber(ctx, query, page, page.jobs)

  if (query.startKey !== null) {
    const member = await anyJobOfSession(ctx, query)
    return member === null ? null : withBatchNumber(ctx, query, page, [member])
  }

  const single = await sessionlessJob(ctx, query.sessionId, query.userId)
  if (single === null) return null
  return withBatchNumber(ctx, query, { jobs: [single], lastKey: null }, [single])
}
