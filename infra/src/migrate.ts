// `pnpm migrate [--resume-from <job_id>]`: brings the jobs table to the product's shape: creates
// it when missing, adds the indexes it lacks, marks ownerless legacy jobs for the legacy index.
import { isJobId } from '@proov/domain'
import { createJobsTableContext, jobsTableSettingsFromEnv } from '@proov/jobs-table'
import { migrateJobsTable } from './migrations.js'

const USAGE = 'usage: pnpm migrate [--resume-from <job_id>]'

function resumeFromArgs(args: readonly string[]): string | undefined {
  const [first, ...others] = args
  if (first === undefined) return undefined

  const equals = first.indexOf('=')
  const flag = equals === -1 ? first : first.slice(0, equals)
  const value = equals === -1 ? others.shift() : first.slice(equals + 1)
  if (flag !== '--resume-from' || value === undefined || !isJobId(value) || others.length > 0) {
    console.error(USAGE)
    process.exit(2)
  }
  return value
}

const args = process.argv.slice(2).filter((arg) => arg !== '--')
const resumeFrom = resumeFromArgs(args)
const settings = jobsTableSettingsFromEnv(process.env)
const jobsTable = createJobsTableContext(settings)
const where = settings.endpoint ?? `AWS ${settings.region}`

try {
  console.log(`migrate: table ${settings.tableName} on ${where}`)
  const outcome = await migrateJobsTable(jobsTable, {
    resumeFrom,
    progress: (message) => console.log(`migrate: ${message}`),
  })

  const { marked, unmarked, skipped, scanned } = outcome.legacyMarkers
  console.log(
    `migrate: ${outcome.changes} ${outcome.changes === 1 ? 'change' : 'changes'}: ` +
      `${outcome.created ? 'table created, ' : ''}` +
      `${outcome.addedIndexes.length} indexes added, ${marked} legacy jobs marked, ` +
      `${unmarked} unmarked (${scanned} items scanned, ${skipped} skipped)`,
  )
  if (skipped > 0) console.log('migrate: skipped items changed meanwhile; run it again')
  if (outcome.problems.length > 0) {
    console.error(`migrate: fix by hand, then run again: ${outcome.problems.join('; ')}`)
    process.exitCode = 1
  }
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error)
  console.error(`migrate: could not migrate ${settings.tableName} on ${where}: ${reason}`)
  process.exitCode = 1
} finally {
  jobsTable.client.destroy()
}
