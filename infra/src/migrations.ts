import { PutCommand } from '@aws-sdk/lib-dynamodb'
import legacyFixture from '@proov/domain/fixtures/legacy-jobs.json' with { type: 'json' }
import { ensureJobsTable } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { markLegacyJobs } from './legacy-markers.js'
import type { LegacyMarkerCounts } from './legacy-markers.js'
import { addMissingIndexes } from './table-indexes.js'

const DEFAULT_INDEX_TIMEOUT_MS = 6 * 60 * 60 * 1000

export type MigrationOutcome = {
  created: boolean
  /** Indexes added to an existing table. */
  addedIndexes: string[]
  /** Indexes or attributes of another shape than the product's: left alone, to fix by hand. */
  problems: string[]
  legacyMarkers: LegacyMarkerCounts
  /** Everything the run wrote: a table, indexes, marked and unmarked jobs. 0 on a second run. */
  changes: number
}

export interface MigrateOptions {
  progress?: (message: string) => void
  /** Continues the legacy marking of a run that stopped, after this job id. */
  resumeFrom?: string | undefined
  indexTimeoutMs?: number
  pageSize?: number
}

/**
 * Brings the jobs table to the product's shape: creates it when missing, adds the indexes an
 * existing table lacks, and marks the ownerless legacy jobs for the legacy index. Idempotent.
 */
export async function migrateJobsTable(
  ctx: JobsTableContext,
  options: MigrateOptions = {},
): Promise<MigrationOutcome> {
  const progress = options.progress ?? (() => {})
  const { created } = await ensureJobsTable(ctx)
  if (created) progress(`created table ${ctx.tableName} with its indexes`)

  const indexes = await addMissingIndexes(ctx, {
    progress,
    timeoutMs: options.indexTimeoutMs ?? DEFAULT_INDEX_TIMEOUT_MS,
  })
  for (const problem of indexes.problems) progress(`cannot migrate: ${problem}`)

  const legacyMarkers = await markLegacyJobs(ctx, {
    resumeFrom: options.resumeFrom,
    pageSize: options.pageSize,
    onPage: (counts, lastJobId) => {
      const resume = lastJobId === null ? '' : ` (resume with --resume-from ${lastJobId})`
      progress(
        `legacy jobs: ${counts.scanned} items scanned, ${counts.marked} marked, ` +
          `${counts.unmarked} unmarked, ${counts.skipped} skipped${resume}`,
      )
    },
  })

  const changes =
    (created ? 1 : 0) + indexes.added.length + legacyMarkers.marked + legacyMarkers.unmarked
  return {
    created,
    addedIndexes: indexes.added,
    problems: indexes.problems,
    legacyMarkers,
    changes,
  }
}

export const LEGACY_FIXTURE_ITEMS: readonly Record<string, unknown>[] = legacyFixture.items

/** Writes the legacy fixture items as they are, for trying legacy reads by hand or in tests. */
export async function loadLegacyFixtures(ctx: JobsTableContext): Promise<number> {
  for (const item of LEGACY_FIXTURE_ITEMS) {
    await ctx.client.send(new PutCommand({ TableName: ctx.tableName, Item: item }))
  }
  return LEGACY_FIXTURE_ITEMS.length
}
