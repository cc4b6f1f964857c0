import { OwnerIdSchema, isJobId } from '@proov/domain'
import { InfraError } from './errors.js'

const COLUMNS = ['job_id', 'user_id'] as const
const HEADER_WORD = /^[a-z_ ]+$/i

export interface OwnerLine {
  /** 1-based, as an editor shows it. */
  line: number
  jobId: string
  userId: string
}

export interface InvalidOwnerLine {
  line: number
  reason: string
}

export interface OwnerFile {
  rows: OwnerLine[]
  invalid: InvalidOwnerLine[]
}

function fieldsOf(text: string): string[] {
  return text.split(',').map((field) => {
    const trimmed = field.trim()
    const quoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    return quoted ? trimmed.slice(1, -1).replaceAll('""', '"').trim() : trimmed
  })
}

/** A first line of column names rather than values; only `job_id,user_id` is accepted. */
function isHeader(fields: readonly string[]): boolean {
  return fields.some((field) => COLUMNS.includes(field.toLowerCase() as (typeof COLUMNS)[number]))
    ? fields.every((field) => HEADER_WORD.test(field))
    : false
}

function reasonAgainst(fields: readonly string[]): string | null {
  if (fields.length !== COLUMNS.length) {
    return `expected ${COLUMNS.length} columns (${COLUMNS.join(',')}), found ${fields.length}`
  }

  const [jobId = '', userId = ''] = fields
  if (jobId === '') return 'job_id is empty'
  if (!isJobId(jobId)) return 'job_id is not a UUID'
  const owner = OwnerIdSchema.safeParse(userId)
  return owner.success ? null : (owner.error.issues[0]?.message ?? 'user_id is not valid')
}

/**
 * Reads `job_id,user_id` lines, with or without that header line. A line that is not valid is
 * reported by its number and reason, never its content (it may hold an e-mail address); a header
 * naming other columns, or a file without a single line to apply, is refused as a whole.
 */
export function parseOwnerFile(text: string): OwnerFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const file: OwnerFile = { rows: [], invalid: [] }
  let first = true

  for (const [index, content] of lines.entries()) {
    if (content.trim() === '') continue
    const fields = fieldsOf(content)
    const line = index + 1

    if (first && isHeader(fields)) {
      first = false
      if (fields.map((field) => field.toLowerCase()).join(',') === COLUMNS.join(',')) continue
      throw new InfraError('owner_file_invalid', `line ${line}: the header must be job_id,user_id`)
    }
    first = false

    const reason = reasonAgainst(fields)
    if (reason === null) file.rows.push({ line, jobId: fields[0] ?? '', userId: fields[1] ?? '' })
    else file.invalid.push({ line, reason })
  }

  if (file.rows.length === 0 && file.invalid.length === 0) {
    throw new InfraError('owner_file_invalid', 'the file holds no job_id,user_id lines')
  }
  return file
}
