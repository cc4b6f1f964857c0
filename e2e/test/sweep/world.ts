export const MEMBER_NAMES = ['alice', 'bob', 'carol', 'olga'] as const
export type MemberName = (typeof MEMBER_NAMES)[number]

export const ACTOR_NAMES = [...MEMBER_NAMES, 'anonymous', 'garbage'] as const
export type ActorName = (typeof ACTOR_NAMES)[number]

/** A signed-in person of the sweep; the token is only ever put in a header, never printed. */
export interface Member {
  name: MemberName
  userId: string
  email: string
  token: string
  operator: boolean
}

/** What one owner holds: the sweep's members, and the owners the legacy items name. */
export interface Holdings {
  userId: string
  /** How reports name the owner; never an e-mail address. */
  label: string
  email: string | null
  jobIds: Set<string>
  sessionIds: Set<string>
  keys: Set<string>
}

/** A legacy job without an owner: readable by id under the open policy, listed for nobody. */
export interface OwnerlessJob {
  jobId: string
  key: string | null
}

/** Cursors each member was handed, per listing. */
export interface MemberCursors {
  myJobs: string
  mySessions: string
  /** Session id → the cursor of its second page. */
  sessionJobs: Map<string, string>
  /** The operator's cursor into one user's jobs. */
  adminUserJobs?: { userId: string; cursor: string }
  adminLegacyJobs?: string
}

export interface World {
  members: Map<MemberName, Member>
  /** By user id. */
  holdings: Map<string, Holdings>
  ownerless: OwnerlessJob[]
  cursors: Map<MemberName, MemberCursors>
  /** The bucket name the local store reports. */
  bucket: string
  adminRoutes: boolean
  /** The bytes of the answer to a path that does not exist. */
  notFoundText: string
  /** Bumped on every recorded write, so cached token lists know they are stale. */
  version: number
}

/** A string that must not reach a viewer, and how a report names it. */
export interface Secret {
  text: string
  label: string
}

export function memberOf(world: World, name: MemberName): Member {
  const member = world.members.get(name)
  if (member === undefined) throw new Error(`no member ${name}`)
  return member
}

export function holdingsOf(world: World, userId: string): Holdings {
  const holdings = world.holdings.get(userId)
  if (holdings === undefined) throw new Error(`no holdings for ${userId}`)
  return holdings
}

/** The owner of a job id, session id or key, or undefined when nobody of the world holds it. */
export function ownerOf(world: World, value: string, what: 'job' | 'session' | 'key') {
  for (const holdings of world.holdings.values()) {
    const set =
      what === 'job' ? holdings.jobIds : what === 'session' ? holdings.sessionIds : holdings.keys
    if (set.has(value)) return holdings
  }
  return undefined
}

const secretsCache = new Map<string, { version: number; secrets: Secret[] }>()

/**
 * Everything of other owners a viewer must never be shown: job ids, session ids, storage keys,
 * user ids and e-mail addresses. A null viewer (no valid token) may see nobody's.
 */
export function foreignSecrets(world: World, viewerId: string | null): Secret[] {
  const cacheKey = viewerId ?? ''
  const cached = secretsCache.get(cacheKey)
  if (cached?.version === world.version) return cached.secrets

  const secrets: Secret[] = []
  for (const holdings of world.holdings.values()) {
    if (holdings.userId === viewerId) continue
    const of = holdings.label
    secrets.push({ text: holdings.userId, label: `${of}'s user id` })
    if (holdings.email !== null) secrets.push({ text: holdings.email, label: `${of}'s e-mail` })
    for (const id of holdings.jobIds) secrets.push({ text: id, label: `${of}'s job ${id}` })
    for (const id of holdings.sessionIds) {
      if (!holdings.jobIds.has(id)) secrets.push({ text: id, label: `${of}'s session ${id}` })
    }
    for (const key of holdings.keys) secrets.push({ text: key, label: `${of}'s key ${key}` })
  }
  secretsCache.set(cacheKey, { version: world.version, secrets })
  return secrets
}

/** The job ids and keys of the ownerless legacy jobs, each tied to its job. */
export function ownerlessSecrets(world: World): (Secret & { jobId: string })[] {
  return world.ownerless.flatMap((job) => [
    { text: job.jobId, label: `legacy job ${job.jobId}`, jobId: job.jobId },
    ...(job.key === null
      ? []
      : [{ text: job.key, label: `legacy key ${job.key}`, jobId: job.jobId }]),
  ])
}

/** Records what an accepted upload created, so later oracles count it as the owner's own. */
export function recordBatch(
  world: World,
  userId: string,
  batch: { session_id: string; jobs: { job_id: string; s3_key: string | null }[] },
) {
  const holdings = holdingsOf(world, userId)
  holdings.sessionIds.add(batch.session_id)
  for (const job of batch.jobs) {
    holdings.jobIds.add(job.job_id)
    if (job.s3_key !== null) holdings.keys.add(job.s3_key)
  }
  world.version += 1
}
