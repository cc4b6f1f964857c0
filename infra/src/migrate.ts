// `pnpm migrate`: creates the jobs table and its indexes where they are missing.
import { createJobsTableContext, jobsTableSettingsFromEnv } from '@proov/jobs-table'
import { migrateJobsTable } from './migrations.js'

const settings = jobsTableSettingsFromEnv(process.env)
const jobsTable = createJobsTableContext(settings)
const where = settings.endpoint ?? `AWS ${settings.region}`

try {
  const { created, missingIndexes } = await migrateJobsTable(jobsTable)
  if (created)
    console.log(`migrate: created table ${settings.tableName} and its indexes on ${where}`)
  else console.log(`migrate: table ${settings.tableName} already exists on ${where}`)

  if (missingIndexes.length > 0) {
    console.error(`migrate: the table lacks ${missingIndexes.join(', ')}; add them before use`)
    process.exitCode = 1
  }
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error)
  console.error(`migrate: could not migrate ${settings.tableName} on ${where}: ${reason}`)
  process.exitCode = 1
} finally {
  jobsTable.client.destroy()
}
