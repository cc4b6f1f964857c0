import { spawn } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { LocalStackError } from './errors.js'
import { assertPortFree, freePort, superviseEmulator } from './emulator-process.js'
import type { EmulatorHandle } from './emulator-process.js'

export type StartCognitoLocalOptions = {
  /** 0 or absent picks a free port. */
  port?: number
  /** cognito-local keeps its pools, clients and users in `<dataDir>/.cognito`. */
  dataDir: string
  host?: string
  /** How long to wait for the first answer; 30 s when absent. */
  startTimeoutMs?: number
}

const DEFAULT_HOST = '127.0.0.1'
const DEFAULT_START_TIMEOUT_MS = 30_000
const PROBE_TIMEOUT_MS = 5_000

const require = createRequire(import.meta.url)

export async function startCognitoLocal(opts: StartCognitoLocalOptions): Promise<EmulatorHandle> {
  const host = opts.host ?? DEFAULT_HOST
  if (host.includes(':')) {
    // cognito-local writes the host into `iss` unbracketed, which no URL parser accepts.
    throw new LocalStackError('emulator_start_failed', 'cognito-local needs a name or IPv4 host')
  }

  const port = opts.port || (await freePort(host))
  if (opts.port) await assertPortFree(port, host)

  const dataDir = resolve(opts.dataDir)
  await mkdir(dataDir, { recursive: true })

  // cognito-local stamps tokens with iss = http://<HOST>:<PORT>/<pool id>, taken from these two
  // variables rather than from the bound address, so the endpoint is built from the same values.
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: host, PORT: String(port) }
  // Test-runner loaders have no business in the emulator, and its debug logs print user names.
  delete env.NODE_OPTIONS
  delete env.DEBUG

  const child = spawn(process.execPath, [await cognitoLocalBin()], {
    cwd: dataDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const emulator = superviseEmulator('cognito-local', child)
  const endpoint = `http://${host}:${port}`

  await emulator.waitUntilReady(
    () => answersHealth(endpoint),
    opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
  )

  return emulator.handle(endpoint)
}

async function cognitoLocalBin(): Promise<string> {
  const manifestPath = require.resolve('cognito-local/package.json')
  const manifest: { bin?: unknown } = JSON.parse(await readFile(manifestPath, 'utf8'))

  if (typeof manifest.bin !== 'string') {
    throw new LocalStackError(
      'emulator_start_failed',
      'cognito-local declares no single executable',
    )
  }
  return join(dirname(manifestPath), manifest.bin)
}

async function answersHealth(endpoint: string): Promise<boolean> {
  const response = await fetch(`${endpoint}/health`, {
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  })
  await response.body?.cancel()
  return response.ok
}
