import { isAbsolute, resolve } from 'node:path'
import { InfraError } from './errors.js'
import { DEFAULT_DATA_DIR } from './paths.js'

export type StackPorts = {
  gateway: number
  analyze: number
  query: number
  dynamodb: number
  cognito: number
}

export const DEFAULT_PORTS: StackPorts = {
  gateway: 3000,
  analyze: 3001,
  query: 3002,
  dynamodb: 8000,
  cognito: 9229,
}

export const PORT_VARIABLES: Record<keyof StackPorts, string> = {
  gateway: 'GATEWAY_PORT',
  analyze: 'ANALYZE_PORT',
  query: 'QUERY_PORT',
  dynamodb: 'DYNAMODB_PORT',
  cognito: 'COGNITO_PORT',
}

export const PORT_LABELS: Record<keyof StackPorts, string> = {
  gateway: 'gateway',
  analyze: 'analyze-service',
  query: 'query-service',
  dynamodb: 'DynamoDB Local',
  cognito: 'cognito-local',
}

export type StackSettings = { dataDir: string; ports: StackPorts }

function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback

  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN
  if (!(port >= 1 && port <= 65535)) {
    throw new InfraError('setting_invalid', `${name} must be a port number from 1 to 65535`)
  }
  return port
}

/** Ports from GATEWAY_PORT and friends, the data folder from PROOV_DATA_DIR. */
export function stackSettingsFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): StackSettings {
  const ports = { ...DEFAULT_PORTS }
  for (const key of Object.keys(ports) as (keyof StackPorts)[]) {
    ports[key] = portFromEnv(env, PORT_VARIABLES[key], DEFAULT_PORTS[key])
  }

  const seen = new Map<number, string>()
  for (const key of Object.keys(ports) as (keyof StackPorts)[]) {
    const other = seen.get(ports[key])
    if (other !== undefined) {
      throw new InfraError(
        'setting_invalid',
        `${PORT_VARIABLES[key]} and ${other} both name port ${ports[key]}`,
      )
    }
    seen.set(ports[key], PORT_VARIABLES[key])
  }

  const given = env.PROOV_DATA_DIR?.trim()
  const dataDir = given ? (isAbsolute(given) ? given : resolve(cwd, given)) : DEFAULT_DATA_DIR
  return { dataDir, ports }
}
