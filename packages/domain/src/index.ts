export {
  JOB_STATUSES,
  JobStatusSchema,
  SESSION_STATUSES,
  SessionStatusSchema,
  TERMINAL_JOB_STATUSES,
  isTerminalStatus,
  parseJobStatus,
} from './statuses.js'
export type { JobStatus, SessionStatus } from './statuses.js'
export { DEFAULT_TOOL, TOOLS, ToolSchema } from './tools.js'
export type { Tool } from './tools.js'
export { isJobId, newJobId } from './ids.js'
export { JobSchema, JobViewSchema, VideoRefSchema, sessionIdOf, toJobView } from './job.js'
export type { Job, JobView, VideoRef } from './job.js'
export { epochSecondsOf, normalizeJobItem } from './legacy.js'
export {
  LEGACY_READ_POLICIES,
  LegacyReadPolicySchema,
  canReadJob,
  isLegacyJob,
  isOperator,
  isOwnedBy,
} from './ownership.js'
export type { Caller, LegacyReadPolicy, ReadRules } from './ownership.js'
export { isKeyOwnedBy, ownerPrefix, safeFileName, uploadKey } from './storage-keys.js'
export {
  SessionSummarySchema,
  batchLabel,
  planBatch,
  sessionStatusOf,
  summarizeSession,
} from './session.js'
export type { BatchPlanInput, PlannedVideo, SessionRef, SessionSummary } from './session.js'
export { legacySessionCount, sessionsOfOwner } from './owner-sessions.js'
export {
  AnalyzeJsonBodySchema,
  AnalyzeResponseSchema,
  CursorSchema,
  ErrorResponseSchema,
  JobIdParamsSchema,
  JobStatusBodySchema,
  JobStatusEntrySchema,
  JobStatusResponseSchema,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  ListLimitSchema,
  MAX_VIDEOS_PER_BATCH,
  MyJobsQuerySchema,
  MyJobsResponseSchema,
  MySessionsResponseSchema,
  PageQuerySchema,
  SessionIdParamsSchema,
  SessionJobsResponseSchema,
  VideoInputSchema,
} from './api.js'
export type { AnalyzeJsonBody, AnalyzeResponse } from './api.js'
export {
  AssignOwnerBodySchema,
  LegacyJobsResponseSchema,
  OperatorJobViewSchema,
  OwnerIdSchema,
  UserIdParamsSchema,
  UserJobsResponseSchema,
  ownerAssignment,
  toOperatorJobView,
} from './operator.js'
export type { OperatorJobView, OwnerAssignment } from './operator.js'
