import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * Videos on the local filesystem, one file per key under a root folder. Files appear under their
 * key only once completely written (written to a temporary name, then renamed).
 */
export interface LocalVideoStore {
  readonly bucket: string
  pathOf(key: string): string
  save(key: string, body: Readable): Promise<{ bytes: number }>
  exists(key: string): Promise<boolean>
  remove(key: string): Promise<void>
}

/** Removes the folders a removed file leaves empty, up to (not including) the store's root. */
async function removeEmptyFolders(folder: string, root: string) {
  for (let current = folder; current.startsWith(root + sep); current = dirname(current)) {
    try {
      await rmdir(current)
    } catch {
      return // not empty, or already gone
    }
  }
}

export function createLocalVideoStore(root: string, bucket: string): LocalVideoStore {
  const base = resolve(root)

  const pathOf = (key: string) => {
    const path = resolve(base, key)
    if (!path.startsWith(base + sep)) throw new RangeError('storage key leaves the store')
    return path
  }

  return {
    bucket,
    pathOf,

    async save(key, body) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      const partial = join(dirname(path), `.partial-${randomUUID()}`)
      let bytes = 0
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx' }))
        await rename(partial, path)
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
      return { bytes }
    },

    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile()
      } catch {
        return false
      }
    },

    async remove(key) {
      const path = pathOf(key)
      await rm(path, { force: true })
      await removeEmptyFolders(dirname(path), base)
    },
  }
}
