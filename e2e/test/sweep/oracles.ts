import { AnalyzeResponseSchema } from '@proov/domain'
import type { Built } from './expectations.js'
import { NO_ANSWER } from './wire.js'
import type { WireAnswer, WireRequest } from './wire.js'
import { foreignSecrets, holdingsOf, ownerlessSecrets, recordBatch } from './world.js'
import type { Member, World } from './world.js'

export const FINDING_KINDS = [
  /** Another owner's id, key, user id or e-mail reached the caller, or existence showed. */
  'leak',
  'server-error',
  'no-answer',
  'rate-limited',
  /** A status, code or body other than the one a correct stack gives. */
  'unexpected',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

export interface Finding {
  kind: FindingKind
  detail: string
}

interface JobLike {
  job_id?: unknown
  s3_key?: unknown
  user_id?: unknown
  status?: unknown
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text // a malformed escape stays as it was sent
  }
}

/** Everything of the request an answer may echo: path and body, as sent and as decoded. */
function requestText(request: WireRequest): string {
  const body = request.body === undefined ? '' : request.body.toString('utf8')
  const parsed = parse(body)
  const once = decoded(request.path)
  return [
    request.path,
    once,
    decoded(once),
    body,
    parsed === undefined ? '' : JSON.stringify(parsed),
  ].join('\n')
}

/** The key a list's cursor carries, decoded: a page boundary must not point into another's data. */
function cursorPayloads(body: unknown): string {
  if (typeof body !== 'object' || body === null || !('next_cursor' in body)) return ''
  const cursor = body.next_cursor
  if (typeof cursor !== 'string') return ''
  return Buffer.from(cursor.split('.')[0] ?? '', 'base64url').toString('utf8')
}

function scanForLeaks(
  world: World,
  viewer: Member | null,
  built: Built,
  answer: WireAnswer,
  body: unknown,
) {
  const findings: Finding[] = []
  const echo = requestText(built.request)
  const shown = `${answer.text}\n${cursorPayloads(body)}`
  const hidden = [
    ...foreignSecrets(world, viewer?.userId ?? null),
    ...ownerlessSecrets(world).filter((secret) => !built.expect.legacyShown.has(secret.jobId)),
  ]
  for (const secret of hidden) {
    if (shown.includes(secret.text) && !echo.includes(secret.text)) {
      findings.push({ kind: 'leak', detail: `the answer shows ${secret.label}` })
    }
  }
  return findings
}

function checkPage(world: World, built: Built, body: unknown): Finding[] {
  const { listsOf, operatorListsOf, reads, entries } = built.expect
  const findings: Finding[] = []
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  const jobs = Array.isArray(record.jobs) ? (record.jobs as JobLike[]) : []

  if (listsOf !== undefined) {
    const own = holdingsOf(world, listsOf)
    for (const job of jobs) {
      const ownKey = typeof job.s3_key === 'string' && job.s3_key.startsWith(`users/${listsOf}/`)
      if (!own.jobIds.has(String(job.job_id)) && !ownKey) {
        findings.push({ kind: 'leak', detail: `lists job ${String(job.job_id)}, not the caller's` })
      }
    }
  }
  if (operatorListsOf !== undefined) {
    for (const job of jobs) {
      if (job.user_id !== operatorListsOf) {
        findings.push({
          kind: 'unexpected',
          detail: `lists job ${String(job.job_id)} of another owner`,
        })
      }
    }
  }
  if (reads !== undefined && record.job_id !== reads) {
    findings.push({
      kind: 'unexpected',
      detail: `answers job ${String(record.job_id)}, not ${reads}`,
    })
  }
  if (entries !== undefined) findings.push(...checkEntries(entries, record.statuses))
  return findings
}

function checkEntries(
  entries: { jobId: string; readable: boolean }[],
  statuses: unknown,
): Finding[] {
  const given = Array.isArray(statuses) ? (statuses as JobLike[]) : []
  if (given.length !== entries.length) {
    return [{ kind: 'unexpected', detail: `${given.length} statuses for ${entries.length} ids` }]
  }
  const findings: Finding[] = []
  entries.forEach((entry, i) => {
    const answer = given[i] ?? {}
    const asMissing = JSON.stringify({
      job_id: entry.jobId,
      status: 'not_found',
      result: null,
      error: null,
    })
    if (answer.job_id !== entry.jobId) {
      findings.push({ kind: 'unexpected', detail: `status ${i} is for another id` })
    } else if (entry.readable && answer.status === 'not_found') {
      findings.push({
        kind: 'unexpected',
        detail: `a readable job ${entry.jobId} answers not_found`,
      })
    } else if (!entry.readable && JSON.stringify(answer) !== asMissing) {
      findings.push({ kind: 'leak', detail: `job ${entry.jobId} answers unlike a missing one` })
    }
  })
  return findings
}

/** Every oracle on one answer; a 202 that was meant to create jobs is recorded as the caller's. */
export function judge(
  world: World,
  viewer: Member | null,
  built: Built,
  answer: WireAnswer,
): Finding[] {
  const { expect } = built
  if (answer.status === NO_ANSWER) return [{ kind: 'no-answer', detail: answer.text }]
  if (answer.status >= 500) return [{ kind: 'server-error', detail: `answered ${answer.status}` }]
  if (answer.status === 429) return [{ kind: 'rate-limited', detail: 'answered 429' }]

  const findings: Finding[] = []
  const body = parse(answer.text)
  // Recorded even when no 202 was expected, so that the audits after the sweep count the write
  // once, as this finding, rather than again as a stray item.
  const batch = AnalyzeResponseSchema.safeParse(body)
  if (answer.status === 202 && viewer !== null && batch.success) {
    recordBatch(world, viewer.userId, batch.data)
  }
  const wrongStatus = !expect.statuses.includes(answer.status)
  if (wrongStatus) {
    const kind = built.foreign && answer.status < 300 ? 'leak' : 'unexpected'
    findings.push({
      kind,
      detail: `answered ${answer.status}, expected ${expect.statuses.join(' or ')}`,
    })
  }
  const code = (body as { code?: unknown } | undefined)?.code
  if (!wrongStatus && expect.code !== undefined && code !== expect.code) {
    findings.push({ kind: 'unexpected', detail: `code ${String(code)}, expected ${expect.code}` })
  }
  if (!wrongStatus && expect.notFound === true && answer.text !== world.notFoundText) {
    findings.push({
      kind: built.foreign ? 'leak' : 'unexpected',
      detail: 'a 404 unlike a missing path',
    })
  }
  if (!expect.unrestricted) findings.push(...scanForLeaks(world, viewer, built, answer, body))
  if (answer.status < 300) findings.push(...checkPage(world, built, body))
  return findings
}

// LIMITATION: status and body are compared, headers are not (x-request-id differs on every answer)
/** A foreign reference must answer exactly as the missing one the twin named instead. */
export function judgeTwin(
  answer: WireAnswer,
  twin: WireAnswer,
  swaps: ReadonlyMap<string, string>,
): Finding[] {
  let mapped = twin.text
  for (const [foreign, missing] of swaps) mapped = mapped.replaceAll(missing, foreign)
  if (answer.status === twin.status && answer.text === mapped) return []
  return [
    {
      kind: 'leak',
      detail:
        `answers ${answer.status} where a missing one answers ${twin.status}` +
        (answer.status === twin.status ? ', with another body' : ''),
    },
  ]
}
