import type { CreateTableCommandInput, GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb'

export const DEFAULT_JOBS_TABLE = 'proov_jobs'

/** The old system's index: a user's jobs by creation time (epoch seconds, a Number). */
export const OWNER_INDEX = 'user_id-created_at-index'
/** A session's jobs in upload order. */
export const SESSION_INDEX = 'session_id-created_at-index'
/** Sparse: only jobs waiting for a worker, or held under a lease, carry `work_queue`. */
export const QUEUE_INDEX = 'work_queue-due_at-index'

export const WORK_QUEUE_PENDING = 'pending'

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
]

export function createJobsTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'job_id', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'job_id', AttributeType: 'S' },
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'created_at', AttributeType: 'N' },
      { AttributeName: 'session_id', AttributeType: 'S' },
      { AttributeName: 'work_queue', AttributeType: 'S' },
      { AttributeName: 'due_at', AttributeType: 'N' },
    ],
    GlobalSecondaryIndexes: [...JOBS_TABLE_INDEXES],
  }
}
