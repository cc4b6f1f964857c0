import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import type { JobsTableContext } from '@proov/jobs-table'
import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { Wire } from './wire.js'
import { MEMBER_NAMES, holdingsOf, memberOf, ownerOf } from './world.js'
import type { Member, World } from './world.js'

/** Who owns each item and which session it is in; what no request of another may change. */
export type TableSnapshot = Map<string, { user_id: unknown; session_id: unknown }>

/** The whole table, read the way only a test may: a Scan. */
export async function snapshotTable(jobsTable: JobsTableContext): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = new Map()
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await jobsTable.client.send(
      new ScanCommand({ TableName: jobsTable.tableName, ExclusiveStartKey: startKey }),
    )
    for (const item of page.Items ?? []) {
      snapshot.set(String(item.job_id), { user_id: item.user_id, session_id: item.session_id })
    }
    startKey = page.LastEvaluatedKey
  } while (startKey !== undefined)
  return snapshot
}

/** Every job id each member holds, before the sweep adds the ones their own uploads create. */
export function heldJobIds(world: World): Set<string> {
  return new Set([...world.holdings.values()].flatMap((holdings) => [...holdings.jobIds]))
}

async function listAll(wire: Wire, member: Member, path: string, field: 'jobs' | 'sessions') {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
    const answer = await wire.send({
      method: 'GET',
      path: `${path}?limit=100${query}`,
      authorization: `Bearer ${member.token}`,
    })
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`)
    const page = JSON.parse(answer.text) as Record<string, unknown>
    const items = (page[field] ?? []) as { job_id?: string; session_id?: string }[]
    ids.push(...items.map((item) => String(field === 'jobs' ? item.job_id : item.session_id)))
    cursor = typeof page.next_cursor === 'string' ? page.next_cursor : null
  } while (cursor !== null)
  return ids
}

function sameSet(listed: readonly string[], held: ReadonlySet<string>): boolean {
  return listed.length === held.size && listed.every((id) => held.has(id))
}

/** Each member's lists hold exactly what they uploaded, before the sweep and through it. */
export async function auditLists(
  world: World,
  wire: Wire,
): Promise<{ problems: string[]; lines: string[] }> {
  const problems: string[] = []
  const lines: string[] = []
  for (const name of MEMBER_NAMES) {
    const member = memberOf(world, name)
    const held = holdingsOf(world, member.userId)
    const jobs = await listAll(wire, member, '/my-jobs', 'jobs')
    const sessions = await listAll(wire, member, '/my-sessions', 'sessions')
    lines.push(`${name}: ${jobs.length} jobs, ${sessions.length} sessions listed`)
    if (!sameSet(jobs, held.jobIds)) {
      problems.push(`${name} lists ${jobs.length} jobs, holds ${held.jobIds.size}`)
    }
    if (!sameSet(sessions, held.sessionIds)) {
      problems.push(`${name} lists ${sessions.length} sessions, holds ${held.sessionIds.size}`)
    }
  }
  return { problems, lines }
}

/**
 * Nothing the sweep sent changed an item's owner or session, and the only new items are jobs
 * the callers' own uploads created (and the counters of their batches).
 */
export function auditTable(
  world: World,
  before: TableSnapshot,
  after: TableSnapshot,
  heldBefore: ReadonlySet<string>,
): string[] {
  const problems: string[] = []
  for (const [key, was] of before) {
    const now = after.get(key)
    if (now === undefined) problems.push(`item ${key} is gone`)
    else if (now.user_id !== was.user_id) problems.push(`item ${key} changed owner`)
    else if (now.session_id !== was.session_id) problems.push(`item ${key} changed session`)
  }

  const counters = new Set(MEMBER_NAMES.map((name) => `owner#${memberOf(world, name).userId}`))
  const created = heldJobIds(world)
  for (const [key, now] of after) {
    if (before.has(key) || counters.has(key)) continue
    if (!created.has(key) || heldBefore.has(key)) problems.push(`item ${key} appeared`)
    else if (ownerOf(world, key, 'job')?.userId !== now.user_id)
      problems.push(`new job ${key} has another owner`)
  }
  return problems
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.partial-'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

/** The store holds exactly the members' uploads: no file under a foreign prefix, none left over. */
export async function auditStore(world: World, root: string): Promise<string[]> {
  const held = new Set(
    MEMBER_NAMES.flatMap((name) => [...holdingsOf(world, memberOf(world, name).userId).keys]),
  )
  const files = await filesUnder(root)
  const problems = files.filter((file) => !held.has(file)).map((file) => `stray file ${file}`)
  const present = new Set(files)
  for (const key of held) if (!present.has(key)) problems.push(`missing file ${key}`)
  return problems
}
