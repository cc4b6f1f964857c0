import type { ReadRules } from '@proov/domain'
import type { JobsTableContext } from '@proov/jobs-table'
import type { Cursors } from '../cursors.js'

/** What every route of the query service reads with. */
export interface QueryRouteOptions {
  jobsTable: JobsTableContext
  cursors: Cursors
  readRules: ReadRules
}
