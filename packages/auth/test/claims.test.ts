import t from 'tap'
import { checkCognitoClaims, principalOf } from '../src/claims.js'

const rules = {
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
  clientIds: ['client-web'],
  tokenUse: 'any',
  clockToleranceSeconds: 5,
} as const

t.test('the principal takes the e-mail from id tokens only', async (t) => {
  const idToken = { sub: 's1', token_use: 'id', email: 'a@example.com' }
  const accessToken = { sub: 's1', token_use: 'access', email: 'a@example.com' }

  t.same(principalOf(idToken), { user_id: 's1', email: 'a@example.com', groups: [] })
  t.same(principalOf(accessToken), { user_id: 's1', email: null, groups: [] })
})

t.test('groups keep only strings', async (t) => {
  const claims = { sub: 's1', token_use: 'id', 'cognito:groups': ['operators', 7, null, 'ops'] }
  t.same(principalOf(claims).groups, ['operators', 'ops'])
  t.same(principalOf({ sub: 's1', 'cognito:groups': 'operators' }).groups, [])
})

t.test('claims are checked in order and the first broken rule is named', async (t) => {
  const base = { iss: rules.issuer, token_use: 'id', aud: 'client-web', sub: 's1' }

  t.doesNotThrow(() => checkCognitoClaims(base, rules))
  t.throws(() => checkCognitoClaims({ ...base, iss: undefined }, rules), {
    message: 'issuer_mismatch',
  })
  t.throws(() => checkCognitoClaims({ ...base, token_use: 'ID' }, rules), {
    message: 'token_use_mismatch',
  })
  t.throws(() => checkCognitoClaims({ ...base, aud: undefined, client_id: 'client-web' }, rules), {
    message: 'audience_mismatch',
  })
  t.throws(() => checkCognitoClaims({ ...base, token_use: 'access' }, rules), {
    message: 'client_id_mismatch',
  })
  t.throws(() => checkCognitoClaims({ ...base, sub: ['s1'] }, rules), { message: 'sub_missing' })
})

t.test('regression: an iat later than now plus the clock tolerance is rejected', async (t) => {
  const now = 1_700_000_000
  const base = { iss: rules.issuer, token_use: 'id', aud: 'client-web', sub: 's1' }
  const check = (iat: unknown) => () => checkCognitoClaims({ ...base, iat }, rules, now)

  t.doesNotThrow(check(undefined), 'Cognito always sets iat, but its absence is left to exp')
  t.doesNotThrow(check(now - 3600))
  t.doesNotThrow(check(now + 5), 'within the tolerance')
  t.throws(check(now + 6), { message: 'issued_at_invalid' })
  t.throws(check(now + 3600), { message: 'issued_at_invalid' })
  t.throws(check(String(now)), { message: 'issued_at_invalid' })
})
