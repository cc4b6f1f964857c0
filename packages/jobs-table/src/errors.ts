const CATALOGUE = {
  session_not_found: { statusCode: 404 },
  batch_conflict: { statusCode: 409 },
  job_exists: { statusCode: 409 },
  cursor_invalid: { statusCode: 400 },
  lease_lost: { statusCode: 409 },
  owner_already_set: { statusCode: 409 },
} as const satisfies Record<string, { statusCode: number }>

export type JobsTableErrorCode = keyof typeof CATALOGUE

/** Every error of the jobs table by stable code, with the HTTP status it answers as. */
export const jobsTableErrors: Readonly<typeof CATALOGUE> = CATALOGUE

export class JobsTableError extends Error {
  readonly code: JobsTableErrorCode
  readonly statusCode: number

  constructor(code: JobsTableErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'JobsTableError'
    this.code = code
    this.statusCode = CATALOGUE[code].statusCode
  }
}

export function isJobsTableError(error: unknown, code?: JobsTableErrorCode): boolean {
  return error instanceof JobsTableError && (code === undefined || error.code === code)
}
