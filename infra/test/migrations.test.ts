import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { JOBS_TABLE_INDEXES, createJobsTableContext } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { dynamoEndpoint, uniqueTableName } from '@proov/testkit'
import t from 'tap'
import type { Test } from 'tap'
import { LEGACY_FIXTURE_ITEMS, loadLegacyFixtures, migrateJobsTable } from '../src/index.js'

async function tableContext(t: Test): Promise<JobsTableContext> {
  const ctx = createJobsTableContext({
    tableName: uniqueTableName('proov_jobs_migrate'),
    endpoint: await dynamoEndpoint(),
    region: 'us-east-1',
  })
  t.teardown(async () => {
    await ctx.client.send(new DeleteTableCommand({ TableName: ctx.tableName })).catch(() => {})
    ctx.client.destroy()
  })
  return ctx
}

t.test('a missing table is created with every index; a second run changes nothing', async (t) => {
  const ctx = await tableContext(t)

  t.same(await migrateJobsTable(ctx), { created: true, missingIndexes: [] })
  t.same(await migrateJobsTable(ctx), { created: false, missingIndexes: [] })
})

t.test("an old table without the product's indexes is named, not silently accepted", async (t) => {
  const ctx = await tableContext(t)
  await ctx.client.send(
    new CreateTableCommand({
      TableName: ctx.tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'job_id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'job_id', AttributeType: 'S' }],
    }),
  )

  const outcome = await migrateJobsTable(ctx)

  t.equal(outcome.created, false)
  t.same(
    outcome.missingIndexes,
    JOBS_TABLE_INDEXES.map((index) => index.IndexName),
  )
})

t.test('the legacy fixture items are written exactly as they are', async (t) => {
  const ctx = await tableContext(t)
  await migrateJobsTable(ctx)

  t.equal(await loadLegacyFixtures(ctx), LEGACY_FIXTURE_ITEMS.length)

  for (const item of LEGACY_FIXTURE_ITEMS) {
    const { Item: stored } = await ctx.client.send(
      new GetCommand({ TableName: ctx.tableName, Key: { job_id: item.job_id } }),
    )
    t.same(stored, item, `${String(item.job_id)} is stored without rewriting`)
  }
})
