const CATALOGUE = {
  upstream_unavailable: {
    statusCode: 502,
    message: 'The service behind the gateway is unavailable',
  },
  upstream_timeout: {
    statusCode: 504,
    message: 'The service behind the gateway did not answer in time',
  },
  config_invalid: { statusCode: 500, message: 'The gateway configuration is invalid' },
} as const satisfies Record<string, { statusCode: number; message: string }>

export type GatewayErrorCode = keyof typeof CATALOGUE

/** Every error the gateway raises itself, by stable code; the services answer everything else. */
export const gatewayErrors: Readonly<typeof CATALOGUE> = CATALOGUE

export class GatewayError extends Error {
  override readonly name = 'GatewayError'
  readonly code: GatewayErrorCode
  readonly statusCode: number

  constructor(code: GatewayErrorCode, detail?: string, options?: ErrorOptions) {
    const { message, statusCode } = CATALOGUE[code]
    super(detail === undefined ? message : `${message}: ${detail}`, options)
    this.code = code
    this.statusCode = statusCode
  }
}
