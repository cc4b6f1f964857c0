import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { AnalyzeResponseSchema } from '@proov/domain'
import type { AnalyzeResponse } from '@proov/domain'
import legacyFixture from '@proov/domain/fixtures/legacy-jobs.json' with { type: 'json' }
import { gatewayClient, markLegacyJobs } from '@proov/infra'
import type { JobsTableContext } from '@proov/jobs-table'
import { operatorGroupFromEnv } from '@proov/local-stack'
import { DEMO_USERS } from '@proov/testkit'
import type { TestVideos } from '@proov/testkit'
import type { Wire, WireAnswer } from './wire.js'
import { MEMBER_NAMES, holdingsOf, recordBatch } from './world.js'
import type { Holdings, Member, MemberCursors, MemberName, World } from './world.js'

/** Fails at once without AWS, so the worker spends no ffmpeg time on the sweep's own uploads. */
export const QUICK_TOOL = 'rekognition_detect_labels'

export interface SeedOptions {
  gatewayUrl: string
  wire: Wire
  tokenFor: (name: MemberName) => Promise<string>
  jobsTable: JobsTableContext
  videos: TestVideos
  bucket: string
}

type LegacyItem = Record<string, unknown>

/** The claims of an id token, read without verifying: the stack has verified it already. */
function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

async function signInMember(name: MemberName, tokenFor: SeedOptions['tokenFor']): Promise<Member> {
  const demoUser = DEMO_USERS.find((user) => user.name === name)
  if (demoUser === undefined) throw new Error(`the local stack has no demo user ${name}`)

  const token = await tokenFor(name)
  const claims = claimsOf(token)
  const groups = claims['cognito:groups']
  return {
    name,
    userId: String(claims.sub),
    email: demoUser.email,
    token,
    operator: Array.isArray(groups) && groups.includes(operatorGroupFromEnv(process.env)),
  }
}

function expectStatus(what: string, answer: WireAnswer, status: number): unknown {
  if (answer.status !== status) {
    throw new Error(
      `${what} answered ${answer.status}, not ${status}: ${answer.text.slice(0, 300)}`,
    )
  }
  return JSON.parse(answer.text) as unknown
}

/** Two multipart uploads and one JSON batch naming keys the first two stored. */
async function uploadBatches(opts: SeedOptions, member: Member): Promise<AnalyzeResponse[]> {
  const client = gatewayClient(opts.gatewayUrl, member.token)
  const { plain, notVideo, withBlack } = opts.videos
  const accepted = async (what: string, answer: { status: number; body: unknown }) => {
    if (answer.status !== 202) throw new Error(`${what} for ${member.name}: ${answer.status}`)
    return AnalyzeResponseSchema.parse(answer.body)
  }

  const first = await accepted(
    'multipart upload',
    await client.analyzeFiles(
      [plain, notVideo].map(({ path }) => ({ path, contentType: 'video/mp4' })),
      'media_info',
    ),
  )
  const second = await accepted(
    'multipart upload',
    await client.analyzeFiles([{ path: withBlack.path, contentType: 'video/mp4' }], QUICK_TOOL),
  )

  const keys = [first.jobs[0]?.s3_key, second.jobs[0]?.s3_key]
  const json = await opts.wire.send({
    method: 'POST',
    path: '/analyze',
    authorization: `Bearer ${member.token}`,
    contentType: 'application/json',
    body: JSON.stringify({ videos: keys.map((key) => ({ key })), tool: QUICK_TOOL }),
  })
  const third = AnalyzeResponseSchema.parse(expectStatus('JSON analyze', json, 202))
  return [first, second, third]
}

/** The legacy items as the old system left them, then marked the way the migration marks them. */
async function loadLegacyItems(world: World, jobsTable: JobsTableContext) {
  const items = legacyFixture.items as LegacyItem[]
  for (const item of items) {
    await jobsTable.client.send(new PutCommand({ TableName: jobsTable.tableName, Item: item }))
  }
  // As `pnpm migrate` would: the ownerless ones join the operators' legacy list.
  await markLegacyJobs(jobsTable)

  let owners = 0
  for (const item of items) {
    const jobId = String(item.job_id)
    const key = typeof item.s3_key === 'string' ? item.s3_key : null
    if (typeof item.user_id !== 'string') {
      world.ownerless.push({ jobId, key })
      continue
    }

    let holdings = world.holdings.get(item.user_id)
    if (holdings === undefined) {
      owners += 1
      holdings = {
        userId: item.user_id,
        label: `legacy owner ${owners}`,
        email: typeof item.user_email === 'string' ? item.user_email : null,
        jobIds: new Set(),
        sessionIds: new Set(),
        keys: new Set(),
      }
      world.holdings.set(item.user_id, holdings)
    }
    holdings.jobIds.add(jobId)
    holdings.sessionIds.add(typeof item.session_id === 'string' ? item.session_id : jobId)
    if (key !== null) holdings.keys.add(key)
  }
  return items.length
}

async function secondPageCursor(wire: Wire, member: Member, path: string): Promise<string> {
  const answer = await wire.send({ method: 'GET', path, authorization: `Bearer ${member.token}` })
  const page = expectStatus(`GET ${path}`, answer, 200) as { next_cursor: string | null }
  if (page.next_cursor === null) throw new Error(`GET ${path} has no second page`)
  return page.next_cursor
}

async function collectCursors(world: World, wire: Wire, member: Member): Promise<MemberCursors> {
  const cursors: MemberCursors = {
    myJobs: await secondPageCursor(wire, member, '/my-jobs?limit=1'),
    mySessions: await secondPageCursor(wire, member, '/my-sessions?limit=1'),
    sessionJobs: new Map(),
  }
  for (const sessionId of holdingsOf(world, member.userId).sessionIds) {
    const path = `/session/${sessionId}/jobs?limit=1`
    const answer = await wire.send({ method: 'GET', path, authorization: `Bearer ${member.token}` })
    const page = expectStatus(`GET ${path}`, answer, 200) as { next_cursor: string | null }
    if (page.next_cursor !== null) cursors.sessionJobs.set(sessionId, page.next_cursor)
  }

  if (member.operator && world.adminRoutes) {
    const someone = memberUserId(world, 'alice')
    cursors.adminUserJobs = {
      userId: someone,
      cursor: await secondPageCursor(wire, member, `/admin/users/${someone}/jobs?limit=1`),
    }
    const legacy = await wire.send({
      method: 'GET',
      path: '/admin/legacy-jobs?limit=1',
      authorization: `Bearer ${member.token}`,
    })
    const page = expectStatus('GET /admin/legacy-jobs', legacy, 200) as {
      next_cursor: string | null
    }
    if (page.next_cursor !== null) cursors.adminLegacyJobs = page.next_cursor
  }
  return cursors
}

function memberUserId(world: World, name: MemberName): string {
  const member = world.members.get(name)
  if (member === undefined) throw new Error(`no member ${name}`)
  return member.userId
}

/**
 * Signs the members in, has each upload three batches (two multipart, one JSON), loads the
 * legacy items, and collects every member's second-page cursors.
 */
export async function seedWorld(opts: SeedOptions): Promise<World> {
  const members = await Promise.all(MEMBER_NAMES.map((name) => signInMember(name, opts.tokenFor)))
  const world: World = {
    members: new Map(members.map((member) => [member.name, member])),
    holdings: new Map(),
    ownerless: [],
    cursors: new Map(),
    bucket: opts.bucket,
    adminRoutes: false,
    notFoundText: '',
    version: 0,
  }

  for (const member of members) {
    const holdings: Holdings = {
      userId: member.userId,
      label: member.name,
      email: member.email,
      jobIds: new Set(),
      sessionIds: new Set(),
      keys: new Set(),
    }
    world.holdings.set(member.userId, holdings)
    for (const batch of await uploadBatches(opts, member)) recordBatch(world, member.userId, batch)
  }
  await loadLegacyItems(world, opts.jobsTable)

  const olga = members.find((member) => member.operator)
  if (olga === undefined) throw new Error('no member is an operator')
  const auth = (member: Member) => `Bearer ${member.token}`
  const probe = await opts.wire.send({
    method: 'GET',
    path: '/admin/legacy-jobs',
    authorization: auth(olga),
  })
  world.adminRoutes = probe.status === 200
  world.notFoundText = (
    await opts.wire.send({ method: 'GET', path: '/no-such-path', authorization: auth(olga) })
  ).text

  for (const member of members) {
    world.cursors.set(member.name, await collectCursors(world, opts.wire, member))
  }
  return world
}
