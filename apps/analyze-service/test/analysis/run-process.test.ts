import { join } from 'node:path'

import t from 'tap'

import { binariesFromEnv } from '../../src/analysis/binaries.js'
import { AnalysisError } from '../../src/analysis/errors.js'
import { runProcess, ToolProcessError } from '../../src/analysis/run-process.js'

const { ffmpegPath } = binariesFromEnv()

// Reads a synthetic source at real-time speed, so it runs until stopped.
const endless = [
  '-hide_banner',
  '-nostdin',
  '-re',
  '-f',
  'lavfi',
  '-i',
  'testsrc',
  '-f',
  'null',
  '-',
]

t.test('resolves with exit code, stdout and stderr lines', async (t) => {
  const lines: string[] = []

  const run = await runProcess(ffmpegPath, ['-hide_banner', '-version'], {
    tool: 'ffmpeg',
    timeoutMs: 10_000,
    onStderrLine: (line) => lines.push(line),
  })

  t.equal(run.exitCode, 0)
  t.match(run.stdout, /^ffmpeg version/)

  const failed = await runProcess(ffmpegPath, ['-hide_banner', '-no-such-option'], {
    tool: 'ffmpeg',
    timeoutMs: 10_000,
    onStderrLine: (line) => lines.push(line),
  })

  t.not(failed.exitCode, 0)
  t.match(failed.stderrTail, /no-such-option/)
  t.ok(
    lines.some((line) => line.includes('no-such-option')),
    'stderr arrives line by line',
  )
})

t.test('abort kills the process and rejects with the signal reason', async (t) => {
  const controller = new AbortController()
  const startedAt = Date.now()
  setTimeout(() => controller.abort(), 300)

  await t.rejects(
    runProcess(ffmpegPath, endless, {
      tool: 'ffmpeg',
      timeoutMs: 60_000,
      signal: controller.signal,
    }),
    { name: 'AbortError' },
  )
  t.ok(Date.now() - startedAt < 5000, 'stopped soon after the abort')
})

t.test('an already aborted signal starts nothing', async (t) => {
  const reason = new Error('shutting down')

  await t.rejects(
    runProcess(ffmpegPath, endless, {
      tool: 'ffmpeg',
      timeoutMs: 60_000,
      signal: AbortSignal.abort(reason),
    }),
    reason,
  )
})

t.test('a run past its timeout is killed and rejects with timeout', async (t) => {
  const error = await runProcess(ffmpegPath, endless, { tool: 'ffmpeg', timeoutMs: 300 }).catch(
    (error: unknown) => error,
  )

  t.ok(error instanceof AnalysisError)
  t.match(error, {
    code: 'timeout',
    retryable: true,
    message: 'ffmpeg did not finish within 0.3 s',
  })
  t.ok((error as AnalysisError).cause instanceof ToolProcessError)
  t.equal(((error as AnalysisError).cause as ToolProcessError).exitSignal, 'SIGKILL')
})

t.test('stdout beyond the limit stops the run', async (t) => {
  const rawVideo = ['-hide_banner', '-f', 'lavfi', '-i', 'testsrc', '-f', 'rawvideo', '-']

  await t.rejects(
    runProcess(ffmpegPath, rawVideo, { tool: 'ffmpeg', timeoutMs: 60_000, maxStdoutBytes: 4096 }),
    { code: 'tool_failed', message: 'ffmpeg produced more output than expected' },
  )
})

t.test('a binary that does not exist rejects with tool_unavailable', async (t) => {
  const error = await runProcess(join(t.testdir(), 'ffmpeg'), ['-version'], {
    tool: 'ffmpeg',
    timeoutMs: 10_000,
  }).catch((error: unknown) => error)

  t.match(error, { code: 'tool_unavailable', retryable: false })
  t.match((error as AnalysisError).cause, { code: 'ENOENT' })
})
