import fc from 'fast-check'
import { ACTOR_NAMES } from './world.js'
import type { ActorName } from './world.js'

// Probes are plain records of constants, numbers and strings: fast-check can then shrink a
// failing probe it is handed back as an example, without the context it was generated in.

export const ID_KINDS = ['own', 'foreign', 'legacy', 'missing', 'malformed'] as const
export type IdKind = (typeof ID_KINDS)[number]

export const KEY_KINDS = [
  'own',
  'own-missing',
  'foreign',
  'legacy',
  'traversal',
  'malformed',
] as const
export type KeyKind = (typeof KEY_KINDS)[number]

export const CURSOR_KINDS = [
  'none',
  'own',
  'own-other-query',
  'foreign',
  'tampered',
  'random',
] as const
export type CursorKind = (typeof CURSOR_KINDS)[number]

/** How a path segment is written: encoded once, every byte escaped, escaped twice, or as is. */
export const ENCODINGS = ['plain', 'percent-all', 'double-percent', 'raw'] as const
export type Encoding = (typeof ENCODINGS)[number]

export const GARBAGE_KINDS = [
  'random',
  'alg-none',
  'swapped-sub',
  'cut-signature',
  'not-bearer',
  'empty-bearer',
  'two-bearers',
] as const
export type GarbageKind = (typeof GARBAGE_KINDS)[number]

/** Which one of the candidates a reference names is picked by `pick`, modulo their count. */
export interface IdRef {
  kind: IdKind
  pick: number
  missing: string
  malformed: string
}

export interface KeyRef {
  kind: KeyKind
  pick: number
  missing: string
  malformed: string
}

export interface CursorRef {
  kind: CursorKind
  pick: number
  random: string
}

interface Common {
  actor: ActorName
  garbage: { kind: GarbageKind; text: string }
}

export type Probe = Common &
  (
    | { route: 'POST /job-status'; form: JobStatusForm; ids: IdRef[]; escape: boolean }
    | { route: 'GET /jobs/{id}'; id: IdRef; encoding: Encoding }
    | { route: 'GET /my-jobs'; limit: string | null; status: string | null; cursor: CursorRef }
    | { route: 'GET /my-sessions'; limit: string | null; cursor: CursorRef }
    | {
        route: 'GET /session/{id}/jobs'
        session: IdRef
        encoding: Encoding
        limit: string | null
        cursor: CursorRef
      }
    | {
        route: 'POST /analyze'
        videos: KeyRef[]
        bucket: string | null
        session: IdRef | null
        escape: boolean
      }
    | { route: 'POST /analyze (multipart)'; session: IdRef | null }
    | {
        route: 'GET /admin/users/{id}/jobs'
        user: IdRef
        encoding: Encoding
        limit: string | null
        cursor: CursorRef
      }
    | { route: 'GET /admin/legacy-jobs'; limit: string | null; cursor: CursorRef }
    | { route: 'POST /admin/jobs/{id}/owner'; id: IdRef; encoding: Encoding; owner: IdRef }
  )

export type RouteName = Probe['route']

export const JOB_STATUS_FORMS = ['list', 'too-many', 'empty', 'not-an-array', 'not-json'] as const
export type JobStatusForm = (typeof JOB_STATUS_FORMS)[number]

/** Strings that have broken path handling somewhere: dot segments, escapes, separators. */
export const PATH_TRICKS = [
  '.',
  '..',
  '../my-jobs',
  '..%2f..%2fmy-jobs',
  '..%2F',
  '%2e%2e',
  '%2e%2e%2f',
  '%252e%252e%252f',
  '..;/',
  '..\\..\\',
  '%c0%ae%c0%ae/',
  '%00',
  '%',
  '%zz',
  '?',
  '#',
  '/',
  '//',
  ' ',
  '\u2025',
  '\uff0e\uff0e',
  '*',
  'null',
  'undefined',
  '[object Object]',
  '{"$ne":null}',
  "' OR '1'='1",
  '__proto__',
  'constructor',
] as const

const malformedText = fc.oneof(
  { arbitrary: fc.constantFrom(...PATH_TRICKS), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 100, maxLength: 3000 }), weight: 1 },
)

const idKind = fc.oneof(
  { arbitrary: fc.constant('own' as const), weight: 2 },
  { arbitrary: fc.constant('foreign' as const), weight: 4 },
  { arbitrary: fc.constant('legacy' as const), weight: 1 },
  { arbitrary: fc.constant('missing' as const), weight: 1 },
  { arbitrary: fc.constant('malformed' as const), weight: 2 },
)

const idRef: fc.Arbitrary<IdRef> = fc.record({
  kind: idKind,
  pick: fc.nat(),
  missing: fc.uuid(),
  malformed: malformedText,
})

const keyRef: fc.Arbitrary<KeyRef> = fc.record({
  kind: fc.constantFrom(...KEY_KINDS),
  pick: fc.nat(),
  missing: fc.uuid(),
  malformed: malformedText,
})

const cursorRef: fc.Arbitrary<CursorRef> = fc.record({
  kind: fc.constantFrom(...CURSOR_KINDS),
  pick: fc.nat(),
  random: fc.oneof(
    fc.base64String({ maxLength: 120 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 2049, maxLength: 2100 }),
  ),
})

const limit = fc.option(
  fc.constantFrom('1', '2', '5', '20', '100', '0', '101', '-1', '1.5', 'abc', '', '1e2', ' 5'),
  { nil: null },
)

const encoding = fc.constantFrom(...ENCODINGS)

const actor = fc.oneof(
  { arbitrary: fc.constantFrom(...ACTOR_NAMES.slice(0, 4)), weight: 8 },
  { arbitrary: fc.constantFrom(...ACTOR_NAMES.slice(4)), weight: 2 },
)

const common = {
  actor,
  garbage: fc.record({
    kind: fc.constantFrom(...GARBAGE_KINDS),
    text: fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  }),
}

const routeProbes = {
  'POST /job-status': fc.record({
    ...common,
    route: fc.constant('POST /job-status' as const),
    form: fc.oneof(
      { arbitrary: fc.constant('list' as const), weight: 8 },
      { arbitrary: fc.constantFrom(...JOB_STATUS_FORMS.slice(1)), weight: 1 },
    ),
    ids: fc.array(idRef, { minLength: 1, maxLength: 6 }),
    escape: fc.boolean(),
  }),
  'GET /jobs/{id}': fc.record({
    ...common,
    route: fc.constant('GET /jobs/{id}' as const),
    id: idRef,
    encoding,
  }),
  'GET /my-jobs': fc.record({
    ...common,
    route: fc.constant('GET /my-jobs' as const),
    limit,
    status: fc.option(
      fc.constantFrom('queued', 'processing', 'completed', 'failed', 'done', 'QUEUED', 'x'),
      { nil: null, freq: 3 },
    ),
    cursor: cursorRef,
  }),
  'GET /my-sessions': fc.record({
    ...common,
    route: fc.constant('GET /my-sessions' as const),
    limit,
    cursor: cursorRef,
  }),
  'GET /session/{id}/jobs': fc.record({
    ...common,
    route: fc.constant('GET /session/{id}/jobs' as const),
    session: idRef,
    encoding,
    limit,
    cursor: cursorRef,
  }),
  'POST /analyze': fc.record({
    ...common,
    route: fc.constant('POST /analyze' as const),
    videos: fc.array(keyRef, { minLength: 1, maxLength: 3 }),
    bucket: fc.option(fc.constantFrom('local', 'example-videos', '', 'LOCAL'), {
      nil: null,
      freq: 4,
    }),
    session: fc.option(idRef, { nil: null, freq: 2 }),
    escape: fc.boolean(),
  }),
  'POST /analyze (multipart)': fc.record({
    ...common,
    route: fc.constant('POST /analyze (multipart)' as const),
    session: fc.option(idRef, { nil: null, freq: 4 }),
  }),
  'GET /admin/users/{id}/jobs': fc.record({
    ...common,
    route: fc.constant('GET /admin/users/{id}/jobs' as const),
    user: idRef,
    encoding,
    limit,
    cursor: cursorRef,
  }),
  'GET /admin/legacy-jobs': fc.record({
    ...common,
    route: fc.constant('GET /admin/legacy-jobs' as const),
    limit,
    cursor: cursorRef,
  }),
  'POST /admin/jobs/{id}/owner': fc.record({
    ...common,
    route: fc.constant('POST /admin/jobs/{id}/owner' as const),
    id: idRef,
    encoding,
    owner: idRef,
  }),
} satisfies Record<RouteName, fc.Arbitrary<Probe>>

const ROUTE_WEIGHTS: Record<RouteName, number> = {
  'POST /job-status': 5,
  'GET /jobs/{id}': 6,
  'GET /my-jobs': 3,
  'GET /my-sessions': 2,
  'GET /session/{id}/jobs': 5,
  'POST /analyze': 5,
  'POST /analyze (multipart)': 1,
  'GET /admin/users/{id}/jobs': 2,
  'GET /admin/legacy-jobs': 1,
  'POST /admin/jobs/{id}/owner': 2,
}

const ADMIN_ROUTES: readonly RouteName[] = [
  'GET /admin/users/{id}/jobs',
  'GET /admin/legacy-jobs',
  'POST /admin/jobs/{id}/owner',
]

/** Every probe the sweep may send; the operators' routes only when the stack has them. */
export function probeArbitrary(withAdminRoutes: boolean): fc.Arbitrary<Probe> {
  const routes = (Object.keys(routeProbes) as RouteName[]).filter(
    (route) => withAdminRoutes || !ADMIN_ROUTES.includes(route),
  )
  return fc.oneof(
    ...routes.map((route) => ({ arbitrary: routeProbes[route], weight: ROUTE_WEIGHTS[route] })),
  )
}
