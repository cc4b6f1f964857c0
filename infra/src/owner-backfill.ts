import { assignOwner } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import type { OwnerFile, OwnerLine } from './owner-file.js'

export type OwnerLineOutcome = 'assigned' | 'unchanged' | 'conflict' | 'not_found'

export interface OwnerBackfillCounts {
  assigned: number
  /** Already owned by the user the line names. */
  unchanged: number
  /** Owned by someone else: left as it is. */
  conflicts: number
  notFound: number
  invalid: number
}

export interface BackfillOwnersOptions {
  /** Epoch seconds: the creation time of a job that has none and was never updated. */
  now: number
  onLine?: (line: OwnerLine, outcome: OwnerLineOutcome) => void
}

const COUNTED: Record<OwnerLineOutcome, keyof OwnerBackfillCounts> = {
  assigned: 'assigned',
  unchanged: 'unchanged',
  conflict: 'conflicts',
  not_found: 'notFound',
}

/**
 * Gives each listed legacy job its owner with the same conditional write operators use. Running
 * it again changes nothing: lines already applied come back as unchanged.
 */
export async function backfillOwners(
  ctx: JobsTableContext,
  file: OwnerFile,
  options: BackfillOwnersOptions,
): Promise<OwnerBackfillCounts> {
  const counts: OwnerBackfillCounts = {
    assigned: 0,
    unchanged: 0,
    conflicts: 0,
    notFound: 0,
    invalid: file.invalid.length,
  }

  for (const row of file.rows) {
    const { outcome } = await assignOwner(ctx, {
      jobId: row.jobId,
      userId: row.userId,
      now: options.now,
    })
    counts[COUNTED[outcome]] += 1
    options.onLine?.(row, outcome)
  }

  return counts
}

/** One line for the end of a run. */
export function describeCounts(counts: OwnerBackfillCounts): string {
  return (
    `${counts.assigned} assigned, ${counts.unchanged} unchanged, ${counts.conflicts} conflicts, ` +
    `${counts.notFound} not found, ${counts.invalid} invalid lines`
  )
}
