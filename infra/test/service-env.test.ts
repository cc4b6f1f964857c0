import t from 'tap'
import { serviceEnv, serviceUrl } from '../src/index.js'
import type { StackWiring } from '../src/index.js'

const wiring: StackWiring = {
  host: '127.0.0.1',
  ports: { gateway: 4000, analyze: 4001, query: 4002 },
  dynamodbEndpoint: 'http://127.0.0.1:4003',
  region: 'us-east-1',
  tableName: 'proov_jobs_x',
  cognitoEndpoint: 'http://127.0.0.1:4004',
  userPoolId: 'local_pool',
  issuer: 'http://127.0.0.1:4004/local_pool',
  clientId: 'client-1',
  cursorSecret: 's'.repeat(43),
  videoStoreDir: '/data/videos',
}

t.test('each service gets its own port and the same wiring', async (t) => {
  const analyze = serviceEnv('analyze-service', wiring, {})
  const query = serviceEnv('query-service', wiring, {})
  const gateway = serviceEnv('gateway', wiring, {})

  t.equal(analyze.PORT, '4001')
  t.equal(query.PORT, '4002')
  t.equal(gateway.PORT, '4000')
  t.match(gateway, {
    HOST: '127.0.0.1',
    ANALYZE_SERVICE_URL: 'http://127.0.0.1:4001',
    QUERY_SERVICE_URL: 'http://127.0.0.1:4002',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:4003',
    AWS_REGION: 'us-east-1',
    JOBS_TABLE: 'proov_jobs_x',
    COGNITO_ENDPOINT: 'http://127.0.0.1:4004',
    COGNITO_USER_POOL_ID: 'local_pool',
    COGNITO_ISSUER: 'http://127.0.0.1:4004/local_pool',
    COGNITO_CLIENT_IDS: 'client-1',
    COGNITO_TOKEN_USE: 'id',
    VIDEO_STORE_DIR: '/data/videos',
  })
  t.equal(query.CURSOR_SECRET, wiring.cursorSecret, 'every query-service signs alike')
  t.equal(serviceUrl(wiring, 'gateway'), 'http://127.0.0.1:4000')
})

t.test('the shell keeps its say on the rest, but cannot rewire the stack', async (t) => {
  const env = serviceEnv('query-service', wiring, {
    PATH: '/usr/bin',
    LOG_LEVEL: 'debug',
    JOBS_TABLE: 'someone_elses_table',
    COGNITO_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x',
    NODE_OPTIONS: '--import=some-test-loader',
  })

  t.equal(env.PATH, '/usr/bin')
  t.equal(env.LOG_LEVEL, 'debug')
  t.equal(env.JOBS_TABLE, 'proov_jobs_x')
  t.equal(env.COGNITO_ISSUER, wiring.issuer)
  t.notOk('NODE_OPTIONS' in env, "a test runner's loaders stay out of the services")
})
