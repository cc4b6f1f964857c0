import fc from 'fast-check'
import { judge, judgeTwin } from './oracles.js'
import type { Finding, FindingKind } from './oracles.js'
import { probeArbitrary } from './probes.js'
import type { Probe } from './probes.js'
import { buildRequest } from './routes.js'
import type { Built } from './expectations.js'
import { runPool } from './wire.js'
import type { Wire, WireAnswer } from './wire.js'
import { memberOf } from './world.js'
import type { World } from './world.js'

export interface SweepOptions {
  world: World
  wire: Wire
  seed: number
  /** Requests to send, twins included. */
  requests: number
  concurrency: number
  /** No new probe starts after this time (epoch ms). */
  deadline: number
}

export interface Failure {
  index: number
  probe: Probe
  built: Built
  answer: WireAnswer
  findings: Finding[]
}

export interface SweepTally {
  requests: number
  probes: number
  byRoute: Map<string, number>
  byStatus: Map<number, number>
  byActor: Map<string, number>
  byKind: Map<string, number>
  failures: Failure[]
}

function bump<K>(counts: Map<K, number>, key: K) {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

/** Entries of POST /job-status that named a swapped id, in order: the rest may change meanwhile. */
function swappedEntries(text: string, positions: number[]): string {
  const body = JSON.parse(text) as { statuses?: unknown[] }
  return JSON.stringify(positions.map((i) => body.statuses?.[i]))
}

/** Sends one probe (and its twin, when it names another owner's things) and judges the answers. */
export async function probeOnce(
  world: World,
  wire: Wire,
  probe: Probe,
  count: (built: Built, answer: WireAnswer) => void = () => {},
) {
  const viewer =
    probe.actor === 'anonymous' || probe.actor === 'garbage' ? null : memberOf(world, probe.actor)
  // Both are built before either is sent, so that they pick from the same state of the world.
  const built = buildRequest(probe, world, false)
  const twin = built.foreign && !built.expect.unrestricted ? buildRequest(probe, world, true) : null

  const answer = await wire.send(built.request)
  count(built, answer)
  const findings = judge(world, viewer, built, answer)
  if (twin === null) return { built, answer, findings }

  const twinAnswer = await wire.send(twin.request)
  count(twin, twinAnswer)
  findings.push(
    ...judge(world, viewer, twin, twinAnswer).map((finding) => ({
      ...finding,
      detail: `the twin naming missing ids: ${finding.detail}`,
    })),
  )

  const jobStatusPage =
    probe.route === 'POST /job-status' && answer.status === 200 && twinAnswer.status === 200
  if (jobStatusPage) {
    const original = JSON.parse(built.request.body?.toString() ?? '{}') as { job_ids?: string[] }
    const positions = (original.job_ids ?? []).flatMap((id, i) => (twin.swaps.has(id) ? [i] : []))
    const mine = { status: 200, text: swappedEntries(answer.text, positions) }
    const theirs = { status: 200, text: swappedEntries(twinAnswer.text, positions) }
    findings.push(...judgeTwin(mine, theirs, twin.swaps))
  } else {
    findings.push(...judgeTwin(answer, twinAnswer, twin.swaps))
  }
  return { built, answer, findings }
}

// LIMITATION: a seed replays the probes, not the ids they resolve to: each run seeds a new stack
/** The sweep: seeded probes from fast-check, sent a few at a time, every answer judged. */
export async function sweep(options: SweepOptions): Promise<SweepTally> {
  const { world, wire } = options
  const probes = fc.sample(probeArbitrary(world.adminRoutes), {
    seed: options.seed,
    numRuns: options.requests,
  })
  const tally: SweepTally = {
    requests: 0,
    probes: 0,
    byRoute: new Map(),
    byStatus: new Map(),
    byActor: new Map(),
    byKind: new Map(),
    failures: [],
  }

  await runPool(
    probes,
    options.concurrency,
    async (probe, index) => {
      const count = (built: Built, answer: WireAnswer) => {
        tally.requests += 1
        bump(tally.byRoute, probe.route)
        bump(tally.byStatus, answer.status)
        bump(tally.byActor, probe.actor)
        bump(tally.byKind, built.kind)
      }
      const outcome = await probeOnce(world, wire, probe, count)
      tally.probes += 1
      if (outcome.findings.length > 0) tally.failures.push({ index, probe, ...outcome })
    },
    () => tally.requests >= options.requests || Date.now() > options.deadline,
  )
  return tally
}

/**
 * fast-check's shrinking from a failing probe, as the counterexample of a property that the probe
 * meets no finding of this kind; bounded in time, as each step sends requests.
 */
export async function shrinkFailure(
  world: World,
  wire: Wire,
  seed: number,
  failure: Failure,
  kind: FindingKind,
  timeLimitMs: number,
): Promise<Probe> {
  const property: fc.IAsyncProperty<[Probe]> = fc.asyncProperty(
    probeArbitrary(world.adminRoutes),
    async (probe) => {
      const { findings } = await probeOnce(world, wire, probe)
      return !findings.some((finding) => finding.kind === kind)
    },
  )
  const details = await fc.check<[Probe]>(property, {
    seed,
    numRuns: 1,
    examples: [[failure.probe]],
    plugins: [fc.interruptAfterTimeLimit(timeLimitMs)],
  })
  return details.counterexample?.[0] ?? failure.probe
}
