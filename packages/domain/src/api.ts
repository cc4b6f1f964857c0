import { z } from 'zod'
import { JobViewSchema } from './job.js'
import { SessionSummarySchema } from './session.js'
import { JOB_STATUSES, JobStatusSchema, parseJobStatus } from './statuses.js'
import { ToolSchema } from './tools.js'

const Id = z.string().min(1).max(128)

export const MAX_VIDEOS_PER_BATCH = 50

export const ErrorResponseSchema = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    error: z.string(),
    message: z.string(),
  })
  .meta({ id: 'Error' })

export const VideoInputSchema = z.object({
  key: z.string().min(1).max(1024),
  bucket: z.string().min(1).max(255).optional(),
  tool: ToolSchema.optional(),
  filename: z.string().min(1).max(255).optional(),
})

export const AnalyzeJsonBodySchema = z.object({
  videos: z.array(VideoInputSchema).min(1).max(MAX_VIDEOS_PER_BATCH),
  session_id: Id.optional(),
  tool: ToolSchema.optional(),
})
export type AnalyzeJsonBody = z.infer<typeof AnalyzeJsonBodySchema>

export const AnalyzeResponseSchema = z.object({
  success: z.literal(true),
  session_id: z.string(),
  batch_number: z.number().int().positive(),
  label: z.string(),
  jobs: z.array(JobViewSchema),
  job_ids: z.array(z.string()),
})
export type AnalyzeResponse = z.infer<typeof AnalyzeResponseSchema>

export const JobStatusBodySchema = z.object({
  job_ids: z.array(Id).min(1).max(100),
})

export const JobStatusEntrySchema = z.object({
  job_id: z.string(),
  status: z.union([JobStatusSchema, z.literal('not_found')]),
  result: z.unknown(),
  error: z.string().nullable(),
})

export const JobStatusResponseSchema = z.object({
  success: z.literal(true),
  statuses: z.array(JobStatusEntrySchema),
})

export const LIST_LIMIT_DEFAULT = 20
export const LIST_LIMIT_MAX = 100

/** `limit` arrives as text; empty, zero, negative, fractional, huge or non-numeric is refused. */
export const ListLimitSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, 'limit must be a whole number from 1 to 100')
  .transform(Number)
  .refine((value) => value <= LIST_LIMIT_MAX, 'limit must be a whole number from 1 to 100')
  .optional()
  .transform((value) => value ?? LIST_LIMIT_DEFAULT)

export const CursorSchema = z.string().min(1).max(2048).optional()

export const PageQuerySchema = z.object({ limit: ListLimitSchema, cursor: CursorSchema })

/** A status filter; the old system's spellings (`done`, …) name the status they read as. */
export const StatusFilterSchema = z
  .string()
  .transform((value, context) => {
    const status = parseJobStatus(value)
    if (status === null) {
      context.addIssue({
        code: 'custom',
        message: `status must be one of ${JOB_STATUSES.join(', ')}`,
      })
      return z.NEVER
    }
    return status
  })
  .pipe(JobStatusSchema)
  .optional()

export const MyJobsQuerySchema = PageQuerySchema.extend({ status: StatusFilterSchema })

export const MyJobsResponseSchema = z.object({
  jobs: z.array(JobViewSchema),
  next_cursor: z.string().nullable(),
  user_email: z.string().nullable(),
})

export const MySessionsResponseSchema = z.object({
  sessions: z.array(SessionSummarySchema),
  next_cursor: z.string().nullable(),
})

export const SessionJobsResponseSchema = z.object({
  session_id: z.string(),
  batch_number: z.number().int().positive().nullable(),
  label: z.string(),
  jobs: z.array(JobViewSchema),
  next_cursor: z.string().nullable(),
})

export const JobIdParamsSchema = z.object({ job_id: Id })
export const SessionIdParamsSchema = z.object({ session_id: Id })
