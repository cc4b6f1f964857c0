import { DEFAULT_TOOL } from './tools.js'
import type { Job } from './job.js'
import { parseJobStatus } from './statuses.js'

type Item = Record<string, unknown>

/** Attributes the model reads; every other attribute of an item is kept under `legacy`. */
const MODELLED_ATTRIBUTES = new Set([
  'job_id',
  'status',
  'job_status',
  'tool',
  'user_id',
  'user_email',
  'session_id',
  'batch_number',
  'position',
  'filename',
  'video',
  's3_bucket',
  's3_key',
  'created_at',
  'updated_at',
  'result',
  'error',
  'summary',
  'attempts',
])

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null
}

function parseJsonText(value: string): unknown {
  const trimmed = value.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined

  try {
    return JSON.parse(trimmed)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A map, or a map written as a JSON string; anything else is not a map. */
function recordOf(value: unknown): Item | null {
  if (isRecord(value)) return value
  if (typeof value !== 'string') return null

  const parsed = parseJsonText(value)
  return isRecord(parsed) ? parsed : null
}

/** Epoch seconds from a Number, a numeric string or an ISO date; null when absent or unreadable. */
export function epochSecondsOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  if (typeof value !== 'string' || value.trim() === '') return null

  const numeric = Number(value)
  if (Number.isFinite(numeric)) return numeric >= 0 ? numeric : null

  const millis = Date.parse(value)
  return Number.isNaN(millis) ? null : millis / 1000
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null
}

function baseName(key: string | null): string | null {
  if (key === null) return null

  const name = key.split('/').pop()
  return name === undefined || name === '' ? null : name
}

function readResult(value: unknown): { result: unknown; text: string | null } {
  if (typeof value !== 'string') return { result: value ?? null, text: null }

  const parsed = parseJsonText(value)
  return parsed === undefined ? { result: value, text: value } : { result: parsed, text: null }
}

/**
 * Reads a stored item of any shape the old or the current backend wrote into one Job.
 * Nothing is lost: attributes outside the model stay under `legacy`, and a raw status the
 * model cannot read is kept there as `status`.
 */
export function normalizeJobItem(item: Item): Job {
  const rawStatus = item.status ?? item.job_status
  const status = rawStatus === undefined ? 'queued' : (parseJobStatus(rawStatus) ?? 'failed')
  const video = recordOf(item.video)
  const bucket = text(video?.bucket) ?? text(item.s3_bucket)
  const key = text(video?.key) ?? text(item.s3_key)
  const { result, text: resultText } = readResult(item.result)

  const legacy: Item = {}
  for (const [name, value] of Object.entries(item)) {
    if (!MODELLED_ATTRIBUTES.has(name)) legacy[name] = value
  }
  if (rawStatus !== undefined && parseJobStatus(rawStatus) === null) legacy.status = rawStatus
  if (typeof item.video === 'string' && video === null) legacy.video = item.video

  return {
    job_id: String(item.job_id),
    status,
    tool: text(item.tool) ?? text(video?.tool) ?? DEFAULT_TOOL,
    user_id: text(item.user_id),
    user_email: text(item.user_email),
    session_id: text(item.session_id),
    batch_number: positiveInteger(item.batch_number),
    position: typeof item.position === 'number' ? item.position : null,
    filename: text(item.filename) ?? text(video?.filename) ?? baseName(key),
    video: { bucket, key },
    created_at: epochSecondsOf(item.created_at),
    updated_at: epochSecondsOf(item.updated_at),
    result,
    error: text(item.error) ?? (status === 'failed' ? resultText : null),
    summary: recordOf(item.summary),
    attempts: typeof item.attempts === 'number' ? item.attempts : 0,
    legacy,
  }
}
