import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

import t from 'tap'

import { AnalysisError } from '../../src/analysis/errors.js'
import { binariesFromEnv } from '../../src/analysis/binaries.js'
import { probeMediaInfo } from '../../src/analysis/media-info.js'
import { ToolProcessError } from '../../src/analysis/run-process.js'
import { makeTestVideos, TEST_VIDEO_FORMAT } from '@proov/testkit'

const bins = binariesFromEnv()
const dir = t.testdir()
const videos = await makeTestVideos(dir)

function ffmpeg(...args: string[]): void {
  const run = spawnSync(bins.ffmpegPath, ['-hide_banner', '-v', 'error', '-y', ...args])
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr.toString()}`)
}

t.test('reads container, duration, size and streams of a video with audio', async (t) => {
  const info = await probeMediaInfo(videos.withBlack.path, bins)

  t.match(info.container, /mp4/)
  t.ok(Math.abs((info.duration_seconds ?? 0) - 7) < 0.1, `duration ${info.duration_seconds}`)
  t.equal(info.size_bytes, (await readFile(videos.withBlack.path)).length)
  t.ok((info.bit_rate ?? 0) > 0)
  t.same(info.video, {
    codec: TEST_VIDEO_FORMAT.videoCodec,
    width: TEST_VIDEO_FORMAT.width,
    height: TEST_VIDEO_FORMAT.height,
    frame_rate: TEST_VIDEO_FORMAT.fps,
    pixel_format: 'yuv420p',
  })
  t.same(info.audio, {
    codec: TEST_VIDEO_FORMAT.audioCodec,
    sample_rate: TEST_VIDEO_FORMAT.audioSampleRate,
    channels: 1,
  })
})

t.test('a video without audio has audio null', async (t) => {
  const info = await probeMediaInfo(videos.plain.path, bins)

  t.equal(info.video?.width, 320)
  t.equal(info.audio, null)
})

t.test('a relative path is read from the working directory', async (t) => {
  const info = await probeMediaInfo(relative(process.cwd(), videos.plain.path), bins)

  t.equal(info.video?.codec, 'h264')
})

t.test('a URL is taken as a local file name, never fetched', async (t) => {
  await t.rejects(probeMediaInfo('http://127.0.0.1:9/clip.mp4', bins), {
    code: 'not_a_video',
    message: /does not exist/,
  })
})

t.test('files that are not videos reject with not_a_video and a readable message', async (t) => {
  const bad = join(dir, 'bad')
  await mkdir(bad, { recursive: true })

  const randomPath = join(bad, 'random.mp4')
  await writeFile(randomPath, randomBytes(64 * 1024))
  const emptyPath = join(bad, 'empty.mp4')
  await writeFile(emptyPath, '')
  const audioPath = join(bad, 'audio-only.mp4')
  ffmpeg('-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', audioPath)
  const truncatedPath = join(bad, 'truncated.mp4')
  const whole = await readFile(videos.withBlack.path)
  await writeFile(truncatedPath, whole.subarray(0, Math.floor(whole.length / 2)))
  // A concat list would make ffmpeg read another file; it must not be followed.
  const concatPath = join(bad, 'list.ffconcat')
  await writeFile(concatPath, `ffconcat version 1.0\nfile '${videos.plain.path}'\n`)

  const cases = [
    { name: 'text file', path: videos.notVideo.path, reason: /invalid data/ },
    { name: 'random bytes', path: randomPath, reason: /invalid data/ },
    { name: 'empty file', path: emptyPath, reason: /the file is empty/ },
    { name: 'audio only', path: audioPath, reason: /ffprobe found no video stream \(only audio\)/ },
    { name: 'truncated mp4', path: truncatedPath, reason: /truncated/ },
    { name: 'concat list', path: concatPath, reason: /format \(concat\) is not an accepted/ },
    { name: 'missing file', path: join(bad, 'missing.mp4'), reason: /does not exist/ },
    { name: 'a folder', path: bad, reason: /not a regular file/ },
  ]

  for (const { name, path, reason } of cases) {
    const error = await probeMediaInfo(path, bins).then(
      () => t.fail(`${name} was accepted`),
      (error: unknown) => error,
    )
    t.ok(error instanceof AnalysisError, `${name} rejects with AnalysisError`)
    if (!(error instanceof AnalysisError)) continue
    t.equal(error.code, 'not_a_video', name)
    t.equal(error.retryable, false, name)
    t.match(error.message, /^The file is not a readable video: /, name)
    t.match(error.message, reason, name)
    t.notMatch(error.message, /@ 0x|\[mov/, `${name}: no raw tool output in the message`)
  }
})

t.test('the tool output of a failed probe is kept as cause for the logs', async (t) => {
  const error = await probeMediaInfo(videos.notVideo.path, bins).catch((error: unknown) => error)

  t.ok(error instanceof AnalysisError)
  const cause = (error as AnalysisError).cause
  t.ok(cause instanceof ToolProcessError)
  t.equal((cause as ToolProcessError).exitCode, 1)
  t.match((cause as ToolProcessError).stderrTail, /moov atom not found/)
})

t.test('a probe that outlives its timeout rejects with timeout', async (t) => {
  await t.rejects(probeMediaInfo(videos.plain.path, bins, { timeoutMs: 1 }), {
    code: 'timeout',
    retryable: true,
  })
})

t.test('an aborted signal rejects with its reason', async (t) => {
  const controller = new AbortController()
  const probing = probeMediaInfo(videos.plain.path, bins, { signal: controller.signal })
  controller.abort()

  await t.rejects(probing, { name: 'AbortError' })
})

t.test('a missing ffprobe binary rejects with tool_unavailable', async (t) => {
  const missing = { ...bins, ffprobePath: join(dir, 'no-such-ffprobe') }

  await t.rejects(probeMediaInfo(videos.plain.path, missing), {
    code: 'tool_unavailable',
    message: 'ffprobe could not be started',
  })
})
