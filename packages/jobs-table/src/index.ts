export { ensureJobsTable, pingJobsTable } from './admin.js'
export { batchTransactionInput, createBatch, findOwnedSession } from './batches.js'
export type { CreateBatchInput, CreatedBatch } from './batches.js'
export { createJobsTableContext, jobsTableSettingsFromEnv } from './client.js'
export type { JobsTableContext, JobsTableSettings } from './client.js'
export { decodeCursor, encodeCursor } from './cursor.js'
export type { CursorBinding } from './cursor.js'
export { JobsTableError, isJobsTableError, jobsTableErrors } from './errors.js'
export type { JobsTableErrorCode } from './errors.js'
export { BOOKKEEPING_ATTRIBUTES, ownerCounterKey, toJobItem } from './items.js'
export type { Item } from './items.js'
export {
  LEGACY_MARKER_ATTRIBUTES,
  assignOwner,
  assignOwnerInput,
  legacyMarkerInput,
  legacyOrderOf,
  listLegacyJobs,
} from './legacy-jobs.js'
export type {
  AssignOwnerInput,
  LegacyMarkerChange,
  LegacyPageQuery,
  OwnerAssignmentOutcome,
} from './legacy-jobs.js'
export {
  getJob,
  getJobs,
  lastJobOfSession,
  listAllJobsByOwner,
  listJobsByOwner,
  listJobsBySession,
} from './reads.js'
export type { OwnerPageQuery, Page, SessionPageQuery } from './reads.js'
export {
  DEFAULT_JOBS_TABLE,
  JOBS_TABLE_INDEXES,
  KEY_ATTRIBUTE_TYPES,
  LEGACY_INDEX,
  LEGACY_UNOWNED,
  OWNER_INDEX,
  QUEUE_INDEX,
  SESSION_INDEX,
  WORK_QUEUE_PENDING,
  createJobsTableInput,
  indexAttributeDefinitions,
} from './table.js'
export {
  claimJobInput,
  claimNextJob,
  extendLease,
  finishJob,
  finishJobInput,
} from './work-queue.js'
export type { ClaimInput, JobOutcome } from './work-queue.js'
