import type { GarbageKind } from './probes.js'
import { memberOf } from './world.js'
import type { World } from './world.js'

function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?')
}

function jwtPart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An Authorization header no stack may accept; the real tokens it is built from stay inside. */
export function garbageAuthorization(world: World, kind: GarbageKind, text: string): string {
  const alice = memberOf(world, 'alice')
  const bob = memberOf(world, 'bob')
  const [header = '', payload = '', signature = ''] = alice.token.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object

  switch (kind) {
    case 'random':
      return `Bearer ${headerSafe(text)}`
    case 'alg-none':
      return `Bearer ${jwtPart({ alg: 'none', typ: 'JWT' })}.${jwtPart(claims)}.`
    case 'swapped-sub':
      return `Bearer ${header}.${jwtPart({ ...claims, sub: bob.userId })}.${signature}`
    case 'cut-signature':
      return `Bearer ${header}.${payload}.${signature.slice(0, -4)}`
    case 'not-bearer':
      return `Basic ${Buffer.from(`alice:${headerSafe(text)}`).toString('base64')}`
    case 'empty-bearer':
      return 'Bearer '
    case 'two-bearers':
      return `Bearer ${alice.token} Bearer ${bob.token}`
  }
}
