export { AnalysisError, ANALYSIS_ERROR_CODES, isAnalysisError } from './errors.js'
export type { AnalysisErrorCode } from './errors.js'
export { binariesFromEnv } from './binaries.js'
export type { AnalysisBinaries } from './binaries.js'
export { probeMediaInfo } from './media-info.js'
export type { AudioStreamInfo, MediaInfo, ProbeOptions, VideoStreamInfo } from './media-info.js'
export { detectBlackframes, parseBlackdetectLine } from './blackframes.js'
export type {
  BlackSegment,
  BlackframesOptions,
  BlackframesResult,
  BlackframesSettings,
} from './blackframes.js'
export { isToolName, runTool, TOOL_NAMES } from './tools.js'
export type {
  AnalysisResult,
  AnalysisSummary,
  RunToolOptions,
  SkippedTool,
  ToolName,
} from './tools.js'
export { ToolProcessError } from './run-process.js'
