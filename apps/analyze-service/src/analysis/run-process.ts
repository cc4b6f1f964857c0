import { spawn } from 'node:child_process'

import { AnalysisError } from './errors.js'

const DEFAULT_MAX_STDOUT_BYTES = 1024 * 1024
const STDERR_TAIL_CHARS = 8 * 1024
const MAX_LINE_CHARS = 64 * 1024

export interface RunProcessOptions {
  /** Name used in messages, e.g. `ffprobe`. */
  tool: string
  timeoutMs: number
  signal?: AbortSignal
  maxStdoutBytes?: number
  /** Receives stderr line by line, so long outputs are parsed without being kept. */
  onStderrLine?: (line: string) => void
}

export interface ProcessRun {
  exitCode: number | null
  exitSignal: NodeJS.Signals | null
  stdout: string
  stderrTail: string
}

/** What a tool printed before it failed; meant for logs, never for the person who uploaded. */
export class ToolProcessError extends Error {
  override readonly name = 'ToolProcessError'
  readonly tool: string
  readonly exitCode: number | null
  readonly exitSignal: NodeJS.Signals | null
  readonly stderrTail: string

  constructor(tool: string, run: Omit<ProcessRun, 'stdout'>, detail: string) {
    super(`${tool} ${detail}`)
    this.tool = tool
    this.exitCode = run.exitCode
    this.exitSignal = run.exitSignal
    this.stderrTail = run.stderrTail
  }
}

function createStderrReader(onLine: ((line: string) => void) | undefined) {
  let tail = ''
  let partial = ''

  const emit = (line: string) => {
    if (line.length > 0) onLine?.(line)
  }

  return {
    push(chunk: string) {
      tail = (tail + chunk).slice(-STDERR_TAIL_CHARS)
      const lines = (partial + chunk).split(/\r\n|\r|\n/)
      partial = lines.pop() ?? ''
      lines.forEach(emit)
      if (partial.length > MAX_LINE_CHARS) partial = partial.slice(-MAX_LINE_CHARS)
    },
    end() {
      emit(partial)
      partial = ''
      return tail
    },
  }
}

/**
 * Runs a binary with an argument array (never through a shell) and collects its output.
 * Resolves with the exit status whatever it is; rejects on abort (with the signal's reason),
 * timeout, a binary that cannot start, or more stdout than allowed.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessRun> {
  const { tool, timeoutMs, signal, onStderrLine } = options
  const maxStdoutBytes = options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT_BYTES

  if (signal?.aborted) return Promise.reject(signal.reason)

  return new Promise<ProcessRun>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    const stderr = createStderrReader(onStderrLine)
    const stdoutChunks: Buffer[] = []
    let stdoutBytes = 0
    let failure: (() => unknown) | undefined
    let stderrTail = ''
    const current = () => ({ exitCode: child.exitCode, exitSignal: child.signalCode, stderrTail })

    const stop = (reason: () => unknown) => {
      failure ??= reason
      child.kill('SIGKILL')
    }

    const onAbort = () => stop(() => signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })

    const timer = setTimeout(() => {
      stop(() => {
        const cause = new ToolProcessError(tool, current(), `timed out after ${timeoutMs} ms`)
        const seconds = Math.round(timeoutMs / 100) / 10
        return new AnalysisError('timeout', `${tool} did not finish within ${seconds} s`, {
          cause,
        })
      })
    }, timeoutMs)

    const cleanUp = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (stdoutBytes > maxStdoutBytes) {
        stop(() => {
          const cause = new ToolProcessError(tool, current(), `wrote over ${maxStdoutBytes} bytes`)
          return new AnalysisError('tool_failed', `${tool} produced more output than expected`, {
            cause,
          })
        })
        return
      }
      stdoutChunks.push(chunk)
    })

    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => stderr.push(chunk))

    child.once('error', (error) => {
      if (child.pid !== undefined) return
      cleanUp()
      reject(
        new AnalysisError('tool_unavailable', `${tool} could not be started`, { cause: error }),
      )
    })

    child.once('close', (exitCode, exitSignal) => {
      cleanUp()
      stderrTail = stderr.end()
      if (failure) {
        reject(failure())
        return
      }
      resolve({
        exitCode,
        exitSignal,
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
        stderrTail,
      })
    })
  })
}
