import { resolve } from 'node:path'
import { authOptionsFromEnv } from '@proov/auth'
import type { CognitoAuthOptions } from '@proov/auth'
import { jobsTableSettingsFromEnv } from '@proov/jobs-table'
import type { JobsTableSettings } from '@proov/jobs-table'
import { binariesFromEnv } from './analysis/index.js'
import type { AnalysisBinaries } from './analysis/index.js'

export interface WorkerSettings {
  enabled: boolean
  concurrency: number
  pollMs: number
  leaseSeconds: number
  maxAttempts: number
}

export interface AnalyzeConfig {
  host: string
  port: number
  auth: CognitoAuthOptions
  jobsTable: JobsTableSettings
  videoStoreDir: string
  videoBucket: string
  maxFileBytes: number
  maxFilesPerRequest: number
  binaries: AnalysisBinaries
  worker: WorkerSettings
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback

  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`)
  return value
}

export function analyzeConfigFromEnv(env: NodeJS.ProcessEnv): AnalyzeConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: positiveInt(env, 'PORT', 3001),
    auth: authOptionsFromEnv(env),
    jobsTable: jobsTableSettingsFromEnv(env),
    videoStoreDir: resolve(env.VIDEO_STORE_DIR || '.data/videos'),
    videoBucket: env.VIDEO_BUCKET || 'local',
    maxFileBytes: positiveInt(env, 'MAX_FILE_BYTES', 2 * 1024 ** 3),
    maxFilesPerRequest: positiveInt(env, 'MAX_FILES_PER_REQUEST', 20),
    binaries: binariesFromEnv(env),
    worker: {
      enabled: env.WORKER_ENABLED !== 'false',
      concurrency: positiveInt(env, 'WORKER_CONCURRENCY', 2),
      pollMs: positiveInt(env, 'WORKER_POLL_MS', 500),
      leaseSeconds: positiveInt(env, 'WORKER_LEASE_SECONDS', 60),
      maxAttempts: positiveInt(env, 'WORKER_MAX_ATTEMPTS', 3),
    },
  }
}
