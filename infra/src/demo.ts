// `pnpm demo`: runs the end-to-end demo against the stack `pnpm start` runs.
import { dataLayout, readStackFile } from './data-dir.js'
import { runDemo } from './demo/run-demo.js'
import { stackSettingsFromEnv } from './settings.js'
import { idTokenFromStack } from './tokens.js'

try {
  const stack = await readStackFile(dataLayout(stackSettingsFromEnv(process.env).dataDir))
  console.log(`demo: against ${stack.gatewayUrl}`)

  const report = await runDemo({
    gatewayUrl: stack.gatewayUrl,
    tokenFor: (user) => idTokenFromStack(stack, user),
    log: (line) => console.log(line),
  })

  const failed = report.checks.filter((check) => !check.passed).length
  console.log(
    report.passed
      ? `demo: PASS, all ${report.checks.length} checks held`
      : `demo: FAIL, ${failed} of ${report.checks.length} checks did not hold`,
  )
  process.exitCode = report.passed ? 0 : 1
} catch (error) {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
