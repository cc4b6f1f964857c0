import { randomUUID } from 'node:crypto'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function newJobId(): string {
  return randomUUID()
}

/** Job and session ids, old and new, are UUIDs; anything else cannot name a job. */
export function isJobId(value: string): boolean {
  return UUID_PATTERN.test(value)
}
