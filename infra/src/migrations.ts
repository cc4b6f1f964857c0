import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import legacyFixture from '@proov/domain/fixtures/legacy-jobs.json' with { type: 'json' }
import { JOBS_TABLE_INDEXES, ensureJobsTable } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'

export type MigrationOutcome = {
  created: boolean
  /** Indexes the product needs that an existing table lacks; nothing adds them yet. */
  missingIndexes: string[]
}

/** Creates the jobs table with its indexes when it is missing, and says what an old one lacks. */
export async function migrateJobsTable(ctx: JobsTableContext): Promise<MigrationOutcome> {
  const { created } = await ensureJobsTable(ctx)

  const { Table: table } = await ctx.client.send(
    new DescribeTableCommand({ TableName: ctx.tableName }),
  )
  const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName))
  // LIMITATION: indexes missing from an existing table are reported, not added; that migration comes later
  const missingIndexes = JOBS_TABLE_INDEXES.map((index) => index.IndexName ?? '').filter(
    (name) => !present.has(name),
  )
  return { created, missingIndexes }
}

export const LEGACY_FIXTURE_ITEMS: readonly Record<string, unknown>[] = legacyFixture.items

/** Writes the legacy fixture items as they are, for trying legacy reads by hand or in tests. */
export async function loadLegacyFixtures(ctx: JobsTableContext): Promise<number> {
  for (const item of LEGACY_FIXTURE_ITEMS) {
    await ctx.client.send(new PutCommand({ TableName: ctx.tableName, Item: item }))
  }
  return LEGACY_FIXTURE_ITEMS.length
}
