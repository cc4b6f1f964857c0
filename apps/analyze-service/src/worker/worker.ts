import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import type { Job } from '@proov/domain'
import { claimNextJob, extendLease, finishJob, isJobsTableError } from '@proov/jobs-table'
import type { JobOutcome, JobsTableContext } from '@proov/jobs-table'
import type { WorkerSettings } from '../config.js'
import { runJob } from './run-job.js'
import type { RunJobDeps } from './run-job.js'

export interface WorkerDeps extends RunJobDeps {
  jobsTable: JobsTableContext
  settings: WorkerSettings
  log: FastifyBaseLogger
}

export interface Worker {
  readonly id: string
  /** Stops claiming, lets the jobs in hand finish, resolves when idle. */
  stop(): Promise<void>
}

const now = () => Date.now() / 1000

/**
 * Claims due jobs and runs them, `concurrency` at a time. A job's lease is extended while it
 * runs; if this process dies, the lease runs out and another worker claims the job again.
 */
export function startWorker(deps: WorkerDeps): Worker {
  const id = `worker-${randomUUID()}`
  const log = deps.log.child({ worker_id: id })
  const stopping = new AbortController()
  const { concurrency, pollMs, leaseSeconds, maxAttempts } = deps.settings

  async function process(job: Job) {
    const jobLog = log.child({ job_id: job.job_id })
    const heartbeat = setInterval(
      () => {
        extendLease(deps.jobsTable, job.job_id, id, leaseSeconds, now()).catch((error: unknown) =>
          jobLog.warn({ err: error }, 'lease extension failed'),
        )
      },
      (leaseSeconds * 1000) / 3,
    )

    let outcome: JobOutcome
    try {
      outcome = await runJob(job, deps, stopping.signal)
    } catch (error) {
      if (stopping.signal.aborted) return
      if (job.attempts < maxAttempts) {
        // Left under its lease: the job comes due again when the lease ends.
        jobLog.warn({ err: error, attempts: job.attempts }, 'job attempt failed, will retry')
        return
      }
      outcome = { status: 'failed', error: 'The analysis failed repeatedly; see the service logs' }
      jobLog.error({ err: error, attempts: job.attempts }, 'job failed after its last attempt')
    } finally {
      clearInterval(heartbeat)
    }

    try {
      await finishJob(deps.jobsTable, job.job_id, id, outcome, now())
      jobLog.info({ status: outcome.status, tool: job.tool }, 'job finished')
    } catch (error) {
      if (!isJobsTableError(error, 'lease_lost')) throw error
      jobLog.warn('lease lost before the result was written; another worker owns the job')
    }
  }

  async function loop(slot: number) {
    while (!stopping.signal.aborted) {
      try {
        const job = await claimNextJob(deps.jobsTable, { workerId: id, leaseSeconds, now: now() })
        if (job !== null) {
          await process(job)
          continue
        }
      } catch (error) {
        log.error({ err: error, slot }, 'worker loop error')
      }
      await sleep(pollMs, undefined, { signal: stopping.signal }).catch(() => undefined)
    }
  }

  const loops = Array.from({ length: concurrency }, (_, slot) => loop(slot))
  log.info({ concurrency }, 'worker started')

  return {
    id,
    async stop() {
      stopping.abort()
      await Promise.all(loops)
      log.info('worker stopped')
    },
  }
}
