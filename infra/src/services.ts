import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { InfraError } from './errors.js'
import { SERVICE_ENTRIES, REPO_ROOT, tsxLoaderUrl } from './paths.js'
import type { ServiceName } from './paths.js'

/** Receives every line a service prints. */
export type OutputSink = (service: ServiceName, line: string) => void

export type ServiceExit = { service: ServiceName; code: number | null; signal: string | null }

export type RunningService = {
  name: ServiceName
  url: string
  pid: number | undefined
  /** Settles when the process is gone, however it ended. */
  exited: Promise<ServiceExit>
  /** The last lines it printed, for error messages. */
  outputTail(): string
  stop(): Promise<void>
}

export type SpawnServiceOptions = {
  name: ServiceName
  url: string
  env: NodeJS.ProcessEnv
  output: OutputSink
}

const TAIL_LINES = 30
const STOP_GRACE_MS = 10_000
const HEALTH_POLL_MS = 200
const HEALTH_PROBE_TIMEOUT_MS = 2_000

/** Runs `node --import tsx apps/<service>/src/main.ts` from the repository root. */
export function spawnService(opts: SpawnServiceOptions): RunningService {
  // Its own process group: a terminal's Ctrl-C reaches the stack, which stops services in order.
  const child = spawn(process.execPath, ['--import', tsxLoaderUrl(), SERVICE_ENTRIES[opts.name]], {
    cwd: REPO_ROOT,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })

  const tail: string[] = []
  const collect = (line: string) => {
    tail.push(line)
    if (tail.length > TAIL_LINES) tail.shift()
    opts.output(opts.name, line)
  }
  for (const stream of [child.stdout, child.stderr]) {
    if (stream !== null) createInterface({ input: stream, crlfDelay: Infinity }).on('line', collect)
  }

  let gone = false
  const exited = new Promise<ServiceExit>((resolve) => {
    const done = (code: number | null, signal: string | null) => {
      gone = true
      process.off('exit', killOnExit)
      resolve({ service: opts.name, code, signal })
    }
    child.once('close', done)
    child.once('error', (error) => {
      collect(`could not start: ${error.message}`)
      if (child.pid === undefined) done(null, null)
    })
  })

  // A service outliving the stack would hold its port until killed by hand.
  // LIMITATION: a stack killed with SIGKILL runs no exit hook, so its detached services live on
  const killOnExit = () => {
    if (!gone) child.kill('SIGKILL')
  }
  process.on('exit', killOnExit)

  return {
    name: opts.name,
    url: opts.url,
    pid: child.pid,
    exited,
    outputTail: () => tail.join('\n'),
    stop: () => stopChild(child, exited, () => gone),
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, isGone: () => boolean) {
  if (isGone()) return

  child.kill('SIGTERM')
  const grace = new AbortController()
  const stopped = await Promise.race([
    exited.then(() => true),
    sleep(STOP_GRACE_MS, false, { signal: grace.signal }).catch(() => true),
  ])
  grace.abort()

  if (!stopped) {
    child.kill('SIGKILL')
    await exited
  }
}

/** Waits until GET /healthz answers 2xx; fails early, with its output, if the service exits. */
export async function waitUntilHealthy(service: RunningService, timeoutMs: number): Promise<void> {
  let exit: ServiceExit | undefined
  void service.exited.then((info) => (exit = info))
  const deadline = Date.now() + timeoutMs

  while (Date.now() < deadline) {
    if (exit !== undefined) {
      throw new InfraError(
        'service_start_failed',
        `${service.name} ${describeExit(exit)}; its output ended with:\n${service.outputTail()}`,
      )
    }
    if (await answersHealth(service.url)) return
    await Promise.race([service.exited, sleep(HEALTH_POLL_MS)])
  }

  throw new InfraError(
    'service_start_failed',
    `${service.name} did not answer ${service.url}/healthz within ${timeoutMs} ms; ` +
      `its output ended with:\n${service.outputTail()}`,
  )
}

export function describeExit(exit: ServiceExit): string {
  if (exit.signal !== null) return `was killed by ${exit.signal}`
  if (exit.code === null) return 'could not be started'
  return `exited with code ${exit.code}`
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, {
      signal: AbortSignal.timeout(HEALTH_PROBE_TIMEOUT_MS),
    })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}
