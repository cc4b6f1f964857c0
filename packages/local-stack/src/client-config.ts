// The emulators accept any signature, so fixed throw-away credentials keep real ones out of play.
const EMULATOR_REGION = 'us-east-1'
const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const

export type EmulatorClientConfig = {
  endpoint: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string }
}

export function emulatorClientConfig(endpoint: string): EmulatorClientConfig {
  return { endpoint, region: EMULATOR_REGION, credentials: { ...EMULATOR_CREDENTIALS } }
}
