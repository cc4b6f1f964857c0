import type { Job } from './job.js'
import { sessionIdOf } from './job.js'
import { summarizeSession } from './session.js'
import type { SessionSummary } from './session.js'

function firstCreated(jobs: readonly Job[]): number {
  return Math.min(...jobs.map((job) => job.created_at ?? Number.POSITIVE_INFINITY))
}

/**
 * Groups one owner's jobs into sessions, newest first. Sessions from before batch numbers
 * existed are numbered by creation order; they all predate numbered ones, which continue the
 * count from there (see `legacySessionCount`).
 */
export function sessionsOfOwner(jobs: readonly Job[]): SessionSummary[] {
  const bySession = new Map<string, Job[]>()
  for (const job of jobs) {
    const id = sessionIdOf(job)
    bySession.set(id, [...(bySession.get(id) ?? []), job])
  }

  const groups = [...bySession.entries()].map(([sessionId, members]) => ({
    sessionId,
    members,
    created: firstCreated(members),
    legacy: members.some((job) => job.batch_number === null),
    stored: members.find((job) => job.batch_number !== null)?.batch_number ?? null,
  }))
  groups.sort((a, b) => a.created - b.created || a.sessionId.localeCompare(b.sessionId))

  // A legacy session keeps its rank once a later upload appended numbered jobs to it: those jobs
  // carry that same rank, and the sessions after it must not move down into it.
  let legacyRank = 0
  const summaries = groups.map((group) => {
    const rank = group.legacy ? (legacyRank += 1) : null
    const batchNumber = group.stored ?? rank
    const ordered = [...group.members].sort(
      (a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.created_at ?? 0) - (b.created_at ?? 0),
    )
    return summarizeSession(group.sessionId, ordered, batchNumber)
  })

  return summaries.reverse()
}

/**
 * How many of an owner's sessions predate batch numbers, including those appended to since;
 * new sessions are numbered after them.
 */
export function legacySessionCount(jobs: readonly Job[]): number {
  return new Set(jobs.filter((job) => job.batch_number === null).map(sessionIdOf)).size
}
