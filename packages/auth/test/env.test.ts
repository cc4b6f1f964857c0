import t from 'tap'
import { authOptionsFromEnv } from '../src/index.js'

const clientIds = { COGNITO_CLIENT_IDS: 'client-web' }

t.test('COGNITO_ISSUER is taken as it is', async (t) => {
  const options = authOptionsFromEnv({
    COGNITO_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
    COGNITO_USER_POOL_ID: 'ignored_pool',
    AWS_REGION: 'us-east-1',
    COGNITO_CLIENT_IDS: ' client-web , client-mobile ,',
    COGNITO_TOKEN_USE: 'any',
    COGNITO_CLOCK_TOLERANCE_SECONDS: '30',
  })

  t.same(options, {
    issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
    clientIds: ['client-web', 'client-mobile'],
    tokenUse: 'any',
    clockToleranceSeconds: 30,
  })
})

t.test('a local endpoint and a pool id make the issuer', async (t) => {
  const options = authOptionsFromEnv({
    COGNITO_ENDPOINT: 'http://127.0.0.1:9229//',
    COGNITO_USER_POOL_ID: 'local_abc',
    AWS_REGION: 'eu-west-1',
    ...clientIds,
  })

  t.equal(options.issuer, 'http://127.0.0.1:9229/local_abc', 'the endpoint wins over the region')
  t.equal(options.tokenUse, 'id')
  t.equal(options.clockToleranceSeconds, undefined, 'the plugin default applies')
})

t.test('a region and a pool id make the AWS issuer', async (t) => {
  const options = authOptionsFromEnv({
    AWS_REGION: 'eu-west-1',
    COGNITO_USER_POOL_ID: 'eu-west-1_abc',
    ...clientIds,
  })

  t.equal(options.issuer, 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc')
})

t.test('a missing or invalid variable is named in the error', async (t) => {
  const pool = { AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: 'eu-west-1_abc' }
  const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
    [{ ...clientIds }, /COGNITO_ISSUER/],
    [{ AWS_REGION: 'eu-west-1', ...clientIds }, /COGNITO_USER_POOL_ID/],
    [{ COGNITO_USER_POOL_ID: 'eu-west-1_abc', ...clientIds }, /AWS_REGION/],
    [{ ...pool, COGNITO_USER_POOL_ID: 'eu-west-1_abc/../x', ...clientIds }, /COGNITO_USER_POOL_ID/],
    [{ ...pool, AWS_REGION: 'eu-west-1.evil.example/', ...clientIds }, /AWS_REGION/],
    [{ COGNITO_ISSUER: 'not a url', ...clientIds }, /COGNITO_ISSUER/],
    [
      { COGNITO_ENDPOINT: 'localhost:9229', COGNITO_USER_POOL_ID: 'local_a', ...clientIds },
      /COGNITO_ENDPOINT/,
    ],
    [{ ...pool }, /COGNITO_CLIENT_IDS/],
    [{ ...pool, COGNITO_CLIENT_IDS: ' , ' }, /COGNITO_CLIENT_IDS/],
    [{ ...pool, ...clientIds, COGNITO_TOKEN_USE: 'refresh' }, /COGNITO_TOKEN_USE/],
    [{ ...pool, ...clientIds, COGNITO_CLOCK_TOLERANCE_SECONDS: '301' }, /COGNITO_CLOCK_TOLERANCE/],
    [{ ...pool, ...clientIds, COGNITO_CLOCK_TOLERANCE_SECONDS: '1.5' }, /COGNITO_CLOCK_TOLERANCE/],
    [{ ...pool, ...clientIds, COGNITO_CLOCK_TOLERANCE_SECONDS: '-1' }, /COGNITO_CLOCK_TOLERANCE/],
  ]

  for (const [env, variable] of cases) {
    t.throws(() => authOptionsFromEnv(env), { code: 'auth_config_invalid', message: variable })
  }
})
