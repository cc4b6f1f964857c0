const CATALOGUE = {
  port_in_use: { statusCode: 409, message: 'a port the stack needs is taken' },
  setting_invalid: { statusCode: 400, message: 'a stack setting is not valid' },
  service_start_failed: { statusCode: 503, message: 'a service did not start' },
  service_exited: { statusCode: 502, message: 'a service stopped unexpectedly' },
  stack_not_running: { statusCode: 503, message: 'the local stack is not running' },
  unknown_demo_user: { statusCode: 404, message: 'there is no such demo user' },
  gateway_request_failed: { statusCode: 502, message: 'a request to the gateway failed' },
  migration_failed: { statusCode: 500, message: 'the table migration did not finish' },
  owner_file_invalid: { statusCode: 400, message: 'the owner file cannot be read' },
} as const satisfies Record<string, { statusCode: number; message: string }>

export type InfraErrorCode = keyof typeof CATALOGUE

export class InfraError extends Error {
  override readonly name = 'InfraError'
  readonly code: InfraErrorCode
  readonly statusCode: number

  constructor(code: InfraErrorCode, detail?: string, options?: ErrorOptions) {
    const { message, statusCode } = CATALOGUE[code]
    super(detail === undefined ? message : `${message}: ${detail}`, options)
    this.code = code
    this.statusCode = statusCode
  }
}

export function isInfraError(error: unknown, code?: InfraErrorCode): error is InfraError {
  return error instanceof InfraError && (code === undefined || error.code === code)
}
