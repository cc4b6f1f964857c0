import t from 'tap'
import { openAsBlob } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getJobs } from '@proov/jobs-table'
import { makeTestVideos } from '@proov/testkit'
import type { BlackframesResult, MediaInfo } from '../../src/analysis/index.js'
import { build } from '../helper.js'

interface CompleteResult {
  blackframes: BlackframesResult
  media_info: MediaInfo
}

t.test(
  'uploaded videos are analysed: black segments found, a non-video fails readably',
  async (t) => {
    const harness = await build(t)
    const videos = await makeTestVideos(await mkdtemp(join(tmpdir(), 'proov-clips-')))

    const form = new FormData()
    form.append('tool', 'analyze_video_complete')
    for (const path of [videos.withBlack.path, videos.plain.path, videos.notVideo.path]) {
      form.append('file', await openAsBlob(path), path.split('/').pop())
    }
    const response = await fetch(`${harness.url}/analyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.tokens.alice}` },
      body: form,
    })
    t.equal(response.status, 202)
    const { job_ids: jobIds } = (await response.json()) as { job_ids: string[] }

    harness.startWorker()
    let jobs = await getJobs(harness.jobsTable, jobIds)
    for (
      let i = 0;
      i < 120 && [...jobs.values()].some((job) => ['queued', 'processing'].includes(job.status));
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      jobs = await getJobs(harness.jobsTable, jobIds)
    }

    const [withBlack, plain, notVideo] = jobIds.map((id) => jobs.get(id)!)
    t.equal(withBlack?.status, 'completed')
    const segments = (withBlack?.result as CompleteResult).blackframes.segments as {
      start: number
      end: number
    }[]
    t.equal(segments.length, videos.withBlack.blackSegments.length)
    videos.withBlack.blackSegments.forEach((made, i) => {
      t.ok(
        Math.abs(segments[i]!.start - made.start) <= 0.2,
        `segment ${i} starts near ${made.start}`,
      )
      t.ok(Math.abs(segments[i]!.end - made.end) <= 0.2, `segment ${i} ends near ${made.end}`)
    })
    t.match((withBlack?.result as CompleteResult).media_info, {
      video: { width: 320, height: 240 },
    })

    t.equal(plain?.status, 'completed')
    t.same((plain?.result as CompleteResult).blackframes.segments, [])

    t.equal(notVideo?.status, 'failed')
    t.match(notVideo?.error, /not a readable video/i)
    t.equal(notVideo?.attempts, 1, 'a file that is not a video is not retried')
  },
)
