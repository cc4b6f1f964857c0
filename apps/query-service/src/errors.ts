const CATALOGUE = {
  config_invalid: { statusCode: 500, message: 'The query service configuration is invalid' },
} as const satisfies Record<string, { statusCode: number; message: string }>

export type QueryServiceErrorCode = keyof typeof CATALOGUE

/** Errors of the query service itself; request errors are service-kit's `ApiError`. */
export const queryServiceErrors: Readonly<typeof CATALOGUE> = CATALOGUE

export class QueryServiceError extends Error {
  override readonly name = 'QueryServiceError'
  readonly code: QueryServiceErrorCode
  readonly statusCode: number

  constructor(code: QueryServiceErrorCode, detail?: string, options?: ErrorOptions) {
    const { message, statusCode } = CATALOGUE[code]
    super(detail === undefined ? message : `${message}: ${detail}`, options)
    this.code = code
    this.statusCode = statusCode
  }
}
