import type { SessionSummary } from '@proov/domain'
import { z } from 'zod'

/** Where a page of sessions ended: the last session returned and its place in the order. */
export const SessionCursorSchema = z.object({
  session_id: z.string(),
  created_at: z.number().nullable(),
})
export type SessionCursor = z.infer<typeof SessionCursorSchema>

export interface SessionPage {
  sessions: SessionSummary[]
  /** Set when more sessions follow. */
  last: SessionCursor | null
}

// The order sessionsOfOwner answers in: newest first, sessions without a time before all others,
// ties broken by session id, descending.
function orderKey(createdAt: number | null): number {
  return createdAt ?? Number.POSITIVE_INFINITY
}

function comesAfter(session: SessionSummary, cursor: SessionCursor): boolean {
  const key = orderKey(session.created_at)
  const cursorKey = orderKey(cursor.created_at)
  if (key !== cursorKey) return key < cursorKey

  return session.session_id.localeCompare(cursor.session_id) < 0
}

/**
 * One page of an owner's sessions, newest first. A page continues after the cursor's place in the
 * order rather than after its index, so a session removed meanwhile neither repeats nor skips any.
 */
export function pageOfSessions(
  sessions: readonly SessionSummary[],
  after: SessionCursor | null,
  limit: number,
): SessionPage {
  const start = after === null ? 0 : sessions.findIndex((session) => comesAfter(session, after))
  const rest = start === -1 ? [] : sessions.slice(start)
  const page = rest.slice(0, limit)

  const last = page.at(-1)
  const more = rest.length > limit && last !== undefined
  return {
    sessions: page,
    last: more ? { session_id: last.session_id, created_at: last.created_at } : null,
  }
}
