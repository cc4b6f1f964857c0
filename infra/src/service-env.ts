import type { ServiceName } from './paths.js'

/** What every service is told about the stack; names follow the shared env contract. */
export type StackWiring = {
  host: string
  ports: { gateway: number; analyze: number; query: number }
  dynamodbEndpoint: string
  region: string
  tableName: string
  cognitoEndpoint: string
  userPoolId: string
  issuer: string
  clientId: string
  cursorSecret: string
  videoStoreDir: string
}

const PORT_OF: Record<ServiceName, keyof StackWiring['ports']> = {
  'analyze-service': 'analyze',
  'query-service': 'query',
  gateway: 'gateway',
}

export function serviceUrl(wiring: StackWiring, service: ServiceName): string {
  return `http://${wiring.host}:${wiring.ports[PORT_OF[service]]}`
}

/**
 * The environment of one service: the caller's (PATH, LOG_LEVEL, WORKER_* …) with the stack's
 * wiring on top, so a stray variable from the shell cannot point a service elsewhere.
 */
export function serviceEnv(
  service: ServiceName,
  wiring: StackWiring,
  base: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    HOST: wiring.host,
    PORT: String(wiring.ports[PORT_OF[service]]),
    ANALYZE_SERVICE_URL: serviceUrl(wiring, 'analyze-service'),
    QUERY_SERVICE_URL: serviceUrl(wiring, 'query-service'),
    DYNAMODB_ENDPOINT: wiring.dynamodbEndpoint,
    AWS_REGION: wiring.region,
    JOBS_TABLE: wiring.tableName,
    COGNITO_ENDPOINT: wiring.cognitoEndpoint,
    COGNITO_USER_POOL_ID: wiring.userPoolId,
    COGNITO_ISSUER: wiring.issuer,
    COGNITO_CLIENT_IDS: wiring.clientId,
    COGNITO_TOKEN_USE: 'id',
    CURSOR_SECRET: wiring.cursorSecret,
    VIDEO_STORE_DIR: wiring.videoStoreDir,
  }
  // A test runner's loaders (coverage, process tracking) have no business in a service.
  delete env.NODE_OPTIONS
  return env
}
