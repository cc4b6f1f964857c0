// `./dev start` (`pnpm start`): the whole stack on this machine, until Ctrl-C.
import { DEMO_USERS } from '@proov/local-stack'
import { once } from 'node:events'
import { prefixedOutput } from './output.js'
import { stackSettingsFromEnv } from './settings.js'
import { startStack } from './stack.js'
import type { LocalStack } from './stack.js'

// A terminal's Ctrl-C reaches every process of the group and wrappers relay it once more, so
// only a signal well after the first one means "stop at once".
const REPEAT_WINDOW_MS = 1000

const interrupt = new AbortController()
let firstSignalAt = 0

function onSignal(signal: NodeJS.Signals) {
  if (interrupt.signal.aborted) {
    if (Date.now() - firstSignalAt < REPEAT_WINDOW_MS) return
    console.error(`stack: ${signal} again, stopping at once`)
    // The exit hooks still kill the services and the emulators.
    process.exit(130)
  }
  firstSignalAt = Date.now()
  console.log(`stack: ${signal}, stopping`)
  interrupt.abort(new Error(`stopped by ${signal}`))
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

let stack: LocalStack
try {
  stack = await startStack({
    ...stackSettingsFromEnv(process.env),
    output: prefixedOutput(),
    progress: (message) => console.log(`stack: ${message}`),
    signal: interrupt.signal,
  })
} catch (error) {
  if (interrupt.signal.aborted) {
    console.log('stack: stopped before it was up')
    process.exit(0)
  }
  console.error(`stack: could not start: ${messageOf(error)}`)
  process.exit(1)
}

printWelcome(stack)

const failure = await Promise.race([once(interrupt.signal, 'abort').then(() => null), stack.failed])
if (failure !== null) console.error(`stack: ${failure.message}\nstack: stopping everything`)

await stack.stop()
console.log('stack: stopped')
process.exit(failure === null ? 0 : 1)

function printWelcome(running: LocalStack) {
  const names = DEMO_USERS.map((user) => user.name).join(', ')
  const lines = [
    '',
    `proov is running at ${running.gatewayUrl}`,
    `  data folder   ${running.layout.root}`,
    `  demo users    ${names}`,
    `  a token       TOKEN=$(./dev token alice)`,
    `  try it        curl -H "Authorization: Bearer $TOKEN" ${running.gatewayUrl}/my-sessions`,
    `  the demo      ./dev demo   (in another terminal)`,
    `  stop          Ctrl-C`,
    '',
  ]
  console.log(lines.join('\n'))
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
