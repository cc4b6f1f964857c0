import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { createServer } from 'node:net'
import { once } from 'node:events'
import t from 'tap'
import { emulatorClientConfig, startDynamoDbLocal } from '../src/index.js'

async function tableNames(endpoint: string): Promise<string[]> {
  const client = new DynamoDBClient(emulatorClientConfig(endpoint))
  try {
    const answer = await client.send(new ListTablesCommand({}))
    return answer.TableNames ?? []
  } finally {
    client.destroy()
  }
}

async function createTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient(emulatorClientConfig(endpoint))
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'job_id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'job_id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
  } finally {
    client.destroy()
  }
}

t.test('an in-memory instance answers on a free port until stopped', async (t) => {
  const dynamo = await startDynamoDbLocal({})
  t.match(dynamo.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/)
  await createTable(dynamo.endpoint, 'proov_jobs')
  t.same(await tableNames(dynamo.endpoint), ['proov_jobs'])

  await dynamo.stop()
  await t.rejects(tableNames(dynamo.endpoint), 'nothing answers after stop')
  await t.resolves(dynamo.stop(), 'stopping again is harmless')
})

t.test('a table in a data directory survives a restart', async (t) => {
  const dataDir = t.testdir()

  const first = await startDynamoDbLocal({ dataDir })
  await createTable(first.endpoint, 'proov_jobs')
  await first.stop()

  const second = await startDynamoDbLocal({ dataDir })
  t.teardown(() => second.stop())
  t.same(await tableNames(second.endpoint), ['proov_jobs'])
})

t.test('a port already in use fails at once with a clear error', async (t) => {
  const squatter = createServer()
  squatter.listen(0)
  await once(squatter, 'listening')
  t.teardown(() => void squatter.close())
  const address = squatter.address()
  if (address === null || typeof address === 'string') throw new Error('no port')

  await t.rejects(startDynamoDbLocal({ port: address.port }), {
    name: 'LocalStackError',
    code: 'emulator_start_failed',
    message: new RegExp(`port ${address.port} is not available`),
  })
})

t.test('a start that takes too long is stopped and reported', async (t) => {
  await t.rejects(startDynamoDbLocal({ startTimeoutMs: 1 }), {
    name: 'LocalStackError',
    code: 'emulator_start_timeout',
  })
})
