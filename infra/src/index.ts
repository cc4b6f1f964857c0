export { dataLayout, ensureCursorSecret, readStackFile, StackFileSchema } from './data-dir.js'
export type { DataLayout, StackFile } from './data-dir.js'
export { runDemo } from './demo/run-demo.js'
export type { DemoCheck, DemoReport, DemoUserName, RunDemoOptions } from './demo/run-demo.js'
export {
  checkBlackSegments,
  checkMediaInfo,
  checkOrder,
  checkReadableReason,
  TIME_TOLERANCE_SECONDS,
} from './demo/checks.js'
export type { TimeRange, Verdict } from './demo/checks.js'
export { collectPages, expectAnswer, gatewayClient } from './demo/gateway-client.js'
export type { GatewayAnswer, GatewayClient, UploadFile } from './demo/gateway-client.js'
export { InfraError, isInfraError } from './errors.js'
export type { InfraErrorCode } from './errors.js'
export { markLegacyJobs, markerScanInput } from './legacy-markers.js'
export type { LegacyMarkerCounts, MarkLegacyJobsOptions } from './legacy-markers.js'
export { LEGACY_FIXTURE_ITEMS, loadLegacyFixtures, migrateJobsTable } from './migrations.js'
export type { MigrateOptions, MigrationOutcome } from './migrations.js'
export { backfillOwners, describeCounts } from './owner-backfill.js'
export type {
  BackfillOwnersOptions,
  OwnerBackfillCounts,
  OwnerLineOutcome,
} from './owner-backfill.js'
export { parseOwnerFile } from './owner-file.js'
export type { InvalidOwnerLine, OwnerFile, OwnerLine } from './owner-file.js'
export { prefixedOutput } from './output.js'
export { REPO_ROOT, SERVICE_ENTRIES, tsxLoaderUrl } from './paths.js'
export type { ServiceName } from './paths.js'
export { assertPortsFree, freePorts, isPortFree } from './ports.js'
export { serviceEnv, serviceUrl } from './service-env.js'
export type { StackWiring } from './service-env.js'
export type { OutputSink } from './services.js'
export { DEFAULT_PORTS, PORT_VARIABLES, stackSettingsFromEnv } from './settings.js'
export type { StackPorts, StackSettings } from './settings.js'
export { LOCAL_CLIENT_NAME, LOCAL_POOL_NAME, startStack } from './stack.js'
export type { LocalStack, StartStackOptions } from './stack.js'
export { addIndexInput, addMissingIndexes, describeTable, planIndexes } from './table-indexes.js'
export type { AddIndexesOptions, IndexPlan } from './table-indexes.js'
export { findDemoUser, idTokenForDemoUser, idTokenFromStack } from './tokens.js'
