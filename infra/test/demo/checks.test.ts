import t from 'tap'
import {
  checkBlackSegments,
  checkMediaInfo,
  checkOrder,
  checkReadableReason,
  TIME_TOLERANCE_SECONDS,
} from '../../src/index.js'

const made = [
  { start: 1, end: 2 },
  { start: 4, end: 5.52 },
]

t.test('black segments pass within the tolerance on each edge', async (t) => {
  t.equal(TIME_TOLERANCE_SECONDS, 0.2)
  t.ok(checkBlackSegments(made, made).passed)
  t.ok(
    checkBlackSegments(
      [
        { start: 1.15, end: 1.85 },
        { start: 4.19, end: 5.4 },
      ],
      made,
    ).passed,
  )
  t.ok(checkBlackSegments([], []).passed, 'no black made, none found')
})

t.test('black segments fail when one is off, missing or extra', async (t) => {
  t.notOk(checkBlackSegments([{ start: 1.25, end: 2 }, made[1]!], made).passed, 'start too late')
  t.notOk(checkBlackSegments([made[0]!], made).passed, 'one missing')
  t.notOk(checkBlackSegments([...made, { start: 6, end: 6.5 }], made).passed, 'one extra')
  t.notOk(checkBlackSegments([{ start: 0, end: 1 }], []).passed, 'black in a plain video')
  t.match(checkBlackSegments([], made).detail, 'found none; made 1.00–2.00 s, 4.00–5.52 s')
})

t.test('media info must match duration, resolution and codec', async (t) => {
  const expected = { durationSeconds: 7, width: 320, height: 240, codec: 'h264' }
  const video = { codec: 'h264', width: 320, height: 240 }

  t.ok(checkMediaInfo({ duration_seconds: 7.02, video }, expected).passed)
  t.notOk(checkMediaInfo({ duration_seconds: 6.5, video }, expected).passed, 'duration')
  t.notOk(checkMediaInfo({ duration_seconds: 7, video: { ...video, width: 640 } }, expected).passed)
  t.notOk(
    checkMediaInfo({ duration_seconds: 7, video: { ...video, codec: 'hevc' } }, expected).passed,
  )
  t.notOk(checkMediaInfo({ duration_seconds: null, video }, expected).passed, 'no duration')
  t.notOk(checkMediaInfo({ duration_seconds: 7, video: null }, expected).passed, 'no video')
})

t.test('a readable reason is one short line of words', async (t) => {
  t.ok(checkReadableReason('The file is not a readable video: no MP4/MOV index found').passed)
  t.notOk(checkReadableReason(null).passed)
  t.notOk(checkReadableReason('  ').passed)
  t.notOk(checkReadableReason('E_FAIL').passed, 'a bare code')
  t.notOk(checkReadableReason('Error: boom\n    at run (/app/x.js:1:1)').passed, 'a stack trace')
  t.notOk(checkReadableReason('word '.repeat(200)).passed, 'too long to read')
})

t.test('order means same ids in the same places', async (t) => {
  t.ok(checkOrder(['a', 'b', 'c'], ['a', 'b', 'c']).passed)
  t.notOk(checkOrder(['b', 'a', 'c'], ['a', 'b', 'c']).passed)
  t.notOk(checkOrder(['a', 'b'], ['a', 'b', 'c']).passed)
})
