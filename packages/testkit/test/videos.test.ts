import { spawnSync } from 'node:child_process'
import { readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'

import t from 'tap'

import { makeTestVideos, TEST_VIDEO_FORMAT } from '../src/videos.js'

const require = createRequire(import.meta.url)
const ffmpegPath = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path

// ffmpeg without an output prints the input's streams and exits 1; that is all it is used for.
function describeInput(path: string): string {
  return spawnSync(ffmpegPath, ['-hide_banner', '-i', path], { encoding: 'utf8' }).stderr
}

function blackRuns(path: string): { start: number; end: number }[] {
  const args = [
    '-hide_banner',
    '-nostats',
    '-i',
    path,
    '-vf',
    'blackdetect=d=0.1',
    '-f',
    'null',
    '-',
  ]
  const { stderr } = spawnSync(ffmpegPath, args, { encoding: 'utf8' })
  return [...stderr.matchAll(/black_start:([\d.]+) black_end:([\d.]+)/g)].map((match) => ({
    start: Number(match[1]),
    end: Number(match[2]),
  }))
}

t.test('makes the three files quickly', async (t) => {
  const dir = t.testdir()
  const startedAt = Date.now()

  const videos = await makeTestVideos(dir)

  t.ok(Date.now() - startedAt < 3000, 'generation stays under 3 s')
  t.equal(videos.withBlack.durationSeconds, 7)
  t.equal(videos.plain.durationSeconds, 7)
  t.ok((await stat(videos.withBlack.path)).size > 10_000)
  t.ok((await stat(videos.plain.path)).size > 10_000)
  t.match(videos.notVideo.path, /\.mp4$/)
  t.match(await readFile(videos.notVideo.path, 'utf8'), /not a video/)
})

t.test('the videos have the advertised streams', async (t) => {
  const videos = await makeTestVideos(t.testdir())
  const { width, height, fps } = TEST_VIDEO_FORMAT

  const withBlack = describeInput(videos.withBlack.path)
  t.match(withBlack, /Duration: 00:00:07\.0/)
  t.match(withBlack, new RegExp(`Video: h264.*${width}x${height}.*${fps} fps`))
  t.match(withBlack, /Audio: aac.*44100 Hz/)

  const plain = describeInput(videos.plain.path)
  t.match(plain, /Video: h264/)
  t.notMatch(plain, /Audio:/)
})

t.test('black stretches sit where they are reported, and only in withBlack', async (t) => {
  const videos = await makeTestVideos(t.testdir())

  t.same(videos.withBlack.blackSegments, [
    { start: 1, end: 2 },
    { start: 4, end: 5.52 },
  ])
  t.same(blackRuns(videos.withBlack.path), videos.withBlack.blackSegments)
  t.same(blackRuns(videos.plain.path), [])
})

t.test('custom black segments and duration', async (t) => {
  const videos = await makeTestVideos(t.testdir(), {
    durationSeconds: 3,
    blackSegments: [{ start: 0, end: 0.5 }],
  })

  t.same(videos.withBlack.blackSegments, [{ start: 0, end: 0.52 }])
  t.same(blackRuns(videos.withBlack.path), [{ start: 0, end: 0.52 }])
  t.match(describeInput(videos.plain.path), /Duration: 00:00:03\.0/)
})

t.test('rejects a black segment outside the video', async (t) => {
  await t.rejects(
    makeTestVideos(t.testdir(), { durationSeconds: 2, blackSegments: [{ start: 1, end: 3 }] }),
    RangeError,
  )
})
