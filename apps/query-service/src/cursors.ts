import { decodeCursor, encodeCursor, isJobsTableError } from '@proov/jobs-table'
import type { CursorBinding, Item } from '@proov/jobs-table'
import { ApiError } from '@proov/service-kit'

export interface Cursors {
  /** The next page's cursor; null when nothing follows. */
  encode(key: Item | null, binding: CursorBinding): string | null
  /** The key a cursor continues from; null for the first page. Throws 400 `cursor_invalid`. */
  decode(cursor: string | undefined, binding: CursorBinding): Item | null
}

/**
 * The query a cursor is bound to: the route and its filters in a fixed order, so a cursor only
 * continues the listing it came from.
 */
export function cursorQuery(route: string, filters: Record<string, string | undefined> = {}) {
  const given = Object.entries(filters).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  )
  given.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `${route}?${new URLSearchParams(given).toString()}`
}

export function createCursors(secret: string): Cursors {
  return {
    encode(key, binding) {
      return key === null ? null : encodeCursor(key, binding, secret)
    },

    decode(cursor, binding) {
      if (cursor === undefined) return null

      try {
        return decodeCursor(cursor, binding, secret)
      } catch (error) {
        if (isJobsTableError(error, 'cursor_invalid')) {
          throw new ApiError('cursor_invalid', undefined, { cause: error })
        }
        throw error
      }
    },
  }
}
