const CATALOGUE = {
  auth_required: { statusCode: 401, message: 'Authentication is required' },
  invalid_token: { statusCode: 401, message: 'The token is not valid' },
  auth_unavailable: { statusCode: 503, message: 'Authentication is temporarily unavailable' },
  auth_config_invalid: { statusCode: 500, message: 'The authentication configuration is invalid' },
} as const satisfies Record<string, { statusCode: number; message: string }>

export type AuthErrorCode = keyof typeof CATALOGUE

/** The error catalogue: every error this package raises, by stable code. */
export const authErrors: Readonly<typeof CATALOGUE> = CATALOGUE

export class AuthError extends Error {
  override readonly name = 'AuthError'
  readonly code: AuthErrorCode
  readonly statusCode: number

  /** `detail` is for configuration errors: why a token was refused never reaches the caller. */
  constructor(code: AuthErrorCode, detail?: string, options?: ErrorOptions) {
    const { message, statusCode } = CATALOGUE[code]
    super(detail === undefined ? message : `${message}: ${detail}`, options)
    this.code = code
    this.statusCode = statusCode
  }
}

export function isAuthError(error: unknown, code?: AuthErrorCode): error is AuthError {
  return error instanceof AuthError && (code === undefined || error.code === code)
}

export type RejectionReason =
  | 'algorithm_not_allowed'
  | 'kid_missing'
  | 'kid_unknown'
  | 'issuer_mismatch'
  | 'token_use_mismatch'
  | 'audience_mismatch'
  | 'client_id_mismatch'
  | 'sub_missing'
  | 'issued_at_invalid'
  | 'bearer_malformed'

/** Why a token was refused; logged, never answered. */
export class TokenRejection extends Error {
  override readonly name = 'TokenRejection'
  readonly reason: RejectionReason

  constructor(reason: RejectionReason) {
    super(reason)
    this.reason = reason
  }
}
