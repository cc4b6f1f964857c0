import type { Job } from '@proov/domain'
import type { JobOutcome } from '@proov/jobs-table'
import { AnalysisError, isAnalysisError, isToolName, runTool } from '../analysis/index.js'
import type { AnalysisBinaries } from '../analysis/index.js'
import type { LocalVideoStore } from '../storage/local-store.js'

export interface RunJobDeps {
  store: LocalVideoStore
  binaries: AnalysisBinaries
}

/** Where a job's video can be read from, or why it cannot. */
function localPathOf(job: Job, store: LocalVideoStore): string {
  const { bucket, key } = job.video
  if (key === null) throw new AnalysisError('not_a_video', 'The job names no video file')
  if (bucket !== null && bucket !== store.bucket) {
    throw new AnalysisError(
      'tool_unavailable',
      `The video is in bucket "${bucket}", which this deployment cannot read`,
    )
  }
  return store.pathOf(key)
}

/**
 * Runs a job's tool and turns every outcome into a result or a readable reason. Only a
 * retryable fault (a tool crash, a timeout) is thrown, for the worker to retry.
 */
export async function runJob(job: Job, deps: RunJobDeps, signal: AbortSignal): Promise<JobOutcome> {
  try {
    if (!isToolName(job.tool)) {
      throw new AnalysisError('tool_unavailable', `Unknown analysis tool "${job.tool}"`)
    }
    const path = localPathOf(job, deps.store)
    if (!(await deps.store.exists(job.video.key as string))) {
      throw new AnalysisError('not_a_video', 'The video file is missing from storage')
    }

    const result = await runTool(job.tool, path, deps.binaries, { signal })
    return { status: 'completed', result, summary: { ...result.summary } }
  } catch (error) {
    if (signal.aborted) throw error
    if (isAnalysisError(error) && !error.retryable)
      return { status: 'failed', error: error.message }
    throw error
  }
}
