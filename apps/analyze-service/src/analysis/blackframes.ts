import type { AnalysisBinaries } from './binaries.js'
import { AnalysisError } from './errors.js'
import { describeUnreadableInput, inputArgs, notAVideo } from './input.js'
import { probeVideo } from './media-info.js'
import type { ProbeOptions, VideoProbe } from './media-info.js'
import { runProcess, ToolProcessError } from './run-process.js'
import type { ProcessRun } from './run-process.js'

// Decoding is usually many times faster than real time; the margin covers slow machines.
const BASE_TIMEOUT_MS = 120_000

export interface BlackSegment {
  start: number
  end: number
  duration: number
}

export interface BlackframesSettings {
  min_duration_seconds: number
  picture_threshold: number
  pixel_threshold: number
}

export interface BlackframesResult {
  segments: BlackSegment[]
  count: number
  total_black_seconds: number
  video_duration_seconds: number | null
  settings: BlackframesSettings
}

export interface BlackframesOptions extends ProbeOptions {
  /** Shortest black run reported, in seconds. */
  minDurationSeconds?: number
  /** Share of a frame's pixels that must be black for the frame to count as black. */
  pictureThreshold?: number
  /** Luminance (0–1 of the range) at or below which a pixel counts as black. */
  pixelThreshold?: number
}

const BLACK_LINE = /black_start:\s*([-\d.e+]+)\s+black_end:\s*([-\d.e+]+)/
const FRAME_COUNT = /frame=\s*(\d+)/
const MISSING_DECODER = /Decoder \(codec (\w+)\) not found/
const MISSING_FILTER = /No such filter: '(\w+)'/

function roundTo3(value: number): number {
  return Math.round(value * 1000) / 1000
}

export function blackframesSettings(opts: BlackframesOptions = {}): BlackframesSettings {
  const settings = {
    min_duration_seconds: opts.minDurationSeconds ?? 0.5,
    picture_threshold: opts.pictureThreshold ?? 0.98,
    pixel_threshold: opts.pixelThreshold ?? 0.1,
  }

  const { min_duration_seconds: min, picture_threshold: picture, pixel_threshold: pixel } = settings
  // The white end-of-file frame (see below) must never count as black, hence the open bounds.
  if (!(Number.isFinite(min) && min >= 0)) throw new RangeError('minDurationSeconds must be >= 0')
  if (!(picture > 0 && picture <= 1)) throw new RangeError('pictureThreshold must be in (0, 1]')
  if (!(pixel >= 0 && pixel < 1)) throw new RangeError('pixelThreshold must be in [0, 1)')

  return settings
}

/** Reads one `black_start:… black_end:…` line of ffmpeg's blackdetect filter. */
export function parseBlackdetectLine(line: string): { start: number; end: number } | null {
  const match = BLACK_LINE.exec(line)
  if (!match) return null
  const start = Number(match[1])
  const end = Number(match[2])
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return null
  return { start, end }
}

function toSegment(run: { start: number; end: number }, videoDuration: number | null) {
  const end = videoDuration === null ? run.end : Math.min(run.end, videoDuration)
  const start = roundTo3(run.start)
  const roundedEnd = roundTo3(end)
  return { start, end: roundedEnd, duration: roundTo3(roundedEnd - start) }
}

// Names the cause of a failed ffmpeg run: the build, the file, or the tool itself.
function failedRunError(run: ProcessRun): AnalysisError {
  const cause = new ToolProcessError('ffmpeg', run, `exited with ${run.exitCode ?? run.exitSignal}`)

  const missingDecoder = MISSING_DECODER.exec(run.stderrTail)
  if (missingDecoder) {
    const message = `ffmpeg cannot decode the ${missingDecoder[1]} video codec`
    return new AnalysisError('tool_unavailable', message, { cause })
  }
  const missingFilter = MISSING_FILTER.exec(run.stderrTail)
  if (missingFilter) {
    const message = `ffmpeg lacks the ${missingFilter[1]} filter; a newer build is needed`
    return new AnalysisError('tool_unavailable', message, { cause })
  }
  const reason = describeUnreadableInput(run.stderrTail)
  if (run.exitCode !== null && reason !== null) return notAVideo(reason, cause)

  return new AnalysisError('tool_failed', 'Black-frame detection failed', { cause })
}

/** Runs blackdetect on a file already probed as a video. */
export async function detectBlackframesInVideo(
  path: string,
  probe: VideoProbe,
  bins: AnalysisBinaries,
  opts: BlackframesOptions = {},
): Promise<BlackframesResult> {
  const settings = blackframesSettings(opts)
  const videoDuration = probe.info.duration_seconds

  // blackdetect closes a run that reaches the end of the input at the last frame's start, one
  // frame short, and drops it when that makes it shorter than `d`. One white frame padded on at
  // the end closes such a run exactly where the video ends.
  const filter = [
    'tpad=stop=1:color=white',
    `blackdetect=d=${settings.min_duration_seconds}:pic_th=${settings.picture_threshold}` +
      `:pix_th=${settings.pixel_threshold}`,
  ].join(',')
  const args = ['-hide_banner', '-nostdin', '-nostats', '-noautorotate', ...inputArgs(path)]
  args.push('-map', `0:${probe.videoStreamIndex}`, '-vf', filter, '-f', 'null', '-')

  const seen = { runs: [] as { start: number; end: number }[], truncated: false, frames: -1 }

  const run = await runProcess(bins.ffmpegPath, args, {
    tool: 'ffmpeg',
    timeoutMs: opts.timeoutMs ?? BASE_TIMEOUT_MS + (videoDuration ?? 0) * 1000,
    signal: opts.signal,
    onStderrLine: (line) => {
      const black = parseBlackdetectLine(line)
      if (black) seen.runs.push(black)
      if (line.includes('partial file')) seen.truncated = true
      const frames = FRAME_COUNT.exec(line)
      if (frames) seen.frames = Number(frames[1])
    },
  })

  if (run.exitCode !== 0) throw failedRunError(run)

  if (seen.truncated) {
    const cause = new ToolProcessError('ffmpeg', run, 'read a partial file')
    throw notAVideo('the file ends before the video does; it is probably truncated', cause)
  }
  // The padded end frame is always written, so one output frame means nothing was decoded.
  // The count comes from ffmpeg's closing stats line; -1 means that line was not seen.
  if (seen.frames === 0 || seen.frames === 1) {
    const cause = new ToolProcessError('ffmpeg', run, 'decoded no frame')
    throw notAVideo('no frame of the video could be decoded', cause)
  }

  const segments = seen.runs.map((black) => toSegment(black, videoDuration))
  const total = segments.reduce((sum, segment) => sum + segment.duration, 0)

  return {
    segments,
    count: segments.length,
    total_black_seconds: roundTo3(total),
    video_duration_seconds: videoDuration,
    settings,
  }
}

export async function detectBlackframes(
  path: string,
  bins: AnalysisBinaries,
  opts: BlackframesOptions = {},
): Promise<BlackframesResult> {
  // Bad settings are refused before any process starts.
  blackframesSettings(opts)
  const probe = await probeVideo(path, bins, opts)
  return detectBlackframesInVideo(path, probe, bins, opts)
}
