import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb'
import type { JobsTableContext } from './client.js'
import { createJobsTableInput } from './table.js'

async function isActive(ctx: JobsTableContext): Promise<boolean | null> {
  try {
    const { Table: table } = await ctx.client.send(
      new DescribeTableCommand({ TableName: ctx.tableName }),
    )
    const indexes = table?.GlobalSecondaryIndexes ?? []
    return table?.TableStatus === 'ACTIVE' && indexes.every((i) => i.IndexStatus === 'ACTIVE')
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null
    throw error
  }
}

/** Creates the jobs table with its indexes when it is missing; waits until it is active. */
export async function ensureJobsTable(ctx: JobsTableContext, timeoutMs = 60_000) {
  let created = false
  if ((await isActive(ctx)) === null) {
    try {
      await ctx.client.send(new CreateTableCommand(createJobsTableInput(ctx.tableName)))
      created = true
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error
    }
  }

  const deadline = Date.now() + timeoutMs
  while ((await isActive(ctx)) !== true) {
    if (Date.now() > deadline) throw new Error(`table ${ctx.tableName} did not become active`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  return { created }
}

/** Readiness: the table answers. */
export async function pingJobsTable(ctx: JobsTableContext): Promise<boolean> {
  try {
    return (await isActive(ctx)) === true
  } catch {
    return false
  }
}
