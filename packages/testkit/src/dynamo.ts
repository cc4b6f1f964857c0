import { emulatorClientConfig, startDynamoDbLocal } from '@proov/local-stack'
import type { EmulatorClientConfig } from '@proov/local-stack'
import { randomBytes } from 'node:crypto'

let started: Promise<string> | undefined

/**
 * The DynamoDB endpoint tests talk to: the shared one from DYNAMODB_ENDPOINT when the test run
 * provides it, else an in-memory DynamoDB Local for this process, gone when the process exits.
 */
export function dynamoEndpoint(): Promise<string> {
  const shared = process.env.DYNAMODB_ENDPOINT
  if (shared !== undefined && shared !== '') return Promise.resolve(shared)

  started ??= startDynamoDbLocal({}).then(
    (dynamo) => {
      dynamo.unref()
      return dynamo.endpoint
    },
    (error: unknown) => {
      started = undefined
      throw error
    },
  )
  return started
}

export function dynamoClientConfig(endpoint: string): EmulatorClientConfig {
  return emulatorClientConfig(endpoint)
}

/** A table name no other test file uses, so tests can share one DynamoDB Local. */
export function uniqueTableName(prefix = 'proov_jobs_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`
}
