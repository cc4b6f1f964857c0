import type { AnalysisBinaries } from './binaries.js'
import { detectBlackframesInVideo } from './blackframes.js'
import type { BlackframesResult } from './blackframes.js'
import { AnalysisError } from './errors.js'
import { probeVideo } from './media-info.js'
import type { MediaInfo } from './media-info.js'

export const TOOL_NAMES = [
  'detect_blackframes',
  'media_info',
  'analyze_video_complete',
  'rekognition_detect_text',
  'rekognition_detect_labels',
] as const

export type ToolName = (typeof TOOL_NAMES)[number]

const REKOGNITION_TOOLS = ['rekognition_detect_text', 'rekognition_detect_labels'] as const

type RekognitionToolName = (typeof REKOGNITION_TOOLS)[number]

// LIMITATION: Rekognition tools always report unavailable; the AWS adapter does not exist yet.
const REKOGNITION_UNAVAILABLE =
  'Amazon Rekognition is not configured (set AWS_REGION and credentials)'

export interface AnalysisSummary {
  analysis_type: 'blackframes' | 'media_info' | 'complete'
  duration_seconds: number | null
  resolution: string | null
  blackframes_count?: number
  black_seconds?: number
  video_codec?: string
  has_audio?: boolean
}

export interface SkippedTool {
  tool: ToolName
  reason: string
}

export type AnalysisResult =
  | { blackframes: BlackframesResult; summary: AnalysisSummary }
  | { media_info: MediaInfo; summary: AnalysisSummary }
  | {
      media_info: MediaInfo
      blackframes: BlackframesResult
      summary: AnalysisSummary
      skipped: SkippedTool[]
    }

export interface RunToolOptions {
  signal?: AbortSignal
  /** Applies to each ffprobe/ffmpeg run on its own. */
  timeoutMs?: number
}

export function isToolName(value: unknown): value is ToolName {
  return (TOOL_NAMES as readonly unknown[]).includes(value)
}

function isRekognitionTool(tool: ToolName): tool is RekognitionToolName {
  return (REKOGNITION_TOOLS as readonly ToolName[]).includes(tool)
}

function resolution(info: MediaInfo): string | null {
  return info.video ? `${info.video.width}x${info.video.height}` : null
}

/**
 * Runs one analysis tool on a local file. Local tools share a single ffprobe run; Rekognition
 * tools reject with `tool_unavailable`, and `analyze_video_complete` lists them as skipped.
 */
export async function runTool(
  tool: ToolName,
  path: string,
  bins: AnalysisBinaries,
  opts: RunToolOptions = {},
): Promise<AnalysisResult> {
  if (isRekognitionTool(tool)) {
    throw new AnalysisError('tool_unavailable', `${tool}: ${REKOGNITION_UNAVAILABLE}`)
  }

  const probe = await probeVideo(path, bins, opts)
  const media = probe.info
  const base = { duration_seconds: media.duration_seconds, resolution: resolution(media) }

  if (tool === 'media_info') {
    const summary: AnalysisSummary = {
      analysis_type: 'media_info',
      ...base,
      video_codec: media.video.codec,
      has_audio: media.audio !== null,
    }
    return { media_info: media, summary }
  }

  const blackframes = await detectBlackframesInVideo(path, probe, bins, opts)
  const blackSummary = {
    ...base,
    blackframes_count: blackframes.count,
    black_seconds: blackframes.total_black_seconds,
  }

  if (tool === 'detect_blackframes') {
    return { blackframes, summary: { analysis_type: 'blackframes', ...blackSummary } }
  }

  const skipped = REKOGNITION_TOOLS.map((name) => ({ tool: name, reason: REKOGNITION_UNAVAILABLE }))
  const summary: AnalysisSummary = {
    analysis_type: 'complete',
    ...blackSummary,
    video_codec: media.video.codec,
    has_audio: media.audio !== null,
  }
  return { media_info: media, blackframes, summary, skipped }
}
