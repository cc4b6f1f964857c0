import t from 'tap'
import { bodyOf, build, loadLegacyItems, postJson, upload } from '../fixtures/stack.js'
import type { Stack, UserName } from '../fixtures/stack.js'

const LEGACY = '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01'

/** Whether `user` reads the job by id, through both routes that do; they must agree. */
async function reads(t: Parameters<typeof build>[0], stack: Stack, user: UserName, id: string) {
  const one = await stack.call(user, `/jobs/${id}`)
  const batch = await stack.call(user, '/job-status', postJson({ job_ids: [id] }))
  const [status] = (await bodyOf<{ statuses: { status: string }[] }>(batch)).statuses

  const byId = one.status === 200
  const inBatch = status?.status !== 'not_found'
  t.equal(byId, inBatch, `${user}: GET /jobs and POST /job-status agree on ${id}`)
  if (!byId) t.equal((await bodyOf(one)).code, 'not_found')
  return byId
}

const EXPECTED = {
  open: { alice: true, olga: true },
  admins: { alice: false, olga: true },
  none: { alice: false, olga: false },
} as const

for (const policy of ['open', 'admins', 'none'] as const) {
  t.test(`LEGACY_READ_POLICY=${policy}: who reads an ownerless job by id`, async (t) => {
    const stack = await build(t, { legacyPolicy: policy })
    await loadLegacyItems(stack.table)
    const own = (await upload(stack, 'alice', 1, 1_000)).jobs[0]?.job_id ?? ''

    t.equal(await reads(t, stack, 'alice', LEGACY), EXPECTED[policy].alice, 'alice, legacy')
    t.equal(await reads(t, stack, 'olga', LEGACY), EXPECTED[policy].olga, 'olga, legacy')
    t.equal(await reads(t, stack, 'alice', own), true, 'an owner always reads their own job')
    t.equal(await reads(t, stack, 'olga', own), false, 'an operator never reads it by id')
  })
}
