import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb'
import type {
  GlobalSecondaryIndex,
  KeySchemaElement,
  TableDescription,
  UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb'
import {
  JOBS_TABLE_INDEXES,
  KEY_ATTRIBUTE_TYPES,
  indexAttributeDefinitions,
} from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { InfraError } from './errors.js'

const POLL_MS = 500
const REPORT_EVERY_MS = 15_000

export interface IndexPlan {
  /** Indexes the table lacks, in the order they are added. */
  missing: GlobalSecondaryIndex[]
  /** What no migration should change unattended: an index or attribute of another shape. */
  problems: string[]
}

function keyOf(index: { KeySchema?: KeySchemaElement[] | undefined }): string {
  return (index.KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',')
}

/** Compares the table with the product's indexes: which to add, and what stands in the way. */
export function planIndexes(table: TableDescription): IndexPlan {
  const defined = new Map(
    (table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]),
  )
  const present = new Map((table.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]))
  const plan: IndexPlan = { missing: [], problems: [] }

  for (const index of JOBS_TABLE_INDEXES) {
    const name = index.IndexName ?? ''
    const existing = present.get(name)
    if (existing !== undefined && keyOf(existing) !== keyOf(index)) {
      plan.problems.push(`${name} exists with another key (${keyOf(existing)})`)
      continue
    }

    const clashes = indexAttributeDefinitions(index).filter(({ AttributeName: attribute }) => {
      const type = defined.get(attribute)
      return type !== undefined && type !== KEY_ATTRIBUTE_TYPES[attribute ?? '']
    })
    for (const { AttributeName: attribute, AttributeType: needed } of clashes) {
      const found = defined.get(attribute)
      plan.problems.push(
        `${name} needs ${attribute} as ${needed}; the table defines it as ${found}`,
      )
    }
    if (existing === undefined && clashes.length === 0) plan.missing.push(index)
  }

  return plan
}

/** The UpdateTable call adding one index, with capacity only where the table is provisioned. */
export function addIndexInput(
  table: TableDescription,
  index: GlobalSecondaryIndex,
): UpdateTableCommandInput {
  const onDemand = table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST'
  const capacity = {
    ReadCapacityUnits: Math.max(1, table.ProvisionedThroughput?.ReadCapacityUnits ?? 1),
    WriteCapacityUnits: Math.max(1, table.ProvisionedThroughput?.WriteCapacityUnits ?? 1),
  }

  return {
    TableName: table.TableName,
    AttributeDefinitions: indexAttributeDefinitions(index),
    GlobalSecondaryIndexUpdates: [
      { Create: { ...index, ...(onDemand ? {} : { ProvisionedThroughput: capacity }) } },
    ],
  }
}

export async function describeTable(ctx: JobsTableContext): Promise<TableDescription> {
  const { Table: table } = await ctx.client.send(
    new DescribeTableCommand({ TableName: ctx.tableName }),
  )
  if (table === undefined) throw new Error(`DescribeTable answered nothing for ${ctx.tableName}`)
  return table
}

async function waitForIndex(
  ctx: JobsTableContext,
  name: string,
  timeoutMs: number,
  progress: (message: string) => void,
) {
  const started = Date.now()
  let reported = started
  for (;;) {
    const table = await describeTable(ctx)
    const index = table.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === name)
    if (table.TableStatus === 'ACTIVE' && index?.IndexStatus === 'ACTIVE') return

    const now = Date.now()
    if (now - started > timeoutMs) {
      throw new InfraError('migration_failed', `index ${name} is not ACTIVE after ${timeoutMs} ms`)
    }
    if (now - reported >= REPORT_EVERY_MS) {
      reported = now
      progress(`index ${name} is ${index?.IndexStatus ?? 'not listed yet'}; waiting`)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

export interface AddIndexesOptions {
  progress: (message: string) => void
  /** How long one index may take to become ACTIVE; on a large table that is hours. */
  timeoutMs: number
}

/**
 * Adds each index the table lacks, one UpdateTable at a time (DynamoDB takes one new index per
 * call), waiting until it is ACTIVE. Indexes or attributes of another shape are only reported.
 */
export async function addMissingIndexes(ctx: JobsTableContext, options: AddIndexesOptions) {
  const plan = planIndexes(await describeTable(ctx))
  const added: string[] = []

  for (const index of plan.missing) {
    const name = index.IndexName ?? ''
    options.progress(`adding index ${name}`)
    await ctx.client.send(new UpdateTableCommand(addIndexInput(await describeTable(ctx), index)))
    await waitForIndex(ctx, name, options.timeoutMs, options.progress)
    options.progress(`index ${name} is ACTIVE`)
    added.push(name)
  }

  return { added, problems: plan.problems }
}
