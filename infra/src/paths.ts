import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The repository this package lives in; commands work the same from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.data')

/** Where each service's entry point lives; each is run as TypeScript through tsx's loader. */
export const SERVICE_ENTRIES = {
  'analyze-service': join(REPO_ROOT, 'apps', 'analyze-service', 'src', 'main.ts'),
  'query-service': join(REPO_ROOT, 'apps', 'query-service', 'src', 'main.ts'),
  gateway: join(REPO_ROOT, 'apps', 'gateway', 'src', 'main.ts'),
} as const

export type ServiceName = keyof typeof SERVICE_ENTRIES

/** tsx's loader as the repository installs it, for `node --import <url>`. */
export function tsxLoaderUrl(): string {
  const require = createRequire(join(REPO_ROOT, 'package.json'))
  return pathToFileURL(require.resolve('tsx')).href
}
