import t from 'tap'
import { AnalyzeJsonBodySchema, MyJobsQuerySchema, isJobId } from '../src/index.js'

t.test('limit accepts 1..100 only, defaulting to 20', async (t) => {
  t.equal(MyJobsQuerySchema.parse({}).limit, 20)
  t.equal(MyJobsQuerySchema.parse({ limit: '7' }).limit, 7)
  t.equal(MyJobsQuerySchema.parse({ limit: '100' }).limit, 100)
  for (const bad of ['', '0', '-1', '101', '1e3', '2.5', 'ten', '007', '99999999999']) {
    t.notOk(MyJobsQuerySchema.safeParse({ limit: bad }).success, `limit ${JSON.stringify(bad)}`)
  }
  t.equal(MyJobsQuerySchema.parse({ status: 'done' }).status, 'completed', 'legacy spellings read')
  t.equal(MyJobsQuerySchema.parse({ status: 'failed' }).status, 'failed')
  t.notOk(MyJobsQuerySchema.safeParse({ status: 'exploded' }).success, 'unknown statuses refused')
})

t.test('an analyze body needs at least one video with a key and a known tool', async (t) => {
  t.ok(AnalyzeJsonBodySchema.safeParse({ videos: [{ key: 'users/u/a.mp4' }] }).success)
  t.notOk(AnalyzeJsonBodySchema.safeParse({ videos: [] }).success)
  t.notOk(AnalyzeJsonBodySchema.safeParse({ videos: [{ key: 'k', tool: 'rm -rf' }] }).success)
})

t.test('job ids are UUIDs', async (t) => {
  t.ok(isJobId('c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d'))
  t.notOk(isJobId('session#c7d8e9f0-1111-4a2b-8c3d-4e5f6a7b8c9d'))
  t.notOk(isJobId('../etc'))
})
