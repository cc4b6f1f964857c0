const MAX_KEY_LENGTH = 1024
const MAX_FILE_NAME_LENGTH = 200
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g

export function ownerPrefix(userId: string): string {
  return `users/${userId}/`
}

/**
 * Whether a storage key lies under the owner's prefix, read the strict way: no `.` or `..`
 * segments, no empty segments, no backslashes or control characters that a store might
 * interpret differently from a plain prefix comparison.
 */
export function isKeyOwnedBy(key: string, userId: string): boolean {
  if (key.length > MAX_KEY_LENGTH || key.includes('\\')) return false
  if (new RegExp(CONTROL_CHARACTERS.source).test(key)) return false
  if (!key.startsWith(ownerPrefix(userId))) return false

  const segments = key.split('/')
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/** A file name safe to use as the last segment of a key, keeping what the person called it. */
export function safeFileName(name: string | undefined): string {
  const last = (name ?? '').split(/[/\\]/).pop() ?? ''
  const cleaned = last.replace(CONTROL_CHARACTERS, '').trim().slice(0, MAX_FILE_NAME_LENGTH)

  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'video' : cleaned
}

export function uploadKey(userId: string, sessionId: string, jobId: string, fileName: string) {
  return `${ownerPrefix(userId)}sessions/${sessionId}/${jobId}/${safeFileName(fileName)}`
}
