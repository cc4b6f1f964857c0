import { randomUUID } from 'node:crypto'
import type { CursorRef, IdRef, KeyRef } from './probes.js'
import { MEMBER_NAMES, memberOf } from './world.js'
import type { Holdings, Member, MemberName, World } from './world.js'

/** A value put into a request, and whether it names something of another owner. */
export interface Resolved {
  value: string
  /** Names another owner's job, session, key or user: the twin swaps it for a missing one. */
  foreign: boolean
}

/** A cursor and the listing it was issued for; null for forged and random ones. */
export interface ResolvedCursor {
  value: string | null
  binding: { issuer: MemberName; query: string } | null
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function pickFrom<T>(items: readonly T[], pick: number): T {
  if (items.length === 0) throw new Error('nothing to pick from')
  return items[pick % items.length] as T
}

/** The viewer's own holdings; someone who is not signed in borrows alice's as "own". */
function ownHoldings(world: World, viewer: Member | null): Holdings {
  const userId = (viewer ?? memberOf(world, 'alice')).userId
  const holdings = world.holdings.get(userId)
  if (holdings === undefined) throw new Error('no holdings for the viewer')
  return holdings
}

function othersOf(world: World, viewer: Member | null): Holdings[] {
  const own = ownHoldings(world, viewer)
  return [...world.holdings.values()].filter((holdings) => holdings !== own)
}

/**
 * Turns abstract references into values. In twin mode every foreign value is swapped for a
 * missing one of the same kind, and the swaps are kept to map the twin's answer back.
 */
export class Resolver {
  readonly swaps = new Map<string, string>()

  constructor(
    readonly world: World,
    readonly viewer: Member | null,
    readonly twin: boolean,
  ) {}

  private foreign(value: string, missing: () => string): Resolved {
    if (!this.twin) return { value, foreign: true }
    let swapped = this.swaps.get(value)
    if (swapped === undefined) {
      swapped = missing()
      this.swaps.set(value, swapped)
    }
    return { value: swapped, foreign: false }
  }

  jobId(ref: IdRef): Resolved {
    const own = ownHoldings(this.world, this.viewer)
    if (ref.kind === 'own') return { value: pickFrom([...own.jobIds], ref.pick), foreign: false }
    if (ref.kind === 'legacy') {
      return { value: pickFrom(this.world.ownerless, ref.pick).jobId, foreign: false }
    }
    if (ref.kind === 'missing') return { value: ref.missing, foreign: false }
    if (ref.kind === 'malformed') return { value: ref.malformed, foreign: false }

    const ids = othersOf(this.world, this.viewer).flatMap((holdings) => [...holdings.jobIds])
    return this.foreign(pickFrom(ids, ref.pick), randomUUID)
  }

  sessionId(ref: IdRef): Resolved {
    if (ref.kind !== 'own' && ref.kind !== 'foreign') return this.jobId(ref)
    if (ref.kind === 'own') {
      const own = ownHoldings(this.world, this.viewer)
      return { value: pickFrom([...own.sessionIds], ref.pick), foreign: false }
    }
    const ids = othersOf(this.world, this.viewer).flatMap((holdings) => [
      ...holdings.sessionIds,
      ...holdings.jobIds,
    ])
    return this.foreign(pickFrom(ids, ref.pick), randomUUID)
  }

  /** For the operators' routes: `legacy` names an owner the legacy items know. */
  userId(ref: IdRef): Resolved {
    const own = ownHoldings(this.world, this.viewer)
    if (ref.kind === 'own') return { value: own.userId, foreign: false }
    if (ref.kind === 'missing') return { value: ref.missing, foreign: false }
    if (ref.kind === 'malformed') return { value: ref.malformed, foreign: false }

    const members = new Set(MEMBER_NAMES.map((name) => memberOf(this.world, name).userId))
    const others = othersOf(this.world, this.viewer).filter(
      (holdings) => members.has(holdings.userId) === (ref.kind === 'foreign'),
    )
    return this.foreign(pickFrom(others, ref.pick).userId, randomUUID)
  }

  key(ref: KeyRef): Resolved {
    const own = ownHoldings(this.world, this.viewer)
    const ownPrefix = `users/${own.userId}/`
    const missingKey = () => `${ownPrefix}sessions/${randomUUID()}/${randomUUID()}/video.mp4`
    if (ref.kind === 'own') return { value: pickFrom([...own.keys], ref.pick), foreign: false }
    if (ref.kind === 'own-missing') {
      return {
        value: `${ownPrefix}sessions/${ref.missing}/${ref.missing}/clip.mp4`,
        foreign: false,
      }
    }
    if (ref.kind === 'legacy') {
      const keys = this.world.ownerless.flatMap((job) => (job.key === null ? [] : [job.key]))
      return this.foreign(pickFrom(keys, ref.pick), missingKey)
    }
    if (ref.kind === 'malformed') {
      const value = ref.pick % 2 === 0 ? ref.malformed : `${ownPrefix}${ref.malformed}`
      return { value, foreign: false }
    }

    const others = othersOf(this.world, this.viewer)
    const keys = others.flatMap((holdings) => [...holdings.keys])
    const key = pickFrom(keys, ref.pick)
    if (ref.kind === 'foreign') return this.foreign(key, missingKey)
    return this.foreign(traversal(key, own.userId, ref.pick), missingKey)
  }

  cursor(ref: CursorRef, query: string, ofOthers: (name: MemberName) => string | null) {
    return resolveCursor(this.world, this.viewer, ref, query, ofOthers)
  }
}

/** Ways to reach another owner's key from under one's own prefix. */
function traversal(key: string, ownId: string, pick: number): string {
  const rest = key.replace(/^users\//, '')
  const me = `users/${ownId}`
  const variants = [
    `${me}/../${rest}`,
    `${me}/../../users/${rest}`,
    `${me}/%2e%2e/${rest}`,
    `${me}/..%2f${rest}`,
    `${me}/./../${rest}`,
    `${me}//../${rest}`,
    `${me}\\..\\${rest}`,
    `${me}/\uff0e\uff0e/${rest}`,
    `/users/${rest}`,
    `${me}/../${rest}\u0000`,
    `./users/${rest}`,
    encodeURIComponent(key),
    `USERS/${rest}`,
    `${me}/../${rest}/.`,
    `${me}/\u2025/${rest}`,
    `${me}/%252e%252e/${rest}`,
  ]
  return pickFrom(variants, Math.floor(pick / 7))
}

function alterChar(text: string, at: number, pick: number): string {
  const index = BASE64URL.indexOf(text[at] ?? 'A')
  const replacement = BASE64URL[(index + 1 + (pick % 63)) % 64] ?? 'A'
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`
}

/**
 * A cursor changed the ways an attacker would: one character, a spliced part, a forged key. A
 * forgery that happens to change nothing (the victim's id was already in the key) flips a
 * character instead: a tampered cursor always differs from the one it came from.
 */
function tamper(own: string, foreign: string, foreignUserId: string, pick: number): string {
  const tampered = tamperOnce(own, foreign, foreignUserId, pick)
  return tampered === own ? tamperOnce(own, foreign, foreignUserId, 0) : tampered
}

function tamperOnce(own: string, foreign: string, foreignUserId: string, pick: number): string {
  const [payload = '', mac = ''] = own.split('.')
  const [foreignPayload = '', foreignMac = ''] = foreign.split('.')
  // The last character of a base64url part may carry unused bits: change one before it.
  const inside = (part: string) => 1 + (pick % Math.max(1, part.length - 2))
  switch (pick % 5) {
    case 0:
      return `${payload}.${alterChar(mac, inside(mac), pick)}`
    case 1:
      return `${alterChar(payload, inside(payload), pick)}.${mac}`
    case 2:
      return `${foreignPayload}.${mac}`
    case 3:
      return `${payload}.${foreignMac}`
    default: {
      const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >
      const forged = { ...key, user_id: foreignUserId }
      return `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`
    }
  }
}

function ownAlternatives(world: World, me: MemberName, query: string) {
  const cursors = world.cursors.get(me)
  const candidates = [
    { query: 'my-jobs', value: cursors?.myJobs },
    { query: 'my-sessions', value: cursors?.mySessions },
    ...[...(cursors?.sessionJobs ?? [])].map(([id, value]) => ({ query: `session:${id}`, value })),
    {
      query: `admin-user:${cursors?.adminUserJobs?.userId}`,
      value: cursors?.adminUserJobs?.cursor,
    },
    { query: 'admin-legacy', value: cursors?.adminLegacyJobs },
  ]
  return candidates.filter(
    (candidate): candidate is { query: string; value: string } =>
      candidate.query !== query && candidate.value !== undefined,
  )
}

function resolveCursor(
  world: World,
  viewer: Member | null,
  ref: CursorRef,
  query: string,
  cursorOf: (name: MemberName) => string | null,
): ResolvedCursor {
  if (ref.kind === 'none') return { value: null, binding: null }
  if (ref.kind === 'random') return { value: ref.random, binding: null }

  const me = (viewer ?? memberOf(world, 'alice')).name
  const others = MEMBER_NAMES.filter((name) => name !== me && cursorOf(name) !== null)
  const other = others.length === 0 ? null : pickFrom(others, ref.pick)
  const own = cursorOf(me)
  // Another listing's cursor of the viewer's own: valid, but not for this query.
  const alternative = pickFrom(ownAlternatives(world, me, query), ref.pick)

  if (ref.kind === 'foreign' && other !== null) {
    return { value: cursorOf(other), binding: { issuer: other, query } }
  }
  if (ref.kind === 'tampered') {
    const victim =
      other ??
      pickFrom(
        MEMBER_NAMES.filter((name) => name !== me),
        ref.pick,
      )
    const victimCursor = cursorOf(victim) ?? world.cursors.get(victim)?.myJobs ?? alternative.value
    const base = own ?? alternative.value
    const forged = tamper(base, victimCursor, memberOf(world, victim).userId, ref.pick)
    return { value: forged, binding: null }
  }
  if (ref.kind === 'own' && own !== null) return { value: own, binding: { issuer: me, query } }
  return { value: alternative.value, binding: { issuer: me, query: alternative.query } }
}
