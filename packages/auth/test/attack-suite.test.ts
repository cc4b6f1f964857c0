import { X509Certificate, generateKeyPairSync, randomUUID } from 'node:crypto'
import t from 'tap'
import type { Test } from 'tap'
import {
  CLIENT_ID,
  POOL_ID,
  accessClaims,
  bearer,
  buildApp,
  encodeSegment,
  idClaims,
  newPoolKey,
  signToken,
  startJwksServer,
  unsignedToken,
} from './fixtures/cognito-pool.js'
import type { AuthApp, Claims, JwksServer, PoolKey } from './fixtures/cognito-pool.js'
import { send, tryAttack } from './fixtures/attack-runner.js'
import type { Attack, Attempt, Rejection } from './fixtures/attack-runner.js'
import { hmacForgery, keyForgery, selfSignedCertificate } from './fixtures/forged-tokens.js'

/*
 * Each known way to get a forged, foreign or broken token past the plugin, tried on a protected
 * route. Choices the rows pin:
 * - An `iat` later than now plus the clock tolerance is refused: Cognito tokens carry no `nbf`,
 *   so `iat` is where their validity starts.
 * - The scheme is read in any case and may be followed by several spaces (RFC 9110 §11.1, RFC
 *   6750 §2.1). Anything after it but exactly one token is an invalid token; no Bearer
 *   credentials at all (none, another scheme, a tab after `Bearer`) ask for authentication.
 * - Only the first Authorization field counts, as Node keeps only that one. The query string and
 *   cookies never carry a token.
 */

type Route = 'id' | 'access' | 'flood'

interface RoutedAttack extends Attack {
  /** The app answering: one taking id tokens (default), one taking access tokens, or one kept
   * apart for the key id flood so that its JWKS fetches can be counted. */
  route?: Route
}

interface Arena {
  issuer: string
  idKey: PoolKey
  accessKey: PoolKey
  attacker: PoolKey
  /** A genuine self-signed certificate for the attacker key, base64 DER as `x5c` holds it. */
  attackerCertificate: string
  attackerSite: JwksServer
  floodJwks: JwksServer
  apps: Record<Route, AuthApp>
}

async function openArena(t: Test): Promise<Arena> {
  const idKey = newPoolKey('id-key')
  const accessKey = newPoolKey('access-key')
  const jwks = await startJwksServer(t, [idKey, accessKey])
  const floodJwks = await startJwksServer(t, [idKey, accessKey])
  const attacker = newPoolKey('attacker-key')
  const attackerSite = await startJwksServer(t, [attacker])
  const clientIds = [CLIENT_ID]

  return {
    issuer: jwks.issuer,
    idKey,
    accessKey,
    attacker,
    attackerCertificate: selfSignedCertificate(attacker.publicKey, attacker.privateKey, 'attacker'),
    attackerSite,
    floodJwks,
    apps: {
      id: await buildApp(t, { issuer: jwks.issuer, clientIds }),
      access: await buildApp(t, { issuer: jwks.issuer, clientIds, tokenUse: 'access' }),
      flood: await buildApp(t, { issuer: floodJwks.issuer, clientIds, jwksCooldownMs: 60_000 }),
    },
  }
}

function attacksOn(arena: Arena): RoutedAttack[] {
  const { issuer, idKey, accessKey, attacker, attackerSite, floodJwks } = arena
  const now = Math.floor(Date.now() / 1000)
  const claims = idClaims(issuer)
  const valid = signToken(idKey, claims)
  const [head = '', body = '', signature = ''] = valid.split('.')
  const id = (overrides: Claims) => signToken(idKey, idClaims(issuer, overrides))
  const access = (overrides: Claims) => signToken(accessKey, accessClaims(issuer, overrides))
  const poolKid = { kid: idKey.kid }
  const forged = keyForgery('RS256', attacker.privateKey, poolKid, { ...claims, sub: 'mallory' })
  const byAttacker = (header: Claims, payload = claims) => signToken(attacker, payload, header)
  const segment = (text: string) => Buffer.from(text).toString('base64url')
  const withAlg = (alg: string | undefined, sig: string) =>
    `${encodeSegment({ alg, ...poolKid })}.${body}.${sig}`
  const attackerClaims = idClaims(attackerSite.issuer)
  const base64Signature = Buffer.from(signature, 'base64url').toString('base64')
  const nested = segment('['.repeat(50_000) + ']'.repeat(50_000))
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
  const edKey = generateKeyPairSync('ed25519').privateKey

  const pem = (type: 'spki' | 'pkcs1') => idKey.publicKey.export({ format: 'pem', type }).toString()
  const { n = '' } = idKey.publicKey.export({ format: 'jwk' })
  const jku = `${attackerSite.issuer}/.well-known/jwks.json`
  const x5u = `${attackerSite.issuer}/cert.pem`
  const jwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: attacker.kid }
  const x5c = [arena.attackerCertificate]
  const attackerSiteUntouched = () =>
    attackerSite.paths.length === 0 ? undefined : `asked ${attackerSite.paths.join(' ')}`

  const token = (name: string, value: string, more: Partial<RoutedAttack> = {}): RoutedAttack => ({
    name,
    attempts: [bearer(value)],
    expect: 'invalid_token',
    ...more,
  })
  const request = (name: string, attempt: Attempt, expect: Rejection = 'invalid_token') => ({
    name,
    attempts: [attempt],
    expect,
  })
  const withoutCredentials = (name: string, attempt: Attempt) =>
    request(name, attempt, 'auth_required')
  const onAccessRoute = { route: 'access' } as const
  const fast = { withinMs: 1_000 }
  const fromAttackerKeys = (name: string, value: string) =>
    token(name, value, { after: attackerSiteUntouched })
  const lookalike = (what: string, iss: string) => token(`iss lookalike, ${what}`, id({ iss }))

  return [
    token('alg none, no signature', unsignedToken(idKey.kid, claims)),
    token('alg none, with a signature', withAlg('none', signature)),
    token('alg None', withAlg('None', '')),
    token('alg NONE', withAlg('NONE', '')),
    token('alg missing', withAlg(undefined, signature)),
    ...(['HS256', 'HS384', 'HS512'] as const).flatMap((alg) => [
      token(`${alg} keyed with the public key PEM`, hmacForgery(alg, pem('spki'), poolKid, claims)),
      token(`${alg} keyed with the JWK's n`, hmacForgery(alg, n, poolKid, claims)),
    ]),
    token('HS256 keyed with the PKCS#1 PEM', hmacForgery('HS256', pem('pkcs1'), poolKid, claims)),
    token('RS384 by the pool key', keyForgery('RS384', idKey.privateKey, poolKid, claims)),
    token('RS512 by the pool key', keyForgery('RS512', idKey.privateKey, poolKid, claims)),
    token('PS256 by the pool key', keyForgery('PS256', idKey.privateKey, poolKid, claims)),
    token('ES256', keyForgery('ES256', ecKey, poolKid, claims)),
    token('EdDSA', keyForgery('EdDSA', edKey, poolKid, claims)),
    token('an existing kid, signed by an attacker key', forged),
    token('an existing kid, signed by another pool key', signToken(accessKey, claims, poolKid)),
    token('an unknown crit extension', signToken(idKey, claims, { crit: ['x-a'], 'x-a': 1 })),

    token('expired beyond the clock tolerance', id({ exp: now - 60 })),
    token('exp missing', id({ exp: undefined })),
    token('exp as a string', id({ exp: String(now + 3600) })),
    token('nbf beyond the clock tolerance', id({ nbf: now + 60 })),
    token('iat an hour ahead', id({ iat: now + 3600, exp: now + 7200 })),
    token('iat as a string', id({ iat: String(now) })),

    lookalike('a prefix of the issuer', issuer.slice(0, -1)),
    lookalike('a prefix added', `x${issuer}`),
    lookalike('a suffix added', `${issuer}1`),
    lookalike('a trailing slash', `${issuer}/`),
    lookalike('the pool id in another case', issuer.replace(POOL_ID, POOL_ID.toUpperCase())),
    lookalike('the scheme in another case', issuer.replace('http:', 'HTTP:')),
    lookalike('another port', attackerSite.issuer),
    lookalike('https for http', issuer.replace('http:', 'https:')),
    lookalike('localhost for 127.0.0.1', issuer.replace('127.0.0.1', 'localhost')),
    lookalike('user info', issuer.replace('//', '//pool@')),
    lookalike('an added path', `${issuer}/extra`),
    lookalike('a path before the pool id', issuer.replace(`/${POOL_ID}`, `/extra/${POOL_ID}`)),
    lookalike('dot segments', issuer.replace(`/${POOL_ID}`, `/extra/../${POOL_ID}`)),
    lookalike(
      'a percent-encoded pool id',
      issuer.replace(`/${POOL_ID}`, `/%6C${POOL_ID.slice(1)}`),
    ),
    lookalike('a query', `${issuer}?x=1`),
    lookalike('a fragment', `${issuer}#x`),
    lookalike('a trailing space', `${issuer} `),
    lookalike('a trailing NUL', `${issuer}\u0000`),
    token('iss as an array holding the issuer', id({ iss: [issuer] })),
    token('iss null', id({ iss: null })),
    token('iss missing', id({ iss: undefined })),

    token('aud of another client', id({ aud: 'client-other' })),
    token('aud as an array holding only the client', id({ aud: [CLIENT_ID] })),
    token('aud as an array with another client', id({ aud: [CLIENT_ID, 'client-other'] })),
    token('aud missing, client_id in its place', id({ aud: undefined, client_id: CLIENT_ID })),
    token('access token, client_id of another client', access({ client_id: 'c2' }), onAccessRoute),
    token(
      'access token, aud for client_id',
      access({ client_id: undefined, aud: CLIENT_ID }),
      onAccessRoute,
    ),
    token('an access token where id tokens are taken', access({})),
    token('an id token where access tokens are taken', valid, onAccessRoute),
    token('token_use missing on an id token', id({ token_use: undefined })),
    token('token_use missing on an access token', access({ token_use: undefined }), onAccessRoute),
    token('token_use in another case', id({ token_use: 'ID' })),
    token('sub missing', id({ sub: undefined })),
    token('sub empty', id({ sub: '' })),
    token('sub a number', id({ sub: 7 })),
    token('sub an array', id({ sub: ['sub-alice'] })),
    token('sub an object', id({ sub: { id: 'sub-alice' } })),
    token('sub null', id({ sub: null })),

    fromAttackerKeys('jku to the attacker JWKS', byAttacker({ jku })),
    fromAttackerKeys('x5u to the attacker certificate', byAttacker({ x5u })),
    fromAttackerKeys('jwk embedding the attacker key', byAttacker({ jwk })),
    fromAttackerKeys('x5c holding the attacker certificate', byAttacker({ x5c })),
    fromAttackerKeys(
      'jku, x5u, jwk and x5c under the pool kid',
      byAttacker({ ...poolKid, jku, x5u, jwk, x5c }),
    ),
    fromAttackerKeys('iss and jku of the attacker pool', byAttacker({ jku }, attackerClaims)),
    token('kid with path traversal', byAttacker({ kid: '../../../../etc/passwd' })),
    token('kid of 64 KB', byAttacker({ kid: 'k'.repeat(65_536) })),
    token('kid as a number', byAttacker({ kid: 7 })),
    token('kid as an object', byAttacker({ kid: { $ne: '' } })),
    token('kid empty', byAttacker({ kid: '' })),
    token('kid __proto__', byAttacker({ kid: '__proto__' })),
    token('kid missing', byAttacker({ kid: undefined })),
    {
      name: 'a flood of 200 random kids',
      route: 'flood',
      wave: 20,
      attempts: Array.from({ length: 200 }, () =>
        bearer(signToken(attacker, idClaims(floodJwks.issuer), { kid: randomUUID() })),
      ),
      expect: 'invalid_token',
      after: () =>
        floodJwks.fetches() === 1 ? undefined : `${floodJwks.fetches()} JWKS fetches in a cooldown`,
    },

    token('an extra segment', `${valid}.${signature}`),
    token('five segments, shaped as a JWE', `${valid}.${signature}.${signature}`),
    token('two segments', `${head}.${body}`),
    token('a trailing dot', `${valid}.`),
    token('a leading dot', `.${valid}`),
    token('the signature cut off', `${head}.${body}.`),
    token('the pool signature in standard base64', `${head}.${body}.${base64Signature}`),
    token('padding after the header', `${head}==.${body}.${signature}`),
    token('characters outside base64url', `${head}.${body}.${signature.slice(0, -4)}*!%~`),
    token('a non-ASCII character', `${head}.${body}é.${signature}`),
    token('a payload that is not JSON', `${head}.${segment('{"sub":')}.${signature}`),
    token('a payload that is a JSON array', `${head}.${encodeSegment([claims])}.${signature}`),
    token('a header that is JSON null', `${segment('null')}.${body}.${signature}`),
    token('50 000 nested arrays as the header', `${nested}.${body}.${signature}`, fast),
    // Over HTTP, Node answers 431 to a header this size; inject hands it to the plugin.
    token('a 100 KB header', byAttacker({ ...poolKid, pad: 'x'.repeat(100_000) }), fast),
    token('100 KB of junk', 'a'.repeat(100_000), fast),

    request('a lowercase scheme before a forged token', { authorization: `bearer ${forged}` }),
    request('an uppercase scheme before a forged token', { authorization: `BEARER ${forged}` }),
    request('two spaces before a forged token', { authorization: `Bearer  ${forged}` }),
    request('a forged token, then a valid one', { authorization: `Bearer ${forged} ${valid}` }),
    request('a valid token, then a forged one', { authorization: `Bearer ${valid} ${forged}` }),
    request('two tokens joined by a comma', { authorization: `Bearer ${valid},${forged}` }),
    request('two credentials, as a proxy joins them', {
      authorization: `Bearer ${forged}, Bearer ${valid}`,
    }),
    request('two Authorization fields, the forged first', {
      authorization: [`Bearer ${forged}`, `Bearer ${valid}`],
    }),
    withoutCredentials('no Authorization', {}),
    withoutCredentials('the scheme alone', { authorization: 'Bearer  ' }),
    withoutCredentials('another scheme', { authorization: `Basic ${valid}` }),
    withoutCredentials('a token without a scheme', { authorization: valid }),
    withoutCredentials('the scheme run into the token', { authorization: `Bearer${valid}` }),
    withoutCredentials('a tab after the scheme', { authorization: `Bearer\t${valid}` }),
    withoutCredentials('a valid access_token in the query', { url: `/me?access_token=${valid}` }),
    withoutCredentials('a valid id_token in the query', { url: `/me?id_token=${valid}` }),
    withoutCredentials('a valid token in a cookie', { cookie: `token=${valid}` }),
    request('a forged bearer token, a valid one in the query', {
      authorization: `Bearer ${forged}`,
      url: `/me?access_token=${valid}`,
    }),
  ]
}

t.test('jwt attack suite', async (t) => {
  const arena = await openArena(t)
  const { apps, issuer, idKey, accessKey } = arena
  const valid = await send(apps.id, bearer(signToken(idKey, idClaims(issuer))))
  const validAccess = await send(apps.access, bearer(signToken(accessKey, accessClaims(issuer))))
  t.equal(valid.statusCode, 200, 'a genuine id token passes, so rejections below mean something')
  t.equal(validAccess.statusCode, 200, 'a genuine access token passes on the access route')
  const certificate = new X509Certificate(Buffer.from(arena.attackerCertificate, 'base64'))
  t.ok(certificate.verify(arena.attacker.publicKey), 'the x5c certificate is genuine')

  const attacks = attacksOn(arena)
  let accepted = 0
  for (const attack of attacks) {
    const outcome = await tryAttack(arena.apps[attack.route ?? 'id'], attack)
    if (outcome.accepted) accepted++
    t.same(outcome.failures, [], `${attack.name}: ${attack.expect}`)
  }

  const rejected = attacks.length - accepted
  t.comment(
    `jwt attack suite: ${attacks.length} attacks tried, ${rejected} rejected, ${accepted} accepted`,
  )
  t.equal(accepted, 0, 'no attack was accepted')
  t.same(arena.attackerSite.paths, [], 'the attacker site got no request')
})

t.test('the bearer spellings RFC 6750 allows carry a valid token', async (t) => {
  const key = newPoolKey('pool-key')
  const jwks = await startJwksServer(t, [key])
  const { app } = await buildApp(t, { issuer: jwks.issuer, clientIds: [CLIENT_ID] })
  const token = signToken(key, idClaims(jwks.issuer))

  for (const authorization of [
    `Bearer ${token}`,
    `bearer ${token}`,
    `BEARER ${token}`,
    `Bearer   ${token}`,
    `Bearer ${token}  `,
  ]) {
    const answer = await app.inject({ method: 'GET', url: '/me', headers: { authorization } })
    t.equal(answer.statusCode, 200, authorization.replace(token, '<token>'))
  }
})
