import { PageQuerySchema } from '@proov/domain'
import {
  CLIENT_ERRORS,
  classifyId,
  cursorFits,
  expecting,
  invalidCursor,
  isRoutable,
  notFound,
  primaryKind,
  unauthenticated,
} from './expectations.js'
import type { Built, Expectation } from './expectations.js'
import type { Probe } from './probes.js'
import { encodeSegment, queryString } from './encoding.js'
import type { ResolvedCursor } from './refs.js'
import type { Context } from './routes.js'
import type { Member, MemberName } from './world.js'

type AdminProbe = Extract<
  Probe,
  {
    route: 'GET /admin/users/{id}/jobs' | 'GET /admin/legacy-jobs' | 'POST /admin/jobs/{id}/owner'
  }
>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * The operators' routes. To anyone signed in outside the operator group each answers like a path
 * that does not exist; the operator may see every owner's jobs there, but writes nothing here:
 * ownerless legacy jobs are never named to the owner-assigning route.
 */
export function adminRequest(probe: AdminProbe, context: Context): Built {
  const { viewer } = context
  const built = buildAdmin(probe, context)
  if (viewer === null) return { ...built, expect: unauthenticated(built.routeMatched) }
  if (!viewer.operator) {
    return { ...built, expect: built.routeMatched ? notFound() : expecting(CLIENT_ERRORS) }
  }
  const expect = built.routeMatched ? built.operatorExpect : expecting(CLIENT_ERRORS)
  return { ...built, foreign: false, expect: { ...expect, unrestricted: true } }
}

interface AdminBuilt extends Omit<Built, 'expect'> {
  routeMatched: boolean
  operatorExpect: Expectation
}

function cursorOutcome(
  operator: Member,
  pageValid: boolean,
  cursor: ResolvedCursor,
  query: string,
  paramsValid = true,
): Expectation | null {
  if (!pageValid) return expecting([400])
  if (cursor.value === null || cursorFits(cursor, operator, query)) return null
  return paramsValid ? invalidCursor() : expecting([400, ...CLIENT_ERRORS])
}

function buildAdmin(probe: AdminProbe, context: Context): AdminBuilt {
  const { world, viewer, resolver, authorization } = context
  const me = viewer?.name ?? 'alice'
  const othersCursor = (name: MemberName) => world.cursors.get(name)?.myJobs ?? null

  if (probe.route === 'GET /admin/legacy-jobs') {
    const cursor = resolver.cursor(probe.cursor, 'admin-legacy', (name) =>
      name === me ? (world.cursors.get(name)?.adminLegacyJobs ?? null) : othersCursor(name),
    )
    const params = { limit: probe.limit, cursor: cursor.value }
    const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null))
    const valid = PageQuerySchema.safeParse(present).success
    const outcome = viewer === null ? null : cursorOutcome(viewer, valid, cursor, 'admin-legacy')
    return {
      request: { method: 'GET', path: `/admin/legacy-jobs${queryString(params)}`, authorization },
      kind: `cursor:${probe.cursor.kind}`,
      foreign: false,
      routeMatched: true,
      operatorExpect: outcome ?? expecting([200], { operatorListsOf: null }),
    }
  }

  if (probe.route === 'GET /admin/users/{id}/jobs') {
    const user = resolver.userId(probe.user)
    const { path, read } = encodeSegment(user.value, probe.encoding)
    const query = `admin-user:${read}`
    const cursor = resolver.cursor(probe.cursor, query, (name) => {
      const own = world.cursors.get(name)?.adminUserJobs
      if (name !== me) return othersCursor(name)
      return own?.userId === read ? own.cursor : null
    })
    const params = { limit: probe.limit, cursor: cursor.value }
    const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null))
    const valid = PageQuerySchema.safeParse(present).success
    const plainId = read !== null && UUID.test(read)
    // A user id the route refuses is answered before the cursor is read.
    const outcome = viewer === null ? null : cursorOutcome(viewer, valid, cursor, query, plainId)
    return {
      request: {
        method: 'GET',
        path: `/admin/users/${path}/jobs${queryString(params)}`,
        authorization,
      },
      kind: probe.cursor.kind === 'none' ? probe.user.kind : `cursor:${probe.cursor.kind}`,
      foreign: user.foreign,
      routeMatched: isRoutable(read),
      operatorExpect:
        outcome ??
        (plainId
          ? expecting([200], { operatorListsOf: read })
          : expecting([200, ...CLIENT_ERRORS], { operatorListsOf: read })),
    }
  }

  // An operator must not give a legacy job an owner in the middle of the sweep.
  const idRef =
    viewer?.operator === true && probe.id.kind === 'legacy'
      ? { ...probe.id, kind: 'missing' as const }
      : probe.id
  const job = resolver.jobId(idRef)
  const owner = resolver.userId(probe.owner)
  const { path, read } = encodeSegment(job.value, probe.encoding)
  const found = classifyId(world, viewer, read, 'job')
  const plainOwner = UUID.test(owner.value)
  return {
    request: {
      method: 'POST',
      path: `/admin/jobs/${path}/owner`,
      authorization,
      contentType: 'application/json',
      body: JSON.stringify({ user_id: owner.value }),
    },
    kind: primaryKind([probe.id.kind, probe.owner.kind]),
    foreign: job.foreign || owner.foreign,
    routeMatched: found !== 'malformed',
    operatorExpect:
      plainOwner && (found === 'own' || found === 'foreign')
        ? expecting([409], { code: 'owner_already_set' })
        : plainOwner && found === 'missing'
          ? notFound()
          : expecting([400, 404, 409]),
  }
}
