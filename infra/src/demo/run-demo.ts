import {
  AnalyzeResponseSchema,
  JobStatusResponseSchema,
  MySessionsResponseSchema,
  SessionJobsResponseSchema,
} from '@proov/domain'
import type { AnalyzeResponse } from '@proov/domain'
import { TEST_VIDEO_FORMAT, makeTestVideos } from '@proov/testkit'
import type { TestVideos } from '@proov/testkit'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { z } from 'zod'
import {
  CompleteResultSchema,
  checkBlackSegments,
  checkMediaInfo,
  checkOrder,
  checkReadableReason,
  formatRanges,
} from './checks.js'
import type { Verdict } from './checks.js'
import { collectPages, expectAnswer, gatewayClient } from './gateway-client.js'
import type { GatewayClient } from './gateway-client.js'

export type DemoUserName = 'alice' | 'bob'

export type RunDemoOptions = {
  gatewayUrl: string
  /** A fresh ID token for a demo user. */
  tokenFor: (user: DemoUserName) => Promise<string>
  log?: (line: string) => void
  /** How long the jobs may take, all together. Default 180 s. */
  timeoutMs?: number
  pollMs?: number
}

export type DemoCheck = { name: string; passed: boolean; detail: string }

export type DemoReport = {
  passed: boolean
  checks: DemoCheck[]
  sessionId: string | null
  batchNumber: number | null
  jobIds: string[]
}

type StatusEntry = z.infer<typeof JobStatusResponseSchema>['statuses'][number]

const TOOL = 'analyze_video_complete'
const PENDING = new Set(['queued', 'processing'])

/**
 * Drives the public API the way the frontend does: alice uploads one batch of two test videos
 * and a non-video, waits for the analysis, reads her lists; bob must see none of it.
 */
export async function runDemo(opts: RunDemoOptions): Promise<DemoReport> {
  const log = opts.log ?? (() => {})
  const checks: DemoCheck[] = []
  const record = (name: string, verdict: Verdict) => {
    checks.push({ name, ...verdict })
    log(`${verdict.passed ? 'PASS' : 'FAIL'}  ${name} (${verdict.detail})`)
  }
  const report: DemoReport = {
    passed: false,
    checks,
    sessionId: null,
    batchNumber: null,
    jobIds: [],
  }
  const workDir = await mkdtemp(join(tmpdir(), 'proov-demo-'))

  try {
    log(`making test videos in ${workDir}`)
    const videos = await makeTestVideos(workDir)
    const alice = gatewayClient(opts.gatewayUrl, await opts.tokenFor('alice'))
    const bob = gatewayClient(opts.gatewayUrl, await opts.tokenFor('bob'))

    const batch = await upload(alice, videos)
    report.sessionId = batch.session_id
    report.batchNumber = batch.batch_number
    report.jobIds = batch.job_ids
    log(
      `session ${batch.session_id}, batch #${batch.batch_number}, jobs ${batch.job_ids.join(', ')}`,
    )
    record('the three files were accepted as one batch', {
      passed: batch.job_ids.length === 3 && batch.jobs.length === 3,
      detail: `${batch.job_ids.length} jobs`,
    })

    const timeoutMs = opts.timeoutMs ?? 180_000
    const waited = await waitForJobs(alice, batch.job_ids, timeoutMs, opts.pollMs ?? 1000)
    record(`every job finished within ${timeoutMs / 1000} s`, {
      passed: waited.finished,
      detail: `${(waited.elapsedMs / 1000).toFixed(1)} s`,
    })
    batch.job_ids.forEach((jobId, i) => {
      log(`  ${batch.jobs[i]?.filename ?? jobId}: ${describeOutcome(waited.statuses[i])}`)
    })

    checkVideos(videos, waited.statuses, record)
    await checkAliceLists(alice, batch, record)
    await checkBobSeesNothing(bob, batch, record)
  } catch (error) {
    record('the demo ran to the end', { passed: false, detail: messageOf(error) })
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }

  report.passed = checks.length > 0 && checks.every((check) => check.passed)
  return report
}

async function upload(alice: GatewayClient, videos: TestVideos): Promise<AnalyzeResponse> {
  const files = [videos.withBlack, videos.plain, videos.notVideo].map(({ path }) => ({
    path,
    contentType: 'video/mp4',
  }))
  const answer = await alice.analyzeFiles(files, TOOL)
  return expectAnswer('POST /analyze', answer, 202, AnalyzeResponseSchema)
}

async function waitForJobs(
  client: GatewayClient,
  jobIds: string[],
  timeoutMs: number,
  pollMs: number,
) {
  const startedAt = Date.now()
  for (;;) {
    const answer = await client.jobStatus(jobIds)
    const { statuses } = expectAnswer('POST /job-status', answer, 200, JobStatusResponseSchema)
    const elapsedMs = Date.now() - startedAt

    const finished = statuses.every((entry) => !PENDING.has(entry.status))
    if (finished || elapsedMs >= timeoutMs) return { finished, elapsedMs, statuses }
    await sleep(pollMs)
  }
}

function checkVideos(
  videos: TestVideos,
  statuses: StatusEntry[],
  record: (name: string, verdict: Verdict) => void,
) {
  const [withBlack, plain, notVideo] = statuses
  const media = (durationSeconds: number) => ({
    durationSeconds,
    width: TEST_VIDEO_FORMAT.width,
    height: TEST_VIDEO_FORMAT.height,
    codec: TEST_VIDEO_FORMAT.videoCodec,
  })

  const made = [
    { label: 'with-black.mp4', entry: withBlack, video: videos.withBlack },
    { label: 'plain.mp4', entry: plain, video: { ...videos.plain, blackSegments: [] } },
  ]
  for (const { label, entry, video } of made) {
    const result = CompleteResultSchema.safeParse(entry?.result)
    if (entry?.status !== 'completed' || !result.success) {
      record(`${label} completed`, { passed: false, detail: describeOutcome(entry) })
      continue
    }
    record(`${label} completed`, { passed: true, detail: 'result present' })

    const black =
      video.blackSegments.length === 0
        ? `${label} has no black segments`
        : `${label} has black segments at ${formatRanges(video.blackSegments)} (±0.2 s)`
    record(black, checkBlackSegments(result.data.blackframes.segments, video.blackSegments))
    record(
      `${label} has its media info`,
      checkMediaInfo(result.data.media_info, media(video.durationSeconds)),
    )
  }

  const reason = checkReadableReason(notVideo?.error ?? null)
  record('not-a-video.mp4 failed with a readable reason', {
    passed: notVideo?.status === 'failed' && reason.passed,
    detail: `${notVideo?.status ?? 'missing'}: ${reason.detail}`,
  })
}

async function checkAliceLists(
  alice: GatewayClient,
  batch: AnalyzeResponse,
  record: (name: string, verdict: Verdict) => void,
) {
  const sessions = await collectPages(async (query) => {
    const page = expectAnswer(
      'GET /my-sessions',
      await alice.mySessions(query),
      200,
      MySessionsResponseSchema,
    )
    return { items: page.sessions, nextCursor: page.next_cursor }
  })
  const session = sessions.find((candidate) => candidate.session_id === batch.session_id)
  record(`alice's sessions show it as batch #${batch.batch_number} with 3 jobs`, {
    passed: session?.batch_number === batch.batch_number && session.total_jobs === 3,
    detail:
      session === undefined
        ? `not among her ${sessions.length} sessions`
        : `batch #${session.batch_number}, ${session.total_jobs} jobs, ${session.status}`,
  })

  const jobs = await collectPages(async (query) => {
    const page = expectAnswer(
      `GET /session/${batch.session_id}/jobs`,
      await alice.sessionJobs(batch.session_id, query),
      200,
      SessionJobsResponseSchema,
    )
    return { items: page.jobs, nextCursor: page.next_cursor }
  })
  const order = checkOrder(
    jobs.map((job) => job.job_id),
    batch.job_ids,
  )
  record('the session lists its three jobs in upload order', {
    passed: order.passed,
    detail: jobs.map((job) => job.filename ?? job.job_id).join(', '),
  })

  const reads = await Promise.all(batch.job_ids.map((jobId) => alice.job(jobId)))
  record('alice reads each of her jobs by id', {
    passed: reads.every((answer) => answer.status === 200),
    detail: reads.map((answer) => answer.status).join(', '),
  })
}

async function checkBobSeesNothing(
  bob: GatewayClient,
  batch: AnalyzeResponse,
  record: (name: string, verdict: Verdict) => void,
) {
  const sessions = await collectPages(async (query) => {
    const page = expectAnswer(
      'GET /my-sessions',
      await bob.mySessions(query),
      200,
      MySessionsResponseSchema,
    )
    return { items: page.sessions, nextCursor: page.next_cursor }
  })
  record("bob's sessions do not include alice's", {
    passed: !sessions.some((session) => session.session_id === batch.session_id),
    detail: `bob has ${sessions.length} sessions`,
  })

  const reads = await Promise.all(batch.job_ids.map((jobId) => bob.job(jobId)))
  record("bob gets 404 for each of alice's jobs", {
    passed: reads.every((answer) => answer.status === 404),
    detail: reads.map((answer) => answer.status).join(', '),
  })

  const sessionRead = await bob.sessionJobs(batch.session_id, '')
  record("bob gets 404 for alice's session", {
    passed: sessionRead.status === 404,
    detail: String(sessionRead.status),
  })

  const { statuses } = expectAnswer(
    'POST /job-status',
    await bob.jobStatus(batch.job_ids),
    200,
    JobStatusResponseSchema,
  )
  record("bob's job-status answers not_found for each of alice's jobs", {
    passed:
      statuses.length === batch.job_ids.length &&
      statuses.every((entry) => entry.status === 'not_found' && entry.result === null),
    detail: statuses.map((entry) => entry.status).join(', '),
  })
}

function describeOutcome(entry: StatusEntry | undefined): string {
  if (entry === undefined) return 'no status'
  if (entry.status === 'failed') return `failed: ${entry.error ?? 'no reason given'}`
  if (entry.status !== 'completed') return entry.status

  const result = CompleteResultSchema.safeParse(entry.result)
  if (!result.success) return 'completed, but the result is not an analyze_video_complete result'
  const { media_info: media, blackframes } = result.data
  const video =
    media.video === null
      ? 'no video stream'
      : `${media.video.width}x${media.video.height} ${media.video.codec}`
  const duration = media.duration_seconds === null ? '?' : media.duration_seconds.toFixed(2)
  return `completed: black ${formatRanges(blackframes.segments)}; ${duration} s, ${video}`
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
