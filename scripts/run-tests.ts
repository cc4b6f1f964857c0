// Runs every package's tests against one shared DynamoDB Local and one cognito-local, then
// prints the sum of the per-package tap summaries as the very last line.
import {
  DEMO_USERS,
  ensureUserPool,
  startCognitoLocal,
  startDynamoDbLocal,
} from '@proov/local-stack'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

type PackageResult = {
  passed: number
  failed: number
  summarised: boolean
  noTestFiles: boolean
  exitedWithError: boolean
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TURBO = join(ROOT, 'node_modules', '.bin', 'turbo')

const TASK_LINE = /^(\S+?):test: ?(.*)$/
const TASK_FAILED = /^(\S+?)#test: .*\bERROR\b.*\bexited \(\d+\)/
const TAP_SUMMARY = /^# \{ (.*) \}$/
const ANSI = /\x1b\[[0-9;]*m/g // eslint-disable-line no-control-regex

const dynamo = await startDynamoDbLocal({})
const cognitoDir = await mkdtemp(join(tmpdir(), 'proov-test-cognito-'))
const cognito = await startCognitoLocal({ dataDir: cognitoDir })

let turbo: { exitCode: number; output: string }
try {
  const pool = await ensureUserPool({
    endpoint: cognito.endpoint,
    poolName: 'proov-test',
    clientName: 'proov-test-web',
    users: DEMO_USERS,
  })

  turbo = await runTurbo({
    ...process.env,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    COGNITO_ENDPOINT: pool.endpoint,
    COGNITO_USER_POOL_ID: pool.userPoolId,
    COGNITO_CLIENT_IDS: pool.clientId,
    TURBO_TELEMETRY_DISABLED: '1',
  })
} finally {
  await Promise.all([dynamo.stop(), cognito.stop()])
  await rm(cognitoDir, { recursive: true, force: true })
}

const results = readResults(turbo.output)
let passed = 0
let failed = 0

console.log('\ntest results by package:')
for (const [name, result] of [...results].sort(([a], [b]) => a.localeCompare(b))) {
  const { failedCount, note } = judge(result)
  passed += result.passed
  failed += failedCount
  console.log(`  ${name}: ${result.passed} passed, ${failedCount} failed${note}`)
}

const explained = [...results.values()].some((result) => result.exitedWithError)
if (turbo.exitCode !== 0 && !explained) {
  console.log(`  turbo itself exited with ${turbo.exitCode}`)
  failed += 1
}

console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0

/** A tap that ended without its summary, or failed past it, counts as one failed test. */
function judge(result: PackageResult): { failedCount: number; note: string } {
  if (result.noTestFiles) return { failedCount: 0, note: ' (no test files)' }
  if (!result.exitedWithError) return { failedCount: result.failed, note: '' }
  if (!result.summarised) return { failedCount: 1, note: ' (tap ended without a summary)' }
  if (result.failed === 0) return { failedCount: 1, note: ' (exited with an error)' }
  return { failedCount: result.failed, note: '' }
}

function runTurbo(env: NodeJS.ProcessEnv): Promise<{ exitCode: number; output: string }> {
  const extraArgs = process.argv.slice(2)
  const args = ['run', 'test', '--continue=always', '--ui=stream', '--log-order=stream']
  if (process.stdout.isTTY) args.push('--color')
  // Each package's tap already runs one file per core; packages side by side on top of that
  // starve the shared emulators and turn slow starts into timeouts.
  if (!extraArgs.some((arg) => arg.startsWith('--concurrency'))) {
    args.push(`--concurrency=${Math.max(1, Math.floor(availableParallelism() / 2))}`)
  }

  const child = spawn(TURBO, [...args, ...extraArgs], {
    cwd: ROOT,
    env,
    stdio: ['inherit', 'pipe', 'pipe'],
  })

  // The terminal already delivers Ctrl-C to turbo; staying alive lets the emulators stop cleanly.
  const forward = (signal: NodeJS.Signals) => {
    if (signal === 'SIGTERM') child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)

  const chunks: string[] = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    process.stdout.write(chunk)
    chunks.push(chunk)
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    process.stderr.write(chunk)
    chunks.push(chunk)
  })

  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve({ exitCode: code ?? (signal === null ? 1 : 128), output: chunks.join('') })
    })
  })
}

function readResults(output: string): Map<string, PackageResult> {
  const results = new Map<string, PackageResult>()
  const resultOf = (name: string) => {
    let result = results.get(name)
    if (result === undefined) {
      result = {
        passed: 0,
        failed: 0,
        summarised: false,
        noTestFiles: false,
        exitedWithError: false,
      }
      results.set(name, result)
    }
    return result
  }

  for (const rawLine of output.split(/\r?\n/)) {
    const line = rawLine.replace(ANSI, '')

    const failure = TASK_FAILED.exec(line)
    if (failure?.[1] !== undefined) {
      resultOf(failure[1]).exitedWithError = true
      continue
    }

    const task = TASK_LINE.exec(line)
    if (task?.[1] === undefined) continue
    const result = resultOf(task[1])
    const text = task[2]?.trim() ?? ''

    if (text === 'No test files found') result.noTestFiles = true

    const summary = TAP_SUMMARY.exec(text)?.[1]
    if (summary !== undefined) {
      // Last summary wins: it is the one tap prints for the whole run of the package.
      const counts = countsOf(summary)
      result.passed = counts.pass ?? 0
      result.failed = counts.fail ?? 0
      result.summarised = true
    }
  }

  return results
}

/** `total: 3, pass: 2, fail: 1` → { total: 3, pass: 2, fail: 1 } */
function countsOf(summary: string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const pair of summary.split(',')) {
    const [key, value] = pair.split(':').map((part) => part.trim())
    if (key !== undefined && value !== undefined && /^\d+$/.test(value)) counts[key] = Number(value)
  }
  return counts
}
