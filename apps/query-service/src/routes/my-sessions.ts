import { ErrorResponseSchema, MySessionsResponseSchema, PageQuerySchema } from '@proov/domain'
import { sessionsOfOwner } from '@proov/domain'
import { listAllJobsByOwner } from '@proov/jobs-table'
import { ApiError } from '@proov/service-kit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { cursorQuery } from '../cursors.js'
import { SessionCursorSchema, pageOfSessions } from '../session-pages.js'
import type { SessionCursor } from '../session-pages.js'
import type { QueryRouteOptions } from './options.js'

/** GET /my-sessions: the caller's sessions (upload batches) with their job counts, newest first. */
export const mySessionsRoute: FastifyPluginAsyncZod<QueryRouteOptions> = async (app, options) => {
  const { jobsTable, cursors } = options

  app.get(
    '/my-sessions',
    {
      onRequest: app.authenticate,
      schema: {
        summary: 'The caller’s sessions, newest first',
        tags: ['sessions'],
        querystring: PageQuerySchema,
        response: {
          200: MySessionsResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query
      const userId = request.principal.user_id
      const binding = { user_id: userId, query: cursorQuery('GET /my-sessions') }
      const after = sessionCursorOf(cursors.decode(cursor, binding))

      // LIMITATION: each page reads all of the owner's jobs; summaries kept in the table come later
      const sessions = sessionsOfOwner(await listAllJobsByOwner(jobsTable, userId))
      const page = pageOfSessions(sessions, after, limit)

      return {
        sessions: page.sessions,
        next_cursor: page.last === null ? null : cursors.encode(page.last, binding),
      }
    },
  )
}

function sessionCursorOf(key: Record<string, unknown> | null): SessionCursor | null {
  if (key === null) return null

  const parsed = SessionCursorSchema.safeParse(key)
  if (!parsed.success) throw new ApiError('cursor_invalid', undefined, { cause: parsed.error })
  return parsed.data
}
