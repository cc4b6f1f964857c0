import { buildGateway } from './app.js'
import { gatewaySettingsFromEnv } from './config.js'

const settings = gatewaySettingsFromEnv(process.env)
const app = await buildGateway({ analyzeUrl: settings.analyzeUrl, queryUrl: settings.queryUrl })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down')
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}

await app.listen({ host: settings.host, port: settings.port })
