import { z } from 'zod'

export type Verdict = { passed: boolean; detail: string }

export type TimeRange = { start: number; end: number }

export type ExpectedMedia = {
  durationSeconds: number
  width: number
  height: number
  codec: string
}

export const TIME_TOLERANCE_SECONDS = 0.2

/** The parts of a completed `analyze_video_complete` result the demo looks at. */
export const CompleteResultSchema = z.object({
  media_info: z.object({
    duration_seconds: z.number().nullable(),
    video: z.object({ codec: z.string(), width: z.number(), height: z.number() }).nullable(),
  }),
  blackframes: z.object({
    segments: z.array(z.object({ start: z.number(), end: z.number() })),
  }),
})
export type CompleteResult = z.infer<typeof CompleteResultSchema>

const near = (a: number, b: number) => Math.abs(a - b) <= TIME_TOLERANCE_SECONDS

export function formatRanges(ranges: readonly TimeRange[]): string {
  if (ranges.length === 0) return 'none'
  return ranges.map(({ start, end }) => `${start.toFixed(2)}–${end.toFixed(2)} s`).join(', ')
}

/** Black runs found where they were made: same number, each edge within the tolerance. */
export function checkBlackSegments(
  found: readonly TimeRange[],
  expected: readonly TimeRange[],
): Verdict {
  const detail = `found ${formatRanges(found)}; made ${formatRanges(expected)}`
  const passed =
    found.length === expected.length &&
    expected.every((want, i) => {
      const got = found[i]
      return got !== undefined && near(got.start, want.start) && near(got.end, want.end)
    })
  return { passed, detail }
}

export function checkMediaInfo(media: CompleteResult['media_info'], expected: ExpectedMedia) {
  const video = media.video
  const duration = media.duration_seconds
  const found =
    `${duration === null ? '?' : duration.toFixed(2)} s, ` +
    (video === null ? 'no video stream' : `${video.width}x${video.height} ${video.codec}`)
  const passed =
    duration !== null &&
    near(duration, expected.durationSeconds) &&
    video !== null &&
    video.width === expected.width &&
    video.height === expected.height &&
    video.codec === expected.codec
  const made = `${expected.durationSeconds.toFixed(2)} s, ${expected.width}x${expected.height} ${expected.codec}`
  return { passed, detail: `found ${found}; made ${made}` } satisfies Verdict
}

const MAX_REASON_LENGTH = 500

/** A reason a person can read: one short line of words, not a stack trace or a code. */
export function checkReadableReason(reason: string | null): Verdict {
  if (reason === null) return { passed: false, detail: 'no reason given' }

  const text = reason.trim()
  const passed =
    text.length > 0 &&
    text.length <= MAX_REASON_LENGTH &&
    !text.includes('\n') &&
    /[a-z]{3,} [a-z]{2,}/i.test(text)
  return { passed, detail: `"${text.length > 120 ? `${text.slice(0, 120)}…` : text}"` }
}

/** Same ids in the same order. */
export function checkOrder(found: readonly string[], expected: readonly string[]): Verdict {
  const passed =
    found.length === expected.length && found.every((value, i) => value === expected[i])
  return { passed, detail: `found [${found.join(', ')}]` }
}
