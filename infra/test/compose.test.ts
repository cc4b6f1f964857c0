import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { DEFAULT_PORTS, REPO_ROOT, SERVICE_ENTRIES, serviceEnv } from '../src/index.js'
import type { ServiceName, StackWiring } from '../src/index.js'

type ComposeService = {
  image?: string
  build?: { dockerfile_inline?: string }
  command?: string[]
  environment?: Record<string, string>
  ports?: string[]
}

const compose = parse(await readFile(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> }

const APPS: { name: ServiceName; port: number }[] = [
  { name: 'gateway', port: DEFAULT_PORTS.gateway },
  { name: 'analyze-service', port: DEFAULT_PORTS.analyze },
  { name: 'query-service', port: DEFAULT_PORTS.query },
]

// Written by prepare-stack into stack.env, or derived by the services from the ones above.
const SET_AT_RUNTIME = new Set([
  'COGNITO_USER_POOL_ID',
  'COGNITO_CLIENT_IDS',
  'CURSOR_SECRET',
  'COGNITO_ISSUER',
])

const wiring: StackWiring = {
  host: '127.0.0.1',
  ports: { gateway: 1, analyze: 2, query: 3 },
  dynamodbEndpoint: 'http://x',
  region: 'r',
  tableName: 't',
  cognitoEndpoint: 'http://y',
  userPoolId: 'p',
  issuer: 'http://y/p',
  clientId: 'c',
  cursorSecret: 's',
  videoStoreDir: '/v',
}

t.test('the emulators are the ones the design names', async (t) => {
  t.match(compose.services.dynamodb?.image, /^amazon\/dynamodb-local(:|$)/)
  t.match(compose.services.cognito?.image, /^jagregory\/cognito-local(:|$)/)
})

t.test('each app runs the command pnpm start runs, on a Node 22 image', async (t) => {
  for (const { name, port } of APPS) {
    const service = compose.services[name]
    const entry = SERVICE_ENTRIES[name].slice(REPO_ROOT.length)

    t.match(service?.build?.dockerfile_inline, /^FROM node:22/m, `${name} builds from Node 22`)
    t.match(service?.command?.at(-1), new RegExp(`exec node --import tsx ${entry}$`), name)
    t.equal(service?.environment?.PORT, String(port), `${name} listens on its usual port`)
    t.match(service?.ports, [new RegExp(`:${port}$`)])
  }
})

t.test('each app gets every variable of the env contract pnpm start sets', async (t) => {
  for (const { name } of APPS) {
    const contract = Object.keys(serviceEnv(name, wiring, {})).filter(
      (key) => !SET_AT_RUNTIME.has(key),
    )
    const given = compose.services[name]?.environment ?? {}

    t.same(
      contract.filter((key) => !(key in given)),
      [],
      `${name} lacks nothing`,
    )
    t.equal(given.ANALYZE_SERVICE_URL, 'http://analyze-service:3001')
    t.equal(given.QUERY_SERVICE_URL, 'http://query-service:3002')
    t.equal(given.COGNITO_ENDPOINT, 'http://cognito:9229', 'the issuer host cognito-local signs')
    t.equal(given.HOST, '0.0.0.0', 'reachable from the other containers')
  }
  t.match(compose.services.cognito?.environment, { HOST: 'cognito', PORT: '9229' })
})

t.test('the setup step writes what the apps read at start', async (t) => {
  const setup = compose.services.setup
  t.same(setup?.command, ['node', '--import', 'tsx', 'infra/src/prepare-stack.ts', '/stack'])
  for (const { name } of APPS) {
    t.match(compose.services[name]?.command?.at(-1), /^set -a && \. \/stack\/stack\.env && /)
  }
})
