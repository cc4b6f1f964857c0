import { once } from 'node:events'
import { createServer } from 'node:net'
import type { Server } from 'node:net'
import { InfraError } from './errors.js'

export const LOCAL_HOST = '127.0.0.1'

export type NamedPort = { port: number; name: string; variable: string }

async function listen(port: number, host: string): Promise<Server> {
  const server = createServer()
  server.listen(port, host)
  await once(server, 'listening')
  return server
}

async function close(server: Server): Promise<void> {
  server.close()
  await once(server, 'close')
}

export async function isPortFree(port: number, host = LOCAL_HOST): Promise<boolean> {
  try {
    await close(await listen(port, host))
    return true
  } catch {
    return false
  }
}

/** Fails before anything starts, naming the first taken port and the variable that moves it. */
export async function assertPortsFree(ports: readonly NamedPort[]): Promise<void> {
  for (const { port, name, variable } of ports) {
    if (await isPortFree(port)) continue
    throw new InfraError(
      'port_in_use',
      `port ${port} (${name}) is in use; stop what holds it or set ${variable}`,
    )
  }
}

/** `count` distinct ports free right now; all are held together so none repeats. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    for (let i = 0; i < count; i++) servers.push(await listen(0, LOCAL_HOST))
    return servers.map((server) => {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no port assigned')
      return address.port
    })
  } finally {
    await Promise.all(servers.map(close))
  }
}
