export const ANALYSIS_ERROR_CODES = [
  'not_a_video',
  'tool_unavailable',
  'tool_failed',
  'timeout',
] as const

export type AnalysisErrorCode = (typeof ANALYSIS_ERROR_CODES)[number]

interface AnalysisErrorSpec {
  statusCode: number
  retryable: boolean
  message: string
}

// The message here is the fallback; call sites pass a more specific one a person can act on.
const CATALOGUE: Readonly<Record<AnalysisErrorCode, AnalysisErrorSpec>> = Object.freeze({
  not_a_video: { statusCode: 422, retryable: false, message: 'The file is not a readable video' },
  tool_unavailable: {
    statusCode: 503,
    retryable: false,
    message: 'The analysis tool is not available',
  },
  tool_failed: { statusCode: 500, retryable: true, message: 'The analysis tool failed' },
  timeout: { statusCode: 504, retryable: true, message: 'The analysis took too long' },
})

export class AnalysisError extends Error {
  override readonly name = 'AnalysisError'
  readonly code: AnalysisErrorCode
  readonly statusCode: number
  readonly retryable: boolean

  constructor(code: AnalysisErrorCode, message?: string, options?: { cause?: unknown }) {
    const spec = CATALOGUE[code]
    super(message ?? spec.message, options)
    this.code = code
    this.statusCode = spec.statusCode
    this.retryable = spec.retryable
  }
}

export function isAnalysisError(value: unknown): value is AnalysisError {
  return value instanceof AnalysisError
}
