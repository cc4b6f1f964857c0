import t from 'tap'
import { prefixedOutput } from '../src/index.js'
import { spawnService, waitUntilHealthy } from '../src/services.js'
import { freePorts } from '../src/ports.js'
import { Writable } from 'node:stream'

t.test('output lines carry the name of the service that printed them', async (t) => {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })

  prefixedOutput(sink)('gateway', '{"msg":"listening"}')
  prefixedOutput(sink)('analyze-service', 'ready')

  t.same(lines, ['gateway         | {"msg":"listening"}\n', 'analyze-service | ready\n'])
})

t.test('a service that exits while starting fails the start with its own words', async (t) => {
  const [port] = await freePorts(1)
  const printed: string[] = []
  // No CURSOR_SECRET and no Cognito settings: the query-service refuses to start.
  const service = spawnService({
    name: 'query-service',
    url: `http://127.0.0.1:${port}`,
    env: { PATH: process.env.PATH, PORT: String(port) },
    output: (_service, line) => printed.push(line),
  })
  t.teardown(() => service.stop())

  await t.rejects(waitUntilHealthy(service, 60_000), {
    name: 'InfraError',
    code: 'service_start_failed',
    message: /query-service exited with code [1-9][\s\S]*(CURSOR_SECRET|COGNITO)/,
  })
  const exit = await service.exited
  t.not(exit.code, 0)
  t.ok(printed.length > 0, 'its output went to the sink too')
})
