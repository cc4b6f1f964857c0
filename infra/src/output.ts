import type { OutputSink } from './services.js'

const WIDTH = 'analyze-service'.length

/** Writes each service line as `name | line`, the way compose tools show mixed logs. */
export function prefixedOutput(stream: NodeJS.WritableStream = process.stdout): OutputSink {
  return (service, line) => {
    stream.write(`${service.padEnd(WIDTH)} | ${line}\n`)
  }
}
