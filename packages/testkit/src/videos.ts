import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** What every generated video is: H.264 + (for withBlack) AAC in MP4. */
export const TEST_VIDEO_FORMAT = {
  width: 320,
  height: 240,
  fps: 25,
  videoCodec: 'h264',
  audioCodec: 'aac',
  audioSampleRate: 44100,
} as const

export interface TimeRange {
  start: number
  end: number
}

export interface MakeTestVideosOptions {
  /** Length of both videos, in seconds. Default 7. */
  durationSeconds?: number
  /** Where withBlack is black. Default 1.0–2.0 s and 4.0–5.5 s. */
  blackSegments?: TimeRange[]
  /** Defaults to FFMPEG_PATH, then the binary of @ffmpeg-installer/ffmpeg. */
  ffmpegPath?: string
}

export interface TestVideos {
  /** `blackSegments` are the exact black runs, snapped to frame boundaries. */
  withBlack: { path: string; blackSegments: TimeRange[]; durationSeconds: number }
  plain: { path: string; durationSeconds: number }
  notVideo: { path: string }
}

const DEFAULT_BLACK_SEGMENTS: readonly TimeRange[] = [
  { start: 1, end: 2 },
  { start: 4, end: 5.5 },
]
const FFMPEG_TIMEOUT_MS = 30_000

function defaultFfmpegPath(): string {
  const fromEnv = process.env.FFMPEG_PATH?.trim()
  if (fromEnv) return fromEnv
  const require = createRequire(import.meta.url)
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path
}

function runFfmpeg(ffmpegPath: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), FFMPEG_TIMEOUT_MS)

    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`ffmpeg failed (${code ?? signal}) making a test video: ${stderr}`))
    })
  })
}

// Frame numbers rather than times select the black frames: `t` is a float and lands on either
// side of a boundary, `n` does not.
function toFrameRanges(segments: readonly TimeRange[], durationSeconds: number) {
  const { fps } = TEST_VIDEO_FORMAT
  return segments.map(({ start, end }) => {
    if (!(start >= 0 && start < end && end <= durationSeconds)) {
      throw new RangeError(`black segment ${start}–${end} must lie within 0–${durationSeconds}`)
    }
    return { first: Math.round(start * fps), next: Math.round(end * fps) }
  })
}

function encoderArgs(durationSeconds: number, path: string): string[] {
  return [
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-pix_fmt', 'yuv420p'],
    ...['-t', String(durationSeconds), '-y', path],
  ]
}

function videoSource(durationSeconds: number): string[] {
  const { width, height, fps } = TEST_VIDEO_FORMAT
  const source = `testsrc2=size=${width}x${height}:rate=${fps}:duration=${durationSeconds}`
  return ['-f', 'lavfi', '-i', source]
}

/**
 * Writes three small files into `dir`: an MP4 with black stretches at known times and a sine
 * audio track, an MP4 without black frames or audio, and a text file named like an MP4.
 */
export async function makeTestVideos(
  dir: string,
  opts: MakeTestVideosOptions = {},
): Promise<TestVideos> {
  const durationSeconds = opts.durationSeconds ?? 7
  const frames = toFrameRanges(opts.blackSegments ?? DEFAULT_BLACK_SEGMENTS, durationSeconds)
  const ffmpegPath = opts.ffmpegPath ?? defaultFfmpegPath()
  const { fps, audioSampleRate } = TEST_VIDEO_FORMAT

  await mkdir(dir, { recursive: true })
  const withBlackPath = join(dir, 'with-black.mp4')
  const plainPath = join(dir, 'plain.mp4')
  const notVideoPath = join(dir, 'not-a-video.mp4')

  const blackFrames = frames.map(({ first, next }) => `between(n,${first},${next - 1})`).join('+')
  const blackFilter =
    frames.length > 0 ? ['-vf', `lutyuv=y=16:u=128:v=128:enable='${blackFrames}'`] : []
  const sine = `sine=frequency=440:sample_rate=${audioSampleRate}:duration=${durationSeconds}`
  const common = ['-hide_banner', '-nostdin', '-v', 'error']

  await Promise.all([
    runFfmpeg(ffmpegPath, [
      ...common,
      ...videoSource(durationSeconds),
      ...['-f', 'lavfi', '-i', sine, '-map', '0:v', '-map', '1:a'],
      ...blackFilter,
      ...['-c:a', 'aac', '-b:a', '64k'],
      ...encoderArgs(durationSeconds, withBlackPath),
    ]),
    runFfmpeg(ffmpegPath, [
      ...common,
      ...videoSource(durationSeconds),
      ...encoderArgs(durationSeconds, plainPath),
    ]),
    writeFile(notVideoPath, 'This is a plain text file, not a video.\n'),
  ])

  return {
    withBlack: {
      path: withBlackPath,
      blackSegments: frames.map(({ first, next }) => ({ start: first / fps, end: next / fps })),
      durationSeconds,
    },
    plain: { path: plainPath, durationSeconds },
    notVideo: { path: notVideoPath },
  }
}
