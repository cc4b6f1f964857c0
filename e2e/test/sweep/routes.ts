import {
  AnalyzeJsonBodySchema,
  JobStatusBodySchema,
  MyJobsQuerySchema,
  PageQuerySchema,
} from '@proov/domain'
import { adminRequest } from './admin-routes.js'
import {
  CLIENT_ERRORS,
  classifyId,
  cursorFits,
  expecting,
  invalidCursor,
  invalidRequest,
  notFound,
  primaryKind,
  unauthenticated,
} from './expectations.js'
import type { Built, Expectation } from './expectations.js'
import type { Probe } from './probes.js'
import { encodeSegment, escapedJson, multipartBody, queryString } from './encoding.js'
import { Resolver } from './refs.js'
import { garbageAuthorization } from './tokens.js'
import type { Resolved, ResolvedCursor } from './refs.js'
import { QUICK_TOOL } from './seed.js'
import type { WireRequest } from './wire.js'
import { holdingsOf, memberOf } from './world.js'
import type { Member, MemberName, World } from './world.js'

type ProbeOf<R extends Probe['route']> = Extract<Probe, { route: R }>

/** The parts every route builder shares. */
export interface Context {
  world: World
  viewer: Member | null
  resolver: Resolver
  authorization: string | undefined
}

/** A probe as the concrete request it stands for, with what a correct stack answers. */
export function buildRequest(
  probe: Probe,
  world: World,
  twin: boolean,
): Built & { swaps: Map<string, string> } {
  const viewer =
    probe.actor === 'anonymous' || probe.actor === 'garbage' ? null : memberOf(world, probe.actor)
  const resolver = new Resolver(world, viewer, twin)
  const authorization =
    probe.actor === 'anonymous'
      ? undefined
      : viewer === null
        ? garbageAuthorization(world, probe.garbage.kind, probe.garbage.text)
        : `Bearer ${viewer.token}`
  const context: Context = { world, viewer, resolver, authorization }
  return { ...buildFor(probe, context), swaps: resolver.swaps }
}

function buildFor(probe: Probe, context: Context): Built {
  switch (probe.route) {
    case 'POST /job-status':
      return jobStatus(probe, context)
    case 'GET /jobs/{id}':
      return oneJob(probe, context)
    case 'GET /my-jobs':
    case 'GET /my-sessions':
      return ownList(probe, context)
    case 'GET /session/{id}/jobs':
      return sessionJobs(probe, context)
    case 'POST /analyze':
      return analyzeJson(probe, context)
    case 'POST /analyze (multipart)':
      return analyzeMultipart(probe, context)
    default:
      return adminRequest(probe, context)
  }
}

function get(context: Context, path: string): WireRequest {
  return { method: 'GET', path, authorization: context.authorization }
}

function post(context: Context, path: string, body: string): WireRequest {
  return {
    method: 'POST',
    path,
    authorization: context.authorization,
    contentType: 'application/json',
    body,
  }
}

function oneJob(probe: ProbeOf<'GET /jobs/{id}'>, context: Context): Built {
  const { world, viewer, resolver } = context
  const id = resolver.jobId(probe.id)
  const { path, read } = encodeSegment(id.value, probe.encoding)
  const request = get(context, `/jobs/${path}`)
  const kind = probe.id.kind
  const found = classifyId(world, viewer, read, 'job')

  if (viewer === null) {
    return { request, kind, foreign: id.foreign, expect: unauthenticated(found !== 'malformed') }
  }
  const expect: Expectation =
    found === 'own'
      ? expecting([200], { reads: read ?? '' })
      : found === 'legacy'
        ? expecting([200], { reads: read ?? '', legacyShown: new Set([read ?? '']) })
        : found === 'malformed'
          ? expecting(CLIENT_ERRORS)
          : notFound()
  return { request, kind, foreign: id.foreign, expect }
}

function jobStatus(probe: ProbeOf<'POST /job-status'>, context: Context): Built {
  const { world, viewer, resolver } = context
  const ids = probe.ids.map((ref) => resolver.jobId(ref))
  const values = ids.map((id) => id.value)
  const jobIds =
    probe.form === 'too-many'
      ? Array.from({ length: 101 }, (_, i) => values[i % values.length] ?? '')
      : probe.form === 'empty'
        ? []
        : probe.form === 'not-an-array'
          ? values[0]
          : values
  const body = { job_ids: jobIds }
  const text =
    probe.form === 'not-json'
      ? `{"job_ids": [${JSON.stringify(values[0])}`
      : probe.escape
        ? escapedJson(body)
        : JSON.stringify(body)
  const request = post(context, '/job-status', text)
  const kind = probe.form === 'list' ? primaryKind(probe.ids.map((ref) => ref.kind)) : probe.form
  const foreign = ids.some((id) => id.foreign)

  if (viewer === null) return { request, kind, foreign, expect: unauthenticated(true) }
  if (probe.form === 'not-json' || !JobStatusBodySchema.safeParse(body).success) {
    return { request, kind, foreign, expect: invalidRequest() }
  }
  const classes = values.map((value) => classifyId(world, viewer, value, 'job'))
  const entries = values.map((jobId, i) => ({
    jobId,
    readable: classes[i] === 'own' || classes[i] === 'legacy',
  }))
  const legacyShown = new Set(values.filter((_, i) => classes[i] === 'legacy'))
  return { request, kind, foreign, expect: expecting([200], { entries, legacyShown }) }
}

function pageExpectation(
  viewer: Member,
  valid: boolean,
  cursor: ResolvedCursor,
  query: string,
  onPage: Expectation,
): Expectation {
  if (!valid) return invalidRequest()
  if (cursor.value !== null && !cursorFits(cursor, viewer, query)) return invalidCursor()
  return onPage
}

function ownList(probe: ProbeOf<'GET /my-jobs' | 'GET /my-sessions'>, context: Context): Built {
  const { world, viewer, resolver } = context
  const jobs = probe.route === 'GET /my-jobs'
  const status = jobs ? (probe as ProbeOf<'GET /my-jobs'>).status : null
  const query = status === null ? (jobs ? 'my-jobs' : 'my-sessions') : `my-jobs?status=${status}`
  // The cursors handed out were for the unfiltered listings: with a status, none is the viewer's.
  const me = viewer?.name ?? 'alice'
  const cursor = resolver.cursor(probe.cursor, query, (name: MemberName) => {
    const cursors = world.cursors.get(name)
    if (name === me && status !== null) return null
    return (jobs ? cursors?.myJobs : cursors?.mySessions) ?? null
  })
  const params = { limit: probe.limit, status, cursor: cursor.value }
  const request = get(context, `/${jobs ? 'my-jobs' : 'my-sessions'}${queryString(params)}`)
  const kind = `cursor:${probe.cursor.kind}`

  if (viewer === null) return { request, kind, foreign: false, expect: unauthenticated(true) }
  const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null))
  const schema = jobs ? MyJobsQuerySchema : PageQuerySchema
  const expect = pageExpectation(
    viewer,
    schema.safeParse(present).success,
    cursor,
    query,
    expecting([200], { listsOf: viewer.userId }),
  )
  return { request, kind, foreign: false, expect }
}

function sessionJobs(probe: ProbeOf<'GET /session/{id}/jobs'>, context: Context): Built {
  const { world, viewer, resolver } = context
  const session = resolver.sessionId(probe.session)
  const { path, read } = encodeSegment(session.value, probe.encoding)
  const query = `session:${read}`
  const me = viewer?.name ?? 'alice'
  const cursor = resolver.cursor(probe.cursor, query, (name) => {
    const own = world.cursors.get(name)?.sessionJobs
    if (name === me) return own?.get(read ?? '') ?? null
    const theirs = [...(own?.values() ?? [])]
    return theirs[probe.cursor.pick % Math.max(1, theirs.length)] ?? null
  })
  const params = { limit: probe.limit, cursor: cursor.value }
  const request = get(context, `/session/${path}/jobs${queryString(params)}`)
  const kind = probe.cursor.kind === 'none' ? probe.session.kind : `cursor:${probe.cursor.kind}`
  const found = classifyId(world, viewer, read, 'session')
  const foreign = session.foreign

  if (viewer === null) {
    return { request, kind, foreign, expect: unauthenticated(found !== 'malformed') }
  }
  if (found === 'malformed') return { request, kind, foreign, expect: expecting(CLIENT_ERRORS) }
  const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null))
  const onPage = found === 'own' ? expecting([200], { listsOf: viewer.userId }) : notFound()
  const expect = pageExpectation(
    viewer,
    PageQuerySchema.safeParse(present).success,
    cursor,
    query,
    onPage,
  )
  return { request, kind, foreign, expect }
}

function ownsSession(world: World, viewer: Member, session: Resolved | null): boolean {
  return session === null || holdingsOf(world, viewer.userId).sessionIds.has(session.value)
}

function analyzeJson(probe: ProbeOf<'POST /analyze'>, context: Context): Built {
  const { world, viewer, resolver } = context
  const keys = probe.videos.map((ref) => resolver.key(ref))
  const session = probe.session === null ? null : resolver.sessionId(probe.session)
  const body = {
    videos: keys.map((key) => ({
      key: key.value,
      ...(probe.bucket === null ? {} : { bucket: probe.bucket }),
    })),
    tool: QUICK_TOOL,
    ...(session === null ? {} : { session_id: session.value }),
  }
  const request = post(context, '/analyze', probe.escape ? escapedJson(body) : JSON.stringify(body))
  const kind = primaryKind([
    ...probe.videos.map((ref) => ref.kind),
    ...(probe.session === null ? [] : [probe.session.kind]),
  ])
  const foreign = keys.some((key) => key.foreign) || session?.foreign === true

  if (viewer === null) return { request, kind, foreign, expect: unauthenticated(true) }
  if (!AnalyzeJsonBodySchema.safeParse(body).success) {
    return { request, kind, foreign, expect: invalidRequest() }
  }
  const own = holdingsOf(world, viewer.userId)
  const stored = keys.every((key) => own.keys.has(key.value))
  const bucketOk = probe.bucket === null || probe.bucket === world.bucket
  const expect =
    stored && bucketOk && ownsSession(world, viewer, session) ? expecting([202]) : notFound()
  return { request, kind, foreign, expect }
}

const PROBE_FILE = Buffer.from('not a video, only bytes to store\n')

function analyzeMultipart(probe: ProbeOf<'POST /analyze (multipart)'>, context: Context): Built {
  const { world, viewer, resolver } = context
  const session = probe.session === null ? null : resolver.sessionId(probe.session)
  const fields: [string, string][] = [['tool', QUICK_TOOL]]
  if (session !== null) fields.push(['session_id', session.value])
  const { contentType, body } = multipartBody(fields, [
    { field: 'files', filename: 'probe.mp4', contentType: 'video/mp4', data: PROBE_FILE },
  ])
  const request: WireRequest = {
    method: 'POST',
    path: '/analyze',
    authorization: context.authorization,
    contentType,
    body,
  }
  const kind = probe.session?.kind ?? 'own'
  const foreign = session?.foreign === true

  if (viewer === null) return { request, kind, foreign, expect: unauthenticated(true) }
  const expect =
    // A blank session_id field is no session_id: the upload starts a new session.
    session === null || session.value.trim() === '' || ownsSession(world, viewer, session)
      ? expecting([202])
      : probe.session?.kind === 'malformed'
        ? expecting([400, 404])
        : notFound()
  return { request, kind, foreign, expect }
}
