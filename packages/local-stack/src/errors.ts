const CATALOGUE = {
  emulator_start_failed: { statusCode: 503, message: 'the emulator could not start' },
  emulator_start_timeout: { statusCode: 504, message: 'the emulator did not answer in time' },
  user_pool_setup_failed: { statusCode: 502, message: 'the user pool could not be set up' },
  sign_in_rejected: { statusCode: 401, message: 'the sign-in was rejected' },
  sign_in_incomplete: { statusCode: 502, message: 'the sign-in ended without tokens' },
} as const satisfies Record<string, { statusCode: number; message: string }>

export type LocalStackErrorCode = keyof typeof CATALOGUE

export class LocalStackError extends Error {
  override readonly name = 'LocalStackError'
  readonly code: LocalStackErrorCode
  readonly statusCode: number

  constructor(code: LocalStackErrorCode, detail?: string, options?: ErrorOptions) {
    const { message, statusCode } = CATALOGUE[code]
    super(detail === undefined ? message : `${message}: ${detail}`, options)
    this.code = code
    this.statusCode = statusCode
  }
}

export function isLocalStackError(
  error: unknown,
  code?: LocalStackErrorCode,
): error is LocalStackError {
  return error instanceof LocalStackError && (code === undefined || error.code === code)
}
