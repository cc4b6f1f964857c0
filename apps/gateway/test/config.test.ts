import t from 'tap'
import { buildGateway, gatewaySettingsFromEnv } from '../src/index.js'

t.test('defaults to the services on their local ports', async (t) => {
  t.same(gatewaySettingsFromEnv({}), {
    host: '127.0.0.1',
    port: 3000,
    analyzeUrl: 'http://127.0.0.1:3001',
    queryUrl: 'http://127.0.0.1:3002',
  })
  t.match(
    gatewaySettingsFromEnv({
      PORT: '8080',
      ANALYZE_SERVICE_URL: 'http://analyze:3001',
      QUERY_SERVICE_URL: 'http://query:3002',
    }),
    { port: 8080, analyzeUrl: 'http://analyze:3001', queryUrl: 'http://query:3002' },
  )
  t.throws(() => gatewaySettingsFromEnv({ PORT: '99999' }), { code: 'config_invalid' })
})

t.test('an upstream is an http(s) origin, nothing more', async (t) => {
  const good = 'http://127.0.0.1:3002'
  for (const bad of ['', 'query:3002', 'ftp://x', 'http://x/api', 'http://x?a=1']) {
    await t.rejects(buildGateway({ analyzeUrl: bad, queryUrl: good, logger: false }), {
      code: 'config_invalid',
      message: /analyzeUrl/,
    })
  }

  const gateway = await buildGateway({ analyzeUrl: `${good}/`, queryUrl: good, logger: false })
  await gateway.close()
  t.pass('a trailing slash is only the origin')
})
