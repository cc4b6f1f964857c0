import Fastify from 'fastify'
import t from 'tap'
import { cognitoAuth } from '../src/index.js'
import type { CognitoAuthOptions } from '../src/index.js'

const valid: CognitoAuthOptions = {
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
  clientIds: ['client-web'],
}

async function register(options: CognitoAuthOptions) {
  const app = Fastify()
  try {
    await app.register(cognitoAuth, options)
    await app.ready()
  } finally {
    await app.close()
  }
}

t.test('valid options register, with the defaults filled in', async (t) => {
  await t.resolves(register(valid))
  await t.resolves(register({ ...valid, tokenUse: 'any', clockToleranceSeconds: 300 }))
  await t.resolves(register({ ...valid, clockToleranceSeconds: 0 }))
  await t.resolves(register({ ...valid, issuer: 'http://127.0.0.1:9229/local_abc' }))
})

t.test('a clock tolerance outside whole seconds 0 to 300 fails registration', async (t) => {
  // A string stands for what a caller without types could pass.
  const outside = [-1, 1.5, 301, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]
  for (const clockToleranceSeconds of outside) {
    await t.rejects(
      register({ ...valid, clockToleranceSeconds }),
      { code: 'auth_config_invalid', message: /clockToleranceSeconds/ },
      `${clockToleranceSeconds}`,
    )
  }
})

t.test('an issuer that is not an exact pool URL fails registration', async (t) => {
  for (const issuer of [
    '',
    'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
    `${valid.issuer}/`,
    `${valid.issuer}?x=1`,
    'https://COGNITO-IDP.eu-west-1.amazonaws.com/eu-west-1_abc',
    'ftp://example.com/pool',
    'https://cognito-idp.eu-west-1.amazonaws.com',
  ]) {
    await t.rejects(register({ ...valid, issuer }), { code: 'auth_config_invalid' }, issuer)
  }
})

t.test('other invalid options fail registration', async (t) => {
  const cases: Array<[string, CognitoAuthOptions]> = [
    ['no client ids', { ...valid, clientIds: [] }],
    ['an empty client id', { ...valid, clientIds: [''] }],
    ['an unknown token use', { ...valid, tokenUse: 'refresh' as 'id' }],
    ['a negative cooldown', { ...valid, jwksCooldownMs: -1 }],
    ['a zero timeout', { ...valid, jwksTimeoutMs: 0 }],
  ]
  for (const [name, options] of cases) {
    await t.rejects(register(options), { code: 'auth_config_invalid' }, name)
  }
})
