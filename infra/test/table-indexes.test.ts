import type { TableDescription } from '@aws-sdk/client-dynamodb'
import { JOBS_TABLE_INDEXES, createJobsTableInput } from '@proov/jobs-table'
import t from 'tap'
import { addIndexInput, planIndexes } from '../src/index.js'

const LEGACY = JOBS_TABLE_INDEXES.find((index) => index.IndexName?.startsWith('legacy_'))

t.test('a table made from the current definition needs nothing', async (t) => {
  const current = createJobsTableInput('jobs')
  const table: TableDescription = {
    TableName: 'jobs',
    AttributeDefinitions: current.AttributeDefinitions,
    GlobalSecondaryIndexes: current.GlobalSecondaryIndexes,
  }
  t.same(planIndexes(table), { missing: [], problems: [] })
})

t.test('an index under a product name but with another key is a problem', async (t) => {
  const table: TableDescription = {
    TableName: 'jobs',
    AttributeDefinitions: [{ AttributeName: 'job_id', AttributeType: 'S' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'user_id-created_at-index',
        KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
      },
    ],
  }
  const plan = planIndexes(table)
  t.same(plan.problems, ['user_id-created_at-index exists with another key (user_id:HASH)'])
  t.equal(plan.missing.length, JOBS_TABLE_INDEXES.length - 1)
})

t.test('a new index asks for capacity only on a provisioned table', async (t) => {
  if (LEGACY === undefined) throw new Error('no legacy index in the table definition')
  const onDemand = addIndexInput(
    { TableName: 'jobs', BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } },
    LEGACY,
  )
  t.same(onDemand.AttributeDefinitions, [
    { AttributeName: 'legacy_unowned', AttributeType: 'S' },
    { AttributeName: 'legacy_created_at', AttributeType: 'N' },
  ])
  t.notOk('ProvisionedThroughput' in (onDemand.GlobalSecondaryIndexUpdates?.[0]?.Create ?? {}))

  const provisioned = addIndexInput(
    { TableName: 'jobs', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 } },
    LEGACY,
  )
  t.same(provisioned.GlobalSecondaryIndexUpdates?.[0]?.Create?.ProvisionedThroughput, {
    ReadCapacityUnits: 5,
    WriteCapacityUnits: 2,
  })
})
