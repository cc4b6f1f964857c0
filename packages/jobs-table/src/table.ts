import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  ScalarAttributeType,
} from '@aws-sdk/client-dynamodb'

export const DEFAULT_JOBS_TABLE = 'proov_jobs'

/** The old system's index: a user's jobs by creation time (epoch seconds, a Number). */
export const OWNER_INDEX = 'user_id-created_at-index'
/** A session's jobs in upload order. */
export const SESSION_INDEX = 'session_id-created_at-index'
/** Sparse: only jobs waiting for a worker, or held under a lease, carry `work_queue`. */
export const QUEUE_INDEX = 'work_queue-due_at-index'

/**
 * Sparse: only ownerless jobs of the old system carry `legacy_unowned`, set by the migration and
 * removed when an owner is assigned. Its sort key is set with it, from the job's creation time, its
 * last update or 0, so that every ownerless job has one, including those that lack `created_at`.
 */
export const LEGACY_INDEX = 'legacy_unowned-legacy_created_at-index'

export const WORK_QUEUE_PENDING = 'pending'
// LIMITATION: one index partition takes every mark, so a huge legacy backfill is throttled there
/** The one value of `legacy_unowned`: all ownerless jobs share one partition of the index. */
export const LEGACY_UNOWNED = 'unowned'

export const JOBS_TABLE_INDEXES: readonly GlobalSecondaryIndex[] = [
  {
    IndexName: OWNER_INDEX,
    KeySchema: [
      { AttributeName: 'user_id', KeyType: 'HASH' },
      { AttributeName: 'created_at', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
  {
    IndexName: SESSION_INDEX,
    KeySchema: [
      { AttributeName: 'session_id', KeyType: 'HASH' },
      { AttributeName: 'created_at', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
  {
    IndexName: QUEUE_INDEX,
    KeySchema: [
      { AttributeName: 'work_queue', KeyType: 'HASH' },
      { AttributeName: 'due_at', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' },
  },
  {
    IndexName: LEGACY_INDEX,
    KeySchema: [
      { AttributeName: 'legacy_unowned', KeyType: 'HASH' },
      { AttributeName: 'legacy_created_at', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
]

/** The type of every attribute a key of the table or of an index is made of. */
export const KEY_ATTRIBUTE_TYPES: Readonly<Record<string, ScalarAttributeType>> = {
  job_id: 'S',
  user_id: 'S',
  created_at: 'N',
  session_id: 'S',
  work_queue: 'S',
  due_at: 'N',
  legacy_unowned: 'S',
  legacy_created_at: 'N',
}

/** The attribute definitions an index's keys need. */
export function indexAttributeDefinitions(index: GlobalSecondaryIndex): AttributeDefinition[] {
  return (index.KeySchema ?? []).map(({ AttributeName: name }) => ({
    AttributeName: name,
    AttributeType: KEY_ATTRIBUTE_TYPES[name ?? ''],
  }))
}

export function createJobsTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'job_id', KeyType: 'HASH' }],
    AttributeDefinitions: Object.entries(KEY_ATTRIBUTE_TYPES).map(([name, type]) => ({
      AttributeName: name,
      AttributeType: type,
    })),
    GlobalSecondaryIndexes: [...JOBS_TABLE_INDEXES],
  }
}
