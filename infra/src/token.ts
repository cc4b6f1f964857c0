// `pnpm -s token <alice|bob|e-mail>`: prints a demo user's ID token and nothing else.
import { dataLayout } from './data-dir.js'
import { stackSettingsFromEnv } from './settings.js'
import { idTokenForDemoUser } from './tokens.js'

const who = process.argv[2]
if (who === undefined || who === '') {
  console.error('usage: ./dev token <alice|bob|carol|olga>')
  process.exit(2)
}

try {
  const { dataDir } = stackSettingsFromEnv(process.env)
  process.stdout.write(`${await idTokenForDemoUser(dataLayout(dataDir), who)}\n`)
} catch (error) {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
