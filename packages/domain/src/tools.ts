import { z } from 'zod'

export const TOOLS = [
  'analyze_video_complete',
  'detect_blackframes',
  'media_info',
  'rekognition_detect_text',
  'rekognition_detect_labels',
] as const
export const ToolSchema = z.enum(TOOLS)
export type Tool = z.infer<typeof ToolSchema>

export const DEFAULT_TOOL: Tool = 'analyze_video_complete'
