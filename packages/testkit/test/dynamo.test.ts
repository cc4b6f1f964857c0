import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import t from 'tap'
import { dynamoClientConfig, dynamoEndpoint, uniqueTableName } from '../src/index.js'

t.test('one endpoint per process, answering DynamoDB calls', async (t) => {
  const endpoint = await dynamoEndpoint()
  t.equal(await dynamoEndpoint(), endpoint, 'the second call reuses the first instance')

  const client = new DynamoDBClient(dynamoClientConfig(endpoint))
  t.teardown(() => client.destroy())
  const tableName = uniqueTableName()
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'job_id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'job_id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  )

  const listed = await client.send(new ListTablesCommand({}))
  t.ok(listed.TableNames?.includes(tableName))
})

t.test('the shared endpoint from the environment wins', async (t) => {
  const before = process.env.DYNAMODB_ENDPOINT
  t.teardown(() => {
    if (before === undefined) delete process.env.DYNAMODB_ENDPOINT
    else process.env.DYNAMODB_ENDPOINT = before
  })

  process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:8000'
  t.equal(await dynamoEndpoint(), 'http://127.0.0.1:8000')
})

t.test('table names are unique and valid for DynamoDB', async (t) => {
  const names = Array.from({ length: 50 }, () => uniqueTableName())

  t.equal(new Set(names).size, names.length)
  t.same(
    names.filter((name) => !/^proov_jobs_test_[0-9a-f]{12}$/.test(name)),
    [],
    'every name has the default prefix and a random suffix',
  )
  t.match(uniqueTableName('proov_sessions'), /^proov_sessions_[0-9a-f]{12}$/)
})

t.test('client config carries throw-away credentials, never the real ones', async (t) => {
  const config = dynamoClientConfig('http://127.0.0.1:8000')

  t.equal(config.endpoint, 'http://127.0.0.1:8000')
  t.type(config.region, 'string')
  t.same(config.credentials, { accessKeyId: 'local', secretAccessKey: 'local' })
})
