import { expecting, notFound } from './expectations.js'
import type { Built } from './expectations.js'
import { judge, judgeTwin } from './oracles.js'
import type { Finding } from './oracles.js'
import type { Wire, WireRequest } from './wire.js'
import { holdingsOf, memberOf } from './world.js'
import type { World } from './world.js'

export interface PlantedLeak {
  name: string
  findings: Finding[]
}

/**
 * Real answers of alice's, judged as though bob had been given them: a sweep whose oracles let
 * any of these through would pass whatever the stack does.
 */
export async function judgePlantedLeaks(world: World, wire: Wire): Promise<PlantedLeak[]> {
  const alice = memberOf(world, 'alice')
  const bob = memberOf(world, 'bob')
  const aliceJob = [...holdingsOf(world, alice.userId).jobIds][0] ?? ''
  const legacyJob = world.ownerless[0]?.jobId ?? ''
  const as = (token: string, request: WireRequest) => ({
    ...request,
    authorization: `Bearer ${token}`,
  })
  const planted = async (request: WireRequest, expect: Built['expect']) => {
    const built: Built = { request: as(bob.token, request), expect, kind: 'planted', foreign: true }
    return judge(world, bob, built, await wire.send(as(alice.token, request)))
  }

  const statusBody = JSON.stringify({ job_ids: [aliceJob] })
  const legacyPage = JSON.stringify({ jobs: [{ job_id: legacyJob }], next_cursor: null })
  const bobsPage: Built = {
    request: { method: 'GET', path: '/my-jobs', authorization: `Bearer ${bob.token}` },
    expect: expecting([200], { listsOf: bob.userId }),
    kind: 'planted',
    foreign: false,
  }

  return [
    {
      name: "alice's job answered to bob",
      findings: await planted({ method: 'GET', path: `/jobs/${aliceJob}` }, notFound()),
    },
    {
      name: "alice's jobs listed to bob",
      findings: await planted(
        { method: 'GET', path: '/my-jobs' },
        expecting([200], { listsOf: bob.userId }),
      ),
    },
    {
      name: "alice's job status told to bob",
      findings: await planted(
        { method: 'POST', path: '/job-status', contentType: 'application/json', body: statusBody },
        expecting([200], { entries: [{ jobId: aliceJob, readable: false }] }),
      ),
    },
    {
      name: 'a legacy job listed to bob',
      findings: judge(world, bob, bobsPage, { status: 200, text: legacyPage }),
    },
    {
      name: 'a foreign id answered unlike a missing one',
      findings: judgeTwin(
        { status: 404, text: world.notFoundText },
        { status: 404, text: `${world.notFoundText} ` },
        new Map(),
      ),
    },
  ]
}
