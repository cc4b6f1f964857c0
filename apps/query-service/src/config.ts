import { LegacyReadPolicySchema } from '@proov/domain'
import type { ReadRules } from '@proov/domain'
import { QueryServiceError } from './errors.js'

export const DEFAULT_PORT = 3002
export const MIN_CURSOR_SECRET_LENGTH = 16

export interface QueryServiceSettings {
  host: string
  port: number
  cursorSecret: string
  readRules: ReadRules
}

function valueOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function portOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT

  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN
  if (!(port >= 0 && port <= 65535)) {
    throw new QueryServiceError('config_invalid', 'PORT must be a port number')
  }
  return port
}

/** The service's own settings (the table and Cognito have theirs); fails naming the variable. */
export function queryServiceSettingsFromEnv(env: NodeJS.ProcessEnv): QueryServiceSettings {
  const cursorSecret = valueOf(env, 'CURSOR_SECRET')
  if (cursorSecret === undefined || cursorSecret.length < MIN_CURSOR_SECRET_LENGTH) {
    throw new QueryServiceError(
      'config_invalid',
      `CURSOR_SECRET must be set, at least ${MIN_CURSOR_SECRET_LENGTH} characters`,
    )
  }

  const policy = LegacyReadPolicySchema.safeParse(valueOf(env, 'LEGACY_READ_POLICY') ?? 'open')
  if (!policy.success) {
    throw new QueryServiceError('config_invalid', 'LEGACY_READ_POLICY must be open, admins or none')
  }

  return {
    host: valueOf(env, 'HOST') ?? '127.0.0.1',
    port: portOf(valueOf(env, 'PORT')),
    cursorSecret,
    readRules: {
      legacyPolicy: policy.data,
      operatorGroup: valueOf(env, 'OPERATOR_GROUP') ?? 'operators',
    },
  }
}
