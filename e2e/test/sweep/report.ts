import type { Built } from './expectations.js'
import type { FindingKind } from './oracles.js'
import type { Probe } from './probes.js'
import type { Failure, SweepTally } from './run.js'

const PREVIEW = 400

/** E-mail addresses never reach a log line, whoever's they are. */
function redact(text: string): string {
  return text.replace(/[^\s"'<>@]+@[^\s"'<>@]+\.[a-z]+/gi, '<e-mail>')
}

function preview(text: string): string {
  const cut = text.length > PREVIEW ? `${text.slice(0, PREVIEW)}… (${text.length} chars)` : text
  return redact(JSON.stringify(cut))
}

function line(counts: Map<string | number, number>): string {
  return [...counts]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([key, count]) => `${key}: ${count}`)
    .join(', ')
}

export function countLeaks(tally: SweepTally): number {
  return tally.failures.reduce(
    (sum, failure) => sum + failure.findings.filter((finding) => finding.kind === 'leak').length,
    0,
  )
}

export function summaryLines(tally: SweepTally, seed: number): string[] {
  const findings = new Map<string, number>()
  for (const failure of tally.failures) {
    for (const finding of failure.findings) {
      findings.set(finding.kind, (findings.get(finding.kind) ?? 0) + 1)
    }
  }
  return [
    `isolation sweep: ${tally.requests} requests swept, ${countLeaks(tally)} leaks found`,
    `seed ${seed} (rerun with SWEEP_SEED=${seed}), ${tally.probes} probes`,
    `by route: ${line(tally.byRoute)}`,
    `by status: ${line(tally.byStatus)}`,
    `by actor: ${line(tally.byActor)}`,
    `by input kind: ${line(tally.byKind)}`,
    `findings: ${findings.size === 0 ? 'none' : line(findings)}`,
  ]
}

/** A request as it went out, without its Authorization header: the actor names who sent it. */
export function describeRequest(probe: Probe, built: Built): string {
  const who = probe.actor === 'garbage' ? `garbage token (${probe.garbage.kind})` : probe.actor
  const body =
    built.request.body === undefined
      ? ''
      : `\n  body: ${preview(built.request.body.toString('utf8'))}`
  return `${who}: ${built.request.method} ${preview(built.request.path)}${body}`
}

export function describeFailure(failure: Failure): string {
  const findings = failure.findings.map((finding) => `  - ${finding.kind}: ${finding.detail}`)
  return [
    `probe #${failure.index} (${failure.probe.route}, ${failure.built.kind})`,
    `  ${describeRequest(failure.probe, failure.built)}`,
    `  answer: ${failure.answer.status} ${preview(failure.answer.text)}`,
    ...findings,
  ].join('\n')
}

/** The first failure of each kind of finding, to shrink and show. */
export function firstFailures(tally: SweepTally): Map<FindingKind, Failure> {
  const first = new Map<FindingKind, Failure>()
  for (const failure of [...tally.failures].sort((a, b) => a.index - b.index)) {
    for (const finding of failure.findings) {
      if (!first.has(finding.kind)) first.set(finding.kind, failure)
    }
  }
  return first
}
