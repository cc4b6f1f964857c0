import { once } from 'node:events'
import { createServer } from 'node:net'
import t from 'tap'
import { assertPortsFree, freePorts, isPortFree } from '../src/index.js'

t.test('free ports are distinct and free', async (t) => {
  const ports = await freePorts(5)

  t.equal(new Set(ports).size, 5)
  for (const port of ports) t.ok(await isPortFree(port))
})

t.test('a taken port fails with its number, its owner and the variable to move it', async (t) => {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const [free] = await freePorts(1)

  t.notOk(await isPortFree(address.port))
  await t.rejects(
    assertPortsFree([
      { port: free ?? 0, name: 'analyze-service', variable: 'ANALYZE_PORT' },
      { port: address.port, name: 'gateway', variable: 'GATEWAY_PORT' },
    ]),
    {
      name: 'InfraError',
      code: 'port_in_use',
      message: new RegExp(`port ${address.port} \\(gateway\\) is in use.*set GATEWAY_PORT$`),
    },
  )
})
