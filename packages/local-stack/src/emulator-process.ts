import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { Socket, createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { LocalStackError } from './errors.js'

export type EmulatorHandle = {
  endpoint: string
  stop(): Promise<void>
  /** Lets this process exit while the emulator runs; the emulator is still killed on exit. */
  unref(): void
}

type ExitInfo = { code: number | null; signal: NodeJS.Signals | null; error?: Error }

const OUTPUT_TAIL_CHARS = 4000
const STOP_GRACE_MS = 10_000
const POLL_INTERVAL_MS = 200

// LIMITATION: the port is released before the emulator binds it; another process may take it.
export async function freePort(host?: string): Promise<number> {
  const server = createServer()
  server.listen(0, host)
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')

  if (address === null || typeof address === 'string') {
    throw new LocalStackError('emulator_start_failed', 'no free port could be found')
  }
  return address.port
}

export async function assertPortFree(port: number, host?: string): Promise<void> {
  const server = createServer()
  server.listen(port, host)

  try {
    await once(server, 'listening')
  } catch (error) {
    throw new LocalStackError('emulator_start_failed', `port ${port} is not available`, {
      cause: error,
    })
  }

  server.close()
  await once(server, 'close')
}

/**
 * Watches an emulator's process from spawn to exit: keeps the end of its output for error
 * messages, waits for it to answer, and stops it (also when this process exits first).
 */
export function superviseEmulator(name: string, child: ChildProcess) {
  let output = ''
  let exitInfo: ExitInfo | undefined

  const keepTail = (chunk: string) => {
    output = (output + chunk).slice(-OUTPUT_TAIL_CHARS)
  }
  child.stdout?.setEncoding('utf8').on('data', keepTail)
  child.stderr?.setEncoding('utf8').on('data', keepTail)

  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = { code, signal })))
    child.once('error', (error) => resolve((exitInfo = { code: null, signal: null, error })))
  })

  // An emulator outliving the process that started it would hold its port until killed by hand.
  // LIMITATION: a parent killed by a signal emits no 'exit', so its emulators are left running.
  const killOnExit = () => {
    if (exitInfo === undefined) child.kill('SIGTERM')
  }
  process.on('exit', killOnExit)

  const describeExit = (info: ExitInfo) => {
    const how = info.error?.message ?? `exited with ${info.signal ?? `code ${info.code}`}`
    const tail = output.trim()
    return `${name} ${how}${tail === '' ? '' : `; its output ended with:\n${tail}`}`
  }

  const stop = async () => {
    process.off('exit', killOnExit)
    if (exitInfo !== undefined) return

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

  const waitUntilReady = async (answers: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs

    while (Date.now() < deadline) {
      if (exitInfo !== undefined) {
        await stop()
        throw new LocalStackError('emulator_start_failed', describeExit(exitInfo), {
          cause: exitInfo.error,
        })
      }
      if (await answers().catch(() => false)) return
      await Promise.race([exited, sleep(POLL_INTERVAL_MS)])
    }

    await stop()
    throw new LocalStackError(
      'emulator_start_timeout',
      `${name} did not answer within ${timeoutMs} ms; its output ended with:\n${output.trim()}`,
    )
  }

  const handle = (endpoint: string): EmulatorHandle => ({
    endpoint,
    stop,
    unref() {
      child.unref()
      for (const stream of [child.stdin, child.stdout, child.stderr]) {
        if (stream instanceof Socket) stream.unref()
      }
    },
  })

  return { waitUntilReady, stop, handle }
}
