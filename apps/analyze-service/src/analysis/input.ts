import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'

import { AnalysisError } from './errors.js'

// Uploads are untrusted: a playlist or concat list could make ffmpeg open URLs or other local
// files, so only real containers are demuxed, and only from the local file itself.
const ACCEPTED_DEMUXERS = [
  'mov',
  'matroska',
  'webm',
  'avi',
  'flv',
  'mpegts',
  'mpeg',
  'asf',
  'ogg',
  'mxf',
  'h264',
  'hevc',
  'm4v',
].join(',')

export function notAVideo(reason: string, cause?: unknown): AnalysisError {
  return new AnalysisError('not_a_video', `The file is not a readable video: ${reason}`, { cause })
}

/** Input arguments shared by ffprobe and ffmpeg; `file:` keeps a name like `-x` or `http:` literal. */
export function inputArgs(path: string): string[] {
  return [
    '-protocol_whitelist',
    'file',
    '-format_whitelist',
    ACCEPTED_DEMUXERS,
    '-i',
    `file:${resolve(path)}`,
  ]
}

/** Checks the file before any tool runs, so the common failures get a precise reason. */
export async function statInputFile(path: string): Promise<{ sizeBytes: number }> {
  let stats
  try {
    stats = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notAVideo('the file does not exist', error)
    throw new AnalysisError('tool_failed', 'The file could not be read', { cause: error })
  }

  if (!stats.isFile()) throw notAVideo('it is not a regular file')
  if (stats.size === 0) throw notAVideo('the file is empty')

  return { sizeBytes: stats.size }
}

/** Turns what ffprobe/ffmpeg print about an unreadable input into words for a person. */
export function describeUnreadableInput(stderr: string): string | null {
  const rejected = /\[(\w+) @ [^\]]*\] Format not on whitelist/.exec(stderr)
  if (rejected) return `its format (${rejected[1]}) is not an accepted video container`
  if (stderr.includes('moov atom not found')) {
    return 'invalid data (no MP4/MOV index found; the file is truncated or not a video)'
  }
  if (/partial file|End of file/.test(stderr)) return 'the file ends early; it may be truncated'
  if (stderr.includes('Invalid data found when processing input')) {
    return 'invalid data (not a recognised video format)'
  }
  return null
}
