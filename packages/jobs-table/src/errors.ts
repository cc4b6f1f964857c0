export type JobsTableErrorCode =
  'session_not_found' | 'batch_conflict' | 'job_exists' | 'cursor_invalid' | 'lease_lost'

export class JobsTableError extends Error {
  readonly code: JobsTableErrorCode

  constructor(code: JobsTableErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'JobsTableError'
    this.code = code
  }
}

export function isJobsTableError(error: unknown, code?: JobsTableErrorCode): boolean {
  return error instanceof JobsTableError && (code === undefined || error.code === code)
}
