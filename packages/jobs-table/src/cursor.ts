import { createHmac, timingSafeEqual } from 'node:crypto'
import { JobsTableError } from './errors.js'
import type { Item } from './items.js'

/**
 * Cursors carry DynamoDB's LastEvaluatedKey, signed and bound to the caller and the query, so a
 * cursor replayed by another user, for another query, or altered in any way is refused.
 */
export interface CursorBinding {
  user_id: string
  query: string
}

function signature(secret: string, binding: CursorBinding, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${binding.user_id}\n${binding.query}\n${payload}`)
    .digest()
}

export function encodeCursor(key: Item, binding: CursorBinding, secret: string): string {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url')
  const mac = signature(secret, binding, payload).toString('base64url')
  return `${payload}.${mac}`
}

export function decodeCursor(cursor: string, binding: CursorBinding, secret: string): Item {
  const [payload, mac, extra] = cursor.split('.')
  if (payload === undefined || mac === undefined || extra !== undefined) throw invalid()

  const expected = signature(secret, binding, payload)
  const given = Buffer.from(mac, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()

  try {
    const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid()
    return key as Item
  } catch (error) {
    throw invalid(error)
  }
}

function invalid(cause?: unknown): JobsTableError {
  return new JobsTableError('cursor_invalid', 'the cursor is not valid for this request', { cause })
}
