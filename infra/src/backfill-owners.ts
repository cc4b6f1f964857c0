// `pnpm backfill-owners <file.csv>`: gives legacy jobs their owners from `job_id,user_id` lines.
// Exits 1 when a line is invalid or names a job someone else owns, 2 on a usage error.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createJobsTableContext, jobsTableSettingsFromEnv } from '@proov/jobs-table'
import { backfillOwners, describeCounts } from './owner-backfill.js'
import type { OwnerLineOutcome } from './owner-backfill.js'
import { parseOwnerFile } from './owner-file.js'
import type { OwnerFile } from './owner-file.js'

const REPORTED: Partial<Record<OwnerLineOutcome, string>> = {
  conflict: 'owned by another user; left as it is',
  not_found: 'no such job',
}

const path = process.argv.slice(2).find((arg) => arg !== '--')
if (path === undefined) {
  console.error('usage: pnpm backfill-owners <file.csv>   (lines of job_id,user_id)')
  process.exit(2)
}

// pnpm runs root scripts from the root; a relative path means the caller's own directory.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), path)
let owners: OwnerFile
try {
  owners = parseOwnerFile(await readFile(file, 'utf8'))
} catch (error) {
  console.error(`backfill-owners: ${file}: ${error instanceof Error ? error.message : error}`)
  process.exit(2)
}
for (const { line, reason } of owners.invalid) console.error(`line ${line}: ${reason}`)

const settings = jobsTableSettingsFromEnv(process.env)
const jobsTable = createJobsTableContext(settings)
try {
  const counts = await backfillOwners(jobsTable, owners, {
    now: Date.now() / 1000,
    onLine: (row, outcome) => {
      const problem = REPORTED[outcome]
      if (problem !== undefined) console.error(`line ${row.line}: job ${row.jobId}: ${problem}`)
    },
  })

  console.log(`backfill-owners: ${describeCounts(counts)}`)
  if (counts.conflicts > 0 || counts.invalid > 0) process.exitCode = 1
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error)
  console.error(`backfill-owners: stopped on ${settings.tableName}: ${reason}`)
  process.exitCode = 1
} finally {
  jobsTable.client.destroy()
}
