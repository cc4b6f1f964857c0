import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ScanCommandInput } from '@aws-sdk/lib-dynamodb'
import { LEGACY_MARKER_ATTRIBUTES, legacyMarkerInput } from '@proov/jobs-table'
import type { Item, JobsTableContext } from '@proov/jobs-table'

export interface LegacyMarkerCounts {
  scanned: number
  /** Ownerless jobs given the legacy index's marker (or a corrected sort key). */
  marked: number
  /** Owned jobs that still carried the marker. */
  unmarked: number
  /** Items that changed between the scan and the write; the next run looks at them again. */
  skipped: number
}

export interface MarkLegacyJobsOptions {
  /** Continue a run that stopped: the job id its last progress line named. */
  resumeFrom?: string | undefined
  pageSize?: number
  /** After each page: the counts so far, and the job id a resumed run starts after. */
  onPage?: (counts: LegacyMarkerCounts, lastJobId: string | null) => void
}

/** One page of the scan: only the attributes the marker decision reads. */
export function markerScanInput(
  tableName: string,
  pageSize: number,
  startKey: Item | undefined,
): ScanCommandInput {
  const names = Object.fromEntries(LEGACY_MARKER_ATTRIBUTES.map((name, i) => [`#a${i}`, name]))
  return {
    TableName: tableName,
    ProjectionExpression: Object.keys(names).join(', '),
    ExpressionAttributeNames: names,
    ConsistentRead: true,
    Limit: pageSize,
    ExclusiveStartKey: startKey,
  }
}

/**
 * Puts the legacy index's marker on every ownerless job and takes it off owned ones. This is the
 * one place the table is scanned: a migration step, never a request path. Running it again
 * changes nothing; a run that stopped can continue from its last progress line.
 */
export async function markLegacyJobs(
  ctx: JobsTableContext,
  options: MarkLegacyJobsOptions = {},
): Promise<LegacyMarkerCounts> {
  const counts: LegacyMarkerCounts = { scanned: 0, marked: 0, unmarked: 0, skipped: 0 }
  let startKey: Item | undefined =
    options.resumeFrom === undefined ? undefined : { job_id: options.resumeFrom }

  do {
    const page = await ctx.client.send(
      new ScanCommand(markerScanInput(ctx.tableName, options.pageSize ?? 500, startKey)),
    )
    for (const item of page.Items ?? []) {
      counts.scanned += 1
      const change = legacyMarkerInput(ctx.tableName, item)
      if (change === null) continue

      try {
        await ctx.client.send(new UpdateCommand(change.input))
        counts[change.change === 'mark' ? 'marked' : 'unmarked'] += 1
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error
        counts.skipped += 1
      }
    }

    startKey = page.LastEvaluatedKey
    const lastJobId = typeof startKey?.job_id === 'string' ? startKey.job_id : null
    options.onPage?.({ ...counts }, lastJobId)
  } while (startKey !== undefined)

  return counts
}
