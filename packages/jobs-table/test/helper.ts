import { DeleteTableCommand } from '@aws-sdk/client-dynamodb'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { dynamoEndpoint, uniqueTableName } from '@proov/testkit'
import legacyFixture from '@proov/domain/fixtures/legacy-jobs.json' with { type: 'json' }
import type { Test } from 'tap'
import { createJobsTableContext, ensureJobsTable } from '../src/index.js'
import type { JobsTableContext } from '../src/index.js'

/** A fresh jobs table in DynamoDB Local for one test, deleted when the test ends. */
export async function build(t: Test): Promise<JobsTableContext> {
  const endpoint = await dynamoEndpoint()
  const ctx = createJobsTableContext({ tableName: uniqueTableName(), endpoint, region: 'local' })
  await ensureJobsTable(ctx)
  t.teardown(async () => {
    await ctx.client.send(new DeleteTableCommand({ TableName: ctx.tableName }))
    ctx.client.destroy()
  })
  return ctx
}

export async function loadLegacyItems(ctx: JobsTableContext) {
  for (const item of legacyFixture.items) {
    await ctx.client.send(new PutCommand({ TableName: ctx.tableName, Item: item }))
  }
  return legacyFixture.items
}

export const LEGACY_OWNER = '9f3e2a10-0c1d-4e5f-a6b7-c8d9e0f1a2b3'
