import type { Encoding } from './probes.js'

/** Percent-encodes the UTF-8 bytes of `value` except those `keep` allows through. */
export function percentEncode(value: string, keep: (byte: number) => boolean): string {
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    out += keep(byte)
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const UNRESERVED = /[A-Za-z0-9\-._~]/

function isUnreserved(byte: number): boolean {
  return byte < 0x80 && UNRESERVED.test(String.fromCharCode(byte))
}

/** A multipart/form-data body of text fields and files, built in memory. */
export function multipartBody(
  fields: readonly (readonly [string, string])[],
  files: readonly { field: string; filename: string; contentType: string; data: Buffer }[],
): { contentType: string; body: Buffer } {
  const boundary = `----sweep${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [name, value] of fields) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    )
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; ` +
          `filename="${file.filename}"\r\ncontent-type: ${file.contentType}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) }
}

/** How a path segment goes on the wire, and the value the server reads back, if predictable. */
export function encodeSegment(
  value: string,
  encoding: Encoding,
): { path: string; read: string | null } {
  const utf8 = Buffer.from(value, 'utf8').toString('utf8')
  if (encoding === 'plain') return { path: percentEncode(value, isUnreserved), read: utf8 }
  const everyByte = percentEncode(value, () => false)
  if (encoding === 'percent-all') return { path: everyByte, read: utf8 }
  if (encoding === 'double-percent')
    return { path: everyByte.replaceAll('%', '%25'), read: everyByte }

  const path = percentEncode(value, (byte) => byte > 0x20 && byte < 0x7f)
  const structural = /[/?#%\\;]/.test(value) || value === '.' || value === '..'
  return { path, read: structural ? null : utf8 }
}

/** A query string from the parameters that are present, each value percent-encoded. */
export function queryString(params: Record<string, string | null>): string {
  const pairs = Object.entries(params).filter(
    (entry): entry is [string, string] => entry[1] !== null,
  )
  if (pairs.length === 0) return ''
  const encoded = pairs.map(([name, value]) => `${name}=${percentEncode(value, isUnreserved)}`)
  return `?${encoded.join('&')}`
}

function escapedString(value: string): string {
  let out = ''
  for (const char of value) {
    out += /[a-z0-9./]/.test(char)
      ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
      : JSON.stringify(char).slice(1, -1)
  }
  return `"${out}"`
}

/** JSON meaning the same as JSON.stringify's, with every letter, digit, dot and slash escaped. */
export function escapedJson(value: unknown): string {
  if (typeof value === 'string') return escapedString(value)
  if (Array.isArray(value)) return `[${value.map(escapedJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([name, member]) => `${escapedString(name)}:${escapedJson(member)}`,
    )
    return `{${members.join(',')}}`
  }
  return JSON.stringify(value)
}
