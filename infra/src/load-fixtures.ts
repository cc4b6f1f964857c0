// `pnpm --filter @proov/infra load-fixtures`: puts the legacy fixture items into a local jobs
// table: DYNAMODB_ENDPOINT's, else the one of the stack `pnpm start` runs.
import { createJobsTableContext, jobsTableSettingsFromEnv } from '@proov/jobs-table'
import type { JobsTableSettings } from '@proov/jobs-table'
import { dataLayout, readStackFile } from './data-dir.js'
import { markLegacyJobs } from './legacy-markers.js'
import { loadLegacyFixtures } from './migrations.js'
import { stackSettingsFromEnv } from './settings.js'

async function localTable(env: NodeJS.ProcessEnv): Promise<JobsTableSettings> {
  const settings = jobsTableSettingsFromEnv(env)
  if (settings.endpoint !== undefined) return settings

  // Synthetic items have no place in a real table, so AWS is never the default here.
  const stack = await readStackFile(dataLayout(stackSettingsFromEnv(env).dataDir))
  return { ...settings, endpoint: stack.dynamodbEndpoint, tableName: stack.tableName }
}

try {
  const settings = await localTable(process.env)
  const jobsTable = createJobsTableContext(settings)
  try {
    const count = await loadLegacyFixtures(jobsTable)
    console.log(
      `load-fixtures: wrote ${count} legacy items into ${settings.tableName} on ${settings.endpoint}`,
    )
    // As `pnpm migrate` would: the ownerless ones join the operators' legacy list.
    const { marked } = await markLegacyJobs(jobsTable)
    console.log(`load-fixtures: marked ${marked} ownerless jobs for the legacy list`)
  } finally {
    jobsTable.client.destroy()
  }
} catch (error) {
  console.error(`load-fixtures: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
