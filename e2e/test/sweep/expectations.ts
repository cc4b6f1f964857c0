import type { WireRequest } from './wire.js'
import type { Member, World } from './world.js'

/** What a correct stack answers to one request. */
export interface Expectation {
  statuses: readonly number[]
  /** The `code` of the error answer, where it is certain. */
  code?: string
  /** The answer is, byte for byte, the answer to a path that does not exist. */
  notFound?: boolean
  /** A 200 page lists only this user's own jobs. */
  listsOf?: string
  /** The operators' listings: every job has this owner (null: ownerless legacy jobs only). */
  operatorListsOf?: string | null
  /** A 200 is this job. */
  reads?: string
  /** POST /job-status: each asked id in order, and whether the caller may see it. */
  entries?: { jobId: string; readable: boolean }[]
  /** An operator on the operators' routes may be shown anyone's jobs. */
  unrestricted?: boolean
  /** Ownerless legacy jobs this answer may show (the legacy policy: readable by id). */
  legacyShown: ReadonlySet<string>
}

export interface Built {
  request: WireRequest
  expect: Expectation
  /** The input kind the counts are kept by. */
  kind: string
  /** The request names something of another owner, so a twin naming missing things is sent. */
  foreign: boolean
}

/** Client errors a malformed path or body may meet on its way: the route, the URL, the size. */
export const CLIENT_ERRORS = [400, 404, 405, 411, 413, 414, 415, 431] as const

const NOTHING: ReadonlySet<string> = new Set()

export function expecting(
  statuses: readonly number[],
  rest: Partial<Expectation> = {},
): Expectation {
  return { statuses, legacyShown: NOTHING, ...rest }
}

export const invalidRequest = () => expecting([400], { code: 'invalid_request' })
export const invalidCursor = () => expecting([400], { code: 'cursor_invalid' })
export const notFound = () => expecting([404], { notFound: true, code: 'not_found' })

/** No valid token: 401 wherever a route matched; an unmatched path may fail earlier. */
export function unauthenticated(routeMatched: boolean): Expectation {
  return routeMatched ? expecting([401]) : expecting([401, ...CLIENT_ERRORS])
}

export type JobClass = 'own' | 'foreign' | 'legacy' | 'missing' | 'malformed'

// LIMITATION: odd path parameters (dot segments, backslashes, long) need only meet a client error
/** Path parameters longer than this may not reach the route at all. */
const ROUTED_PARAM_LENGTH = 100

/**
 * Dot segments and backslashes in a decoded path parameter: the gateway may refuse such a URL
 * before any route (or authentication) sees it, so only some client error is certain.
 */
function isPathTrick(read: string): boolean {
  return read === '.' || read.includes('..') || read.includes('\\')
}

/** Whether a path parameter the server reads this way certainly reaches its route. */
export function isRoutable(read: string | null): read is string {
  return (
    read !== null && read.length > 0 && read.length <= ROUTED_PARAM_LENGTH && !isPathTrick(read)
  )
}

/** The input kind a request is counted under: the one most likely to show a fault. */
const KIND_PRIORITY = [
  'traversal',
  'foreign',
  'legacy',
  'malformed',
  'missing',
  'own-missing',
  'own',
]

export function primaryKind(kinds: readonly string[]): string {
  return KIND_PRIORITY.find((kind) => kinds.includes(kind)) ?? kinds[0] ?? 'none'
}

/** What an id the server reads names, for this viewer; null: what it reads is unpredictable. */
export function classifyId(
  world: World,
  viewer: Member | null,
  read: string | null,
  as: 'job' | 'session',
): JobClass {
  if (!isRoutable(read)) return 'malformed'

  for (const holdings of world.holdings.values()) {
    const named = holdings.jobIds.has(read) || (as === 'session' && holdings.sessionIds.has(read))
    if (!named) continue
    const own = viewer !== null && holdings.userId === viewer.userId
    if (own && as === 'session') return holdings.sessionIds.has(read) ? 'own' : 'missing'
    return own ? 'own' : 'foreign'
  }
  if (world.ownerless.some((job) => job.jobId === read)) return 'legacy'
  return 'missing'
}

/** Whether a cursor is the one the viewer was handed for exactly this listing. */
export function cursorFits(
  cursor: { value: string | null; binding: { issuer: string; query: string } | null },
  viewer: Member,
  query: string,
): boolean {
  return cursor.binding?.issuer === viewer.name && cursor.binding.query === query
}
