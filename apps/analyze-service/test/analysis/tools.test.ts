import { join } from 'node:path'

import t from 'tap'

import { binariesFromEnv } from '../../src/analysis/binaries.js'
import { AnalysisError } from '../../src/analysis/errors.js'
import { isToolName, runTool, TOOL_NAMES } from '../../src/analysis/tools.js'
import { makeTestVideos } from '@proov/testkit'

const bins = binariesFromEnv()
const dir = t.testdir()
const videos = await makeTestVideos(dir)
const REKOGNITION_REASON = 'Amazon Rekognition is not configured (set AWS_REGION and credentials)'

t.test('detect_blackframes answers the segments and a flat summary', async (t) => {
  const result = await runTool('detect_blackframes', videos.withBlack.path, bins)

  t.ok('blackframes' in result)
  t.notOk('media_info' in result)
  t.match(result, {
    blackframes: { count: 2, video_duration_seconds: 7 },
    summary: {
      analysis_type: 'blackframes',
      blackframes_count: 2,
      duration_seconds: 7,
      resolution: '320x240',
    },
  })
  t.ok(Math.abs((result.summary.black_seconds ?? 0) - 2.5) <= 0.1)
})

t.test('media_info answers the probe and a flat summary', async (t) => {
  const result = await runTool('media_info', videos.plain.path, bins)

  t.ok('media_info' in result)
  t.notOk('blackframes' in result)
  t.same(result.summary, {
    analysis_type: 'media_info',
    duration_seconds: 7,
    resolution: '320x240',
    video_codec: 'h264',
    has_audio: false,
  })
})

t.test('analyze_video_complete runs every local tool and lists the skipped ones', async (t) => {
  const result = await runTool('analyze_video_complete', videos.withBlack.path, bins)

  t.match(result, {
    media_info: { video: { width: 320, height: 240 }, audio: { codec: 'aac' } },
    blackframes: { count: 2 },
    summary: { analysis_type: 'complete', blackframes_count: 2, has_audio: true },
  })
  t.ok('skipped' in result)
  if (!('skipped' in result)) return
  t.same(result.skipped, [
    { tool: 'rekognition_detect_text', reason: REKOGNITION_REASON },
    { tool: 'rekognition_detect_labels', reason: REKOGNITION_REASON },
  ])
  for (const value of Object.values(result.summary)) {
    t.not(typeof value, 'object', 'the summary stays flat')
  }
})

t.test('rekognition tools reject with tool_unavailable and the reason', async (t) => {
  for (const tool of ['rekognition_detect_text', 'rekognition_detect_labels'] as const) {
    const error = await runTool(tool, videos.plain.path, bins).catch((error: unknown) => error)

    t.ok(error instanceof AnalysisError, tool)
    t.match(error, { code: 'tool_unavailable', retryable: false })
    t.match((error as Error).message, REKOGNITION_REASON)
  }
})

t.test('every local tool rejects a file that is not a video', async (t) => {
  for (const tool of ['detect_blackframes', 'media_info', 'analyze_video_complete'] as const) {
    await t.rejects(runTool(tool, videos.notVideo.path, bins), { code: 'not_a_video' }, tool)
    await t.rejects(runTool(tool, join(dir, 'missing.mp4'), bins), { code: 'not_a_video' }, tool)
  }
})

t.test('an abort rejects with the signal reason', async (t) => {
  const controller = new AbortController()
  const running = runTool('analyze_video_complete', videos.withBlack.path, bins, {
    signal: controller.signal,
  })
  controller.abort()

  await t.rejects(running, { name: 'AbortError' })
  await t.rejects(runTool('media_info', videos.plain.path, bins, { signal: AbortSignal.abort() }), {
    name: 'AbortError',
  })
})

t.test('tool names', async (t) => {
  t.same(TOOL_NAMES, [
    'detect_blackframes',
    'media_info',
    'analyze_video_complete',
    'rekognition_detect_text',
    'rekognition_detect_labels',
  ])
  t.ok(isToolName('media_info'))
  t.notOk(isToolName('detect_faces'))
  t.notOk(isToolName(undefined))
})
