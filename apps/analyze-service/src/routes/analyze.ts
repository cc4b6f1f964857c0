import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  AnalyzeJsonBodySchema,
  AnalyzeResponseSchema,
  DEFAULT_TOOL,
  ErrorResponseSchema,
  batchLabel,
  isKeyOwnedBy,
  safeFileName,
  toJobView,
} from '@proov/domain'
import type { AnalyzeResponse, PlannedVideo } from '@proov/domain'
import { createBatch, isJobsTableError } from '@proov/jobs-table'
import type { JobsTableContext } from '@proov/jobs-table'
import { ApiError, notFound } from '@proov/service-kit'
import type { LocalVideoStore } from '../storage/local-store.js'
import { receiveUploads } from './uploads.js'

export interface AnalyzeRouteDeps {
  jobsTable: JobsTableContext
  store: LocalVideoStore
  /** The same limit for files in a multipart upload and for videos named in JSON. */
  maxVideosPerRequest: number
}

/** Videos already in storage: each key must be the caller's own and exist. */
async function videosFromJson(
  request: FastifyRequest,
  store: LocalVideoStore,
  userId: string,
  maxVideos: number,
) {
  const body = AnalyzeJsonBodySchema.safeParse(request.body)
  if (!body.success) {
    const issue = body.error.issues[0]
    throw new ApiError(
      'invalid_request',
      `body/${issue?.path.join('/') ?? ''}: ${issue?.message ?? 'is not valid'}`,
    )
  }

  if (body.data.videos.length > maxVideos) {
    throw new ApiError('too_many_files', `at most ${maxVideos} videos in one request`)
  }

  const videos: PlannedVideo[] = []
  for (const video of body.data.videos) {
    const foreignBucket = video.bucket !== undefined && video.bucket !== store.bucket
    if (foreignBucket || !isKeyOwnedBy(video.key, userId) || !(await store.exists(video.key))) {
      throw notFound()
    }
    videos.push({
      bucket: store.bucket,
      key: video.key,
      tool: video.tool ?? body.data.tool ?? DEFAULT_TOOL,
      filename: safeFileName(video.filename ?? video.key),
    })
  }
  return { videos, jobIds: undefined, sessionId: body.data.session_id }
}

export async function analyzeRoutes(app: FastifyInstance, deps: AnalyzeRouteDeps) {
  app.post(
    '/analyze',
    {
      onRequest: app.authenticate,
      schema: {
        description:
          'Creates one analysis job per video: multipart with one or more files (+ optional ' +
          '`tool` and `session_id` fields before the files), or JSON naming videos already stored.',
        response: { 202: AnalyzeResponseSchema, '4xx': ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal
      const saved: string[] = []
      try {
        const received = request.isMultipart()
          ? await receiveUploads({
              request,
              store: deps.store,
              jobsTable: deps.jobsTable,
              userId: principal.user_id,
              saved,
            })
          : await videosFromJson(request, deps.store, principal.user_id, deps.maxVideosPerRequest)

        const batch = await createBatch(deps.jobsTable, {
          owner: { user_id: principal.user_id, email: principal.email },
          videos: received.videos,
          sessionId: received.sessionId,
          jobIds: received.jobIds,
          now: Date.now() / 1000,
        })
        request.log.info(
          { session_id: batch.sessionId, batch_number: batch.batchNumber, jobs: batch.jobs.length },
          'batch created',
        )

        const answer: AnalyzeResponse = {
          success: true,
          session_id: batch.sessionId,
          batch_number: batch.batchNumber,
          label: batchLabel(batch.batchNumber),
          jobs: batch.jobs.map(toJobView),
          job_ids: batch.jobs.map((job) => job.job_id),
        }
        return reply.code(202).send(answer)
      } catch (error) {
        await Promise.all(saved.map((key) => deps.store.remove(key)))
        if (isJobsTableError(error, 'session_not_found')) throw notFound()
        throw error
      }
    },
  )
}
