import { createRequire } from 'node:module'

import { AnalysisError } from './errors.js'

export interface AnalysisBinaries {
  ffmpegPath: string
  ffprobePath: string
}

type Env = Readonly<Record<string, string | undefined>>

const require = createRequire(import.meta.url)

// The installer packages throw at load time on platforms they do not ship, so they are only
// loaded when no explicit path is configured.
function installedBinaryPath(packageName: string, envName: string): string {
  try {
    const installer = require(packageName) as { path: string }
    return installer.path
  } catch (error) {
    throw new AnalysisError(
      'tool_unavailable',
      `${packageName} has no binary for this platform; set ${envName}`,
      { cause: error },
    )
  }
}

export function binariesFromEnv(env: Env = process.env): AnalysisBinaries {
  const ffmpegPath = env.FFMPEG_PATH?.trim()
  const ffprobePath = env.FFPROBE_PATH?.trim()

  return {
    ffmpegPath: ffmpegPath || installedBinaryPath('@ffmpeg-installer/ffmpeg', 'FFMPEG_PATH'),
    ffprobePath: ffprobePath || installedBinaryPath('@ffprobe-installer/ffprobe', 'FFPROBE_PATH'),
  }
}
