import { GatewayError } from './errors.js'

export const DEFAULT_PORT = 3000

export interface GatewaySettings {
  host: string
  port: number
  analyzeUrl: string
  queryUrl: string
}

function valueOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function portOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT

  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN
  if (!(port >= 0 && port <= 65535)) throw new GatewayError('config_invalid', 'PORT must be a port')
  return port
}

/** The gateway's settings; the upstream URLs default to the services' local ports. */
export function gatewaySettingsFromEnv(env: NodeJS.ProcessEnv): GatewaySettings {
  return {
    host: valueOf(env, 'HOST') ?? '127.0.0.1',
    port: portOf(valueOf(env, 'PORT')),
    analyzeUrl: valueOf(env, 'ANALYZE_SERVICE_URL') ?? 'http://127.0.0.1:3001',
    queryUrl: valueOf(env, 'QUERY_SERVICE_URL') ?? 'http://127.0.0.1:3002',
  }
}
