import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { DEFAULT_JOBS_TABLE } from './table.js'

export interface JobsTableSettings {
  tableName: string
  /** DynamoDB Local (or another emulator); unset means AWS with the default credential chain. */
  endpoint: string | undefined
  region: string
}

export interface JobsTableContext {
  client: DynamoDBDocumentClient
  tableName: string
}

export function jobsTableSettingsFromEnv(env: NodeJS.ProcessEnv): JobsTableSettings {
  return {
    tableName: env.JOBS_TABLE || DEFAULT_JOBS_TABLE,
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || 'us-east-1',
  }
}

export function createJobsTableContext(settings: JobsTableSettings): JobsTableContext {
  // The emulator accepts any credentials; real AWS uses the default provider chain.
  const credentials =
    settings.endpoint === undefined ? undefined : { accessKeyId: 'local', secretAccessKey: 'local' }
  const base = new DynamoDBClient({
    region: settings.region,
    endpoint: settings.endpoint,
    credentials,
    maxAttempts: 3,
  })
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  })

  return { client, tableName: settings.tableName }
}
