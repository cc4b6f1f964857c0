import t from 'tap'
import { queryServiceSettingsFromEnv } from '../src/config.js'

const SECRET = 'a-cursor-secret-long-enough'

t.test('defaults for everything but the cursor secret', async (t) => {
  t.same(queryServiceSettingsFromEnv({ CURSOR_SECRET: SECRET }), {
    host: '127.0.0.1',
    port: 3002,
    cursorSecret: SECRET,
    readRules: { legacyPolicy: 'open', operatorGroup: 'operators' },
  })
})

t.test('reads every variable it names', async (t) => {
  const settings = queryServiceSettingsFromEnv({
    CURSOR_SECRET: SECRET,
    HOST: '0.0.0.0',
    PORT: '8080',
    LEGACY_READ_POLICY: 'admins',
    OPERATOR_GROUP: 'support',
  })
  t.same(settings, {
    host: '0.0.0.0',
    port: 8080,
    cursorSecret: SECRET,
    readRules: { legacyPolicy: 'admins', operatorGroup: 'support' },
  })
})

t.test('fails at start naming the variable to fix', async (t) => {
  const cases = [
    [{}, /CURSOR_SECRET/],
    [{ CURSOR_SECRET: 'short' }, /CURSOR_SECRET/],
    [{ CURSOR_SECRET: SECRET, LEGACY_READ_POLICY: 'everyone' }, /LEGACY_READ_POLICY/],
    [{ CURSOR_SECRET: SECRET, PORT: '70000' }, /PORT/],
    [{ CURSOR_SECRET: SECRET, PORT: 'http' }, /PORT/],
  ] as const
  for (const [env, message] of cases) {
    t.throws(() => queryServiceSettingsFromEnv(env), { code: 'config_invalid', message })
  }
})
