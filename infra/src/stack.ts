import { createJobsTableContext, DEFAULT_JOBS_TABLE } from '@proov/jobs-table'
import {
  DEMO_USERS,
  ensureUserPool,
  startCognitoLocal,
  startDynamoDbLocal,
} from '@proov/local-stack'
import type { UserPoolInfo } from '@proov/local-stack'
import { mkdir } from 'node:fs/promises'
import { dataLayout, ensureCursorSecret, removeStackFile, writeStackFile } from './data-dir.js'
import type { DataLayout } from './data-dir.js'
import { InfraError } from './errors.js'
import { migrateJobsTable } from './migrations.js'
import type { ServiceName } from './paths.js'
import { LOCAL_HOST, assertPortsFree, freePorts } from './ports.js'
import type { NamedPort } from './ports.js'
import { serviceEnv, serviceUrl } from './service-env.js'
import type { StackWiring } from './service-env.js'
import { describeExit, spawnService, waitUntilHealthy } from './services.js'
import type { OutputSink, RunningService } from './services.js'
import { PORT_LABELS, PORT_VARIABLES } from './settings.js'
import type { StackPorts } from './settings.js'

export type StartStackOptions = {
  dataDir: string
  /** 0 picks a free port. */
  ports: StackPorts
  /** A DynamoDB that already runs; absent starts DynamoDB Local with its files in the data folder. */
  dynamodbEndpoint?: string
  /** A user pool that already exists (with the demo users); absent starts cognito-local. */
  userPool?: UserPoolInfo
  tableName?: string
  /** The services' environment before the stack's wiring goes on top. */
  env?: NodeJS.ProcessEnv
  output?: OutputSink
  progress?: (message: string) => void
  /** Aborting stops whatever has started and rejects with the signal's reason. */
  signal?: AbortSignal
  serviceStartTimeoutMs?: number
}

export type LocalStack = {
  gatewayUrl: string
  serviceUrls: Record<ServiceName, string>
  dynamodbEndpoint: string
  userPool: UserPoolInfo
  tableName: string
  layout: DataLayout
  /** Settles, with the reason, when a service stops while the stack is meant to be running. */
  failed: Promise<InfraError>
  /** Stops the services, then the emulators; safe to call more than once. */
  stop(): Promise<void>
}

export const LOCAL_POOL_NAME = 'proov-local'
export const LOCAL_CLIENT_NAME = 'proov-local-web'
const LOCAL_REGION = 'us-east-1'
const SERVICE_START_TIMEOUT_MS = 60_000

type Stopper = () => Promise<void>

export async function startStack(opts: StartStackOptions): Promise<LocalStack> {
  const progress = opts.progress ?? (() => {})
  const layout = dataLayout(opts.dataDir)
  const ports = await choosePorts(opts)
  const emulators: Stopper[] = []
  const services: RunningService[] = []
  const stopAll = async () => {
    await Promise.allSettled(services.map((service) => service.stop()))
    await Promise.allSettled(emulators.map((stop) => stop()))
  }

  try {
    const check = () => opts.signal?.throwIfAborted()
    await mkdir(layout.root, { recursive: true })

    let dynamodbEndpoint = opts.dynamodbEndpoint
    if (dynamodbEndpoint === undefined) {
      const dynamo = await startDynamoDbLocal({ port: ports.dynamodb, dataDir: layout.dynamodb })
      emulators.push(dynamo.stop)
      dynamodbEndpoint = dynamo.endpoint
      progress(`DynamoDB Local on ${dynamodbEndpoint}, data in ${layout.dynamodb}`)
    }
    check()

    let userPool = opts.userPool
    if (userPool === undefined) {
      const cognito = await startCognitoLocal({ port: ports.cognito, dataDir: layout.cognito })
      emulators.push(cognito.stop)
      progress(`cognito-local on ${cognito.endpoint}, data in ${layout.cognito}`)
      userPool = await ensureUserPool({
        endpoint: cognito.endpoint,
        poolName: LOCAL_POOL_NAME,
        clientName: LOCAL_CLIENT_NAME,
        users: DEMO_USERS,
      })
    }
    check()

    const tableName = opts.tableName ?? DEFAULT_JOBS_TABLE
    const jobsTable = createJobsTableContext({
      tableName,
      endpoint: dynamodbEndpoint,
      region: LOCAL_REGION,
    })
    try {
      // A table kept in the data folder from an earlier version gets the indexes added since.
      const { created, changes, problems } = await migrateJobsTable(jobsTable)
      if (problems.length > 0) throw new InfraError('migration_failed', problems.join('; '))
      progress(`table ${tableName} ${created ? 'created' : `already there, ${changes} changes`}`)
    } finally {
      jobsTable.client.destroy()
    }

    const wiring: StackWiring = {
      host: LOCAL_HOST,
      ports,
      dynamodbEndpoint,
      region: LOCAL_REGION,
      tableName,
      cognitoEndpoint: userPool.endpoint,
      userPoolId: userPool.userPoolId,
      issuer: userPool.issuer,
      clientId: userPool.clientId,
      cursorSecret: await ensureCursorSecret(layout),
      videoStoreDir: layout.videos,
    }
    check()

    const launch = async (name: ServiceName) => {
      const service = spawnService({
        name,
        url: serviceUrl(wiring, name),
        env: serviceEnv(name, wiring, opts.env ?? process.env),
        output: opts.output ?? (() => {}),
      })
      services.push(service)
      await waitUntilHealthy(service, opts.serviceStartTimeoutMs ?? SERVICE_START_TIMEOUT_MS)
      progress(`${name} on ${service.url}`)
    }
    // The gateway last: it may check its upstreams as it starts.
    await Promise.all([launch('analyze-service'), launch('query-service')])
    check()
    await launch('gateway')
    check()

    const gatewayUrl = serviceUrl(wiring, 'gateway')
    await writeStackFile(layout, {
      gatewayUrl,
      cognitoEndpoint: userPool.endpoint,
      userPoolId: userPool.userPoolId,
      clientId: userPool.clientId,
      dynamodbEndpoint,
      tableName,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    })

    return runningStack({ layout, wiring, userPool, services, stopAll })
  } catch (error) {
    await stopAll()
    throw error
  }
}

function runningStack(parts: {
  layout: DataLayout
  wiring: StackWiring
  userPool: UserPoolInfo
  services: RunningService[]
  stopAll: Stopper
}): LocalStack {
  const { layout, wiring, services } = parts
  let stopping: Promise<void> | undefined

  // LIMITATION: only services are watched; an emulator dying mid-run shows up as failing requests
  const failed = new Promise<InfraError>((resolve) => {
    for (const service of services) {
      void service.exited.then((exit) => {
        if (stopping !== undefined) return
        const detail = `${service.name} ${describeExit(exit)}; its output ended with:\n${service.outputTail()}`
        resolve(new InfraError('service_exited', detail))
      })
    }
  })

  return {
    gatewayUrl: serviceUrl(wiring, 'gateway'),
    serviceUrls: {
      'analyze-service': serviceUrl(wiring, 'analyze-service'),
      'query-service': serviceUrl(wiring, 'query-service'),
      gateway: serviceUrl(wiring, 'gateway'),
    },
    dynamodbEndpoint: wiring.dynamodbEndpoint,
    userPool: parts.userPool,
    tableName: wiring.tableName,
    layout,
    failed,
    stop() {
      stopping ??= (async () => {
        await removeStackFile(layout)
        await parts.stopAll()
      })()
      return stopping
    },
  }
}

/** Fixed ports must be free before anything starts; ports given as 0 are picked now. */
async function choosePorts(opts: StartStackOptions): Promise<StackPorts> {
  const needed = (Object.keys(opts.ports) as (keyof StackPorts)[]).filter(
    (key) =>
      !(key === 'dynamodb' && opts.dynamodbEndpoint !== undefined) &&
      !(key === 'cognito' && opts.userPool !== undefined),
  )

  const fixed: NamedPort[] = needed
    .filter((key) => opts.ports[key] !== 0)
    .map((key) => ({
      port: opts.ports[key],
      name: PORT_LABELS[key],
      variable: PORT_VARIABLES[key],
    }))
  await assertPortsFree(fixed)

  const ports = { ...opts.ports }
  const open = needed.filter((key) => ports[key] === 0)
  const picked = await freePorts(open.length)
  open.forEach((key, i) => (ports[key] = picked[i] ?? 0))
  return ports
}
