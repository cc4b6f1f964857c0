import { z } from 'zod'

import type { AnalysisBinaries } from './binaries.js'
import { AnalysisError } from './errors.js'
import { describeUnreadableInput, inputArgs, notAVideo, statInputFile } from './input.js'
import { runProcess, ToolProcessError } from './run-process.js'

const DEFAULT_PROBE_TIMEOUT_MS = 30_000

export interface VideoStreamInfo {
  codec: string
  width: number
  height: number
  frame_rate: number | null
  pixel_format: string
}

export interface AudioStreamInfo {
  codec: string
  sample_rate: number | null
  channels: number | null
}

export interface MediaInfo {
  container: string
  duration_seconds: number | null
  size_bytes: number
  bit_rate: number | null
  video: VideoStreamInfo | null
  audio: AudioStreamInfo | null
}

export interface ProbeOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

/** A probed video plus what later ffmpeg runs need to read the same stream. */
export interface VideoProbe {
  info: MediaInfo & { video: VideoStreamInfo }
  videoStreamIndex: number
}

// ffprobe prints most numbers as strings ("7.000000", "N/A"); they are converted below.
const ProbeStreamSchema = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  pix_fmt: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().optional(),
  duration: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
})

const ProbeOutputSchema = z.object({
  format: z.object({
    format_name: z.string(),
    duration: z.string().optional(),
    size: z.string().optional(),
    bit_rate: z.string().optional(),
  }),
  streams: z.array(ProbeStreamSchema).default([]),
})

type ProbeStream = z.infer<typeof ProbeStreamSchema>

function roundTo3(value: number): number {
  return Math.round(value * 1000) / 1000
}

function parseNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

function parseFrameRate(text: string | undefined): number | null {
  const [numerator, denominator] = (text ?? '').split('/').map(Number)
  if (!numerator || !denominator || numerator <= 0 || denominator <= 0) return null
  return roundTo3(numerator / denominator)
}

// Cover art in audio files shows up as a one-frame video stream; it is not a video.
function isPlayableVideo(stream: ProbeStream): boolean {
  return (
    stream.codec_type === 'video' &&
    stream.disposition?.attached_pic !== 1 &&
    (stream.width ?? 0) > 0 &&
    (stream.height ?? 0) > 0
  )
}

function toVideoInfo(stream: ProbeStream): VideoStreamInfo {
  return {
    codec: stream.codec_name ?? 'unknown',
    width: stream.width ?? 0,
    height: stream.height ?? 0,
    frame_rate: parseFrameRate(stream.avg_frame_rate) ?? parseFrameRate(stream.r_frame_rate),
    pixel_format: stream.pix_fmt ?? 'unknown',
  }
}

function toAudioInfo(stream: ProbeStream): AudioStreamInfo {
  return {
    codec: stream.codec_name ?? 'unknown',
    sample_rate: parseNumber(stream.sample_rate),
    channels: stream.channels ?? null,
  }
}

function parseProbeOutput(stdout: string, stderrTail: string) {
  let json: unknown
  try {
    json = JSON.parse(stdout)
  } catch (error) {
    throw new AnalysisError('tool_failed', 'ffprobe returned output that is not JSON', {
      cause: error,
    })
  }

  const parsed = ProbeOutputSchema.safeParse(json)
  if (!parsed.success) {
    const cause = new ToolProcessError(
      'ffprobe',
      { exitCode: 0, exitSignal: null, stderrTail },
      `output did not match the expected shape: ${parsed.error.message}`,
    )
    throw new AnalysisError('tool_failed', 'ffprobe returned output in an unexpected shape', {
      cause,
    })
  }
  return parsed.data
}

/** Probes a file and insists on a video stream; the shared first step of every local tool. */
export async function probeVideo(
  path: string,
  bins: AnalysisBinaries,
  opts: ProbeOptions = {},
): Promise<VideoProbe> {
  const { sizeBytes } = await statInputFile(path)

  const args = ['-v', 'error', '-hide_banner', '-print_format', 'json']
  args.push('-show_format', '-show_streams', ...inputArgs(path))
  const run = await runProcess(bins.ffprobePath, args, {
    tool: 'ffprobe',
    timeoutMs: opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    signal: opts.signal,
  })

  if (run.exitCode !== 0) {
    const cause = new ToolProcessError(
      'ffprobe',
      run,
      `exited with ${run.exitCode ?? run.exitSignal}`,
    )
    if (run.exitCode === null || run.stderrTail.includes('Permission denied')) {
      throw new AnalysisError('tool_failed', 'ffprobe could not read the file', { cause })
    }
    throw notAVideo(describeUnreadableInput(run.stderrTail) ?? 'ffprobe could not read it', cause)
  }

  const probe = parseProbeOutput(run.stdout, run.stderrTail)
  const videoStream = probe.streams.find(isPlayableVideo)
  const audioStream = probe.streams.find((stream) => stream.codec_type === 'audio')

  if (!videoStream) {
    const found = audioStream ? ' (only audio)' : ''
    throw notAVideo(`ffprobe found no video stream${found}`)
  }

  const duration = parseNumber(probe.format.duration) ?? parseNumber(videoStream.duration) ?? null
  const info = {
    container: probe.format.format_name,
    duration_seconds: duration === null ? null : roundTo3(duration),
    size_bytes: parseNumber(probe.format.size) ?? sizeBytes,
    bit_rate: parseNumber(probe.format.bit_rate),
    video: toVideoInfo(videoStream),
    audio: audioStream ? toAudioInfo(audioStream) : null,
  }

  return { info, videoStreamIndex: videoStream.index }
}

export async function probeMediaInfo(
  path: string,
  bins: AnalysisBinaries,
  opts: ProbeOptions = {},
): Promise<MediaInfo> {
  const { info } = await probeVideo(path, bins, opts)
  return info
}
