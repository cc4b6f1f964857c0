import t from 'tap'
import { DEFAULT_PORTS, stackSettingsFromEnv } from '../src/index.js'
import { DEFAULT_DATA_DIR } from '../src/paths.js'

t.test('defaults: the documented ports and .data at the repository root', async (t) => {
  const settings = stackSettingsFromEnv({})

  t.same(settings.ports, {
    gateway: 3000,
    analyze: 3001,
    query: 3002,
    dynamodb: 8000,
    cognito: 9229,
  })
  t.same(settings.ports, DEFAULT_PORTS)
  t.equal(settings.dataDir, DEFAULT_DATA_DIR)
  t.match(settings.dataDir, /\/\.data$/)
})

t.test('every port and the data folder can be moved by the environment', async (t) => {
  const settings = stackSettingsFromEnv(
    {
      GATEWAY_PORT: '4000',
      ANALYZE_PORT: '4001',
      QUERY_PORT: '4002',
      DYNAMODB_PORT: '4003',
      COGNITO_PORT: '4004',
      PROOV_DATA_DIR: 'elsewhere/data',
    },
    '/srv/proov',
  )

  t.same(settings.ports, {
    gateway: 4000,
    analyze: 4001,
    query: 4002,
    dynamodb: 4003,
    cognito: 4004,
  })
  t.equal(settings.dataDir, '/srv/proov/elsewhere/data', 'a relative folder is taken from cwd')
  t.equal(stackSettingsFromEnv({ PROOV_DATA_DIR: '/abs/data' }).dataDir, '/abs/data')
})

t.test('a malformed port is refused, naming the variable', async (t) => {
  for (const value of ['abc', '0', '65536', '80.5', '-1']) {
    t.throws(
      () => stackSettingsFromEnv({ QUERY_PORT: value }),
      { name: 'InfraError', code: 'setting_invalid', message: /: QUERY_PORT must be a port/ },
      `QUERY_PORT=${value}`,
    )
  }
})

t.test('two services on one port are refused before anything starts', async (t) => {
  t.throws(() => stackSettingsFromEnv({ GATEWAY_PORT: '8000' }), {
    name: 'InfraError',
    code: 'setting_invalid',
    message: /DYNAMODB_PORT and GATEWAY_PORT both name port 8000/,
  })
})
