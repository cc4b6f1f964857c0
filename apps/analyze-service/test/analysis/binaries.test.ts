import { access, constants } from 'node:fs/promises'

import t from 'tap'

import { binariesFromEnv } from '../../src/analysis/binaries.js'

t.test('uses FFMPEG_PATH and FFPROBE_PATH when set', async (t) => {
  const bins = binariesFromEnv({ FFMPEG_PATH: '/opt/ffmpeg', FFPROBE_PATH: ' /opt/ffprobe ' })

  t.same(bins, { ffmpegPath: '/opt/ffmpeg', ffprobePath: '/opt/ffprobe' })
})

t.test('falls back to the executables of the installer packages', async (t) => {
  const bins = binariesFromEnv({ FFMPEG_PATH: '', FFPROBE_PATH: '   ' })

  t.match(bins.ffmpegPath, /ffmpeg$/)
  t.match(bins.ffprobePath, /ffprobe$/)
  await access(bins.ffmpegPath, constants.X_OK)
  await access(bins.ffprobePath, constants.X_OK)
})
