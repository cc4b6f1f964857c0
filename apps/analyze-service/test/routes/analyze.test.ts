import t from 'tap'
import { openAsBlob } from 'node:fs'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getJob, listAllJobsByOwner } from '@proov/jobs-table'
import type { AnalyzeResponse } from '@proov/domain'
import { makeTestVideos } from '@proov/testkit'

/** A 202 answer or an error body: tests read whichever the status says. */
type Answer = AnalyzeResponse & { code: string }
import { build, subOf } from '../helper.js'

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
}

async function upload(
  url: string,
  token: string,
  files: string[],
  fields: Record<string, string> = {},
) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  for (const path of files) form.append('file', await openAsBlob(path), path.split('/').pop())
  const response = await fetch(`${url}/analyze`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return { status: response.status, body: (await response.json()) as Answer }
}

t.test(
  'a multipart upload becomes one session of queued jobs under the caller prefix',
  async (t) => {
    const harness = await build(t)
    const videos = await makeTestVideos(await mkdtemp(join(tmpdir(), 'proov-clips-')))
    const alice = subOf(harness.tokens.alice)

    const { status, body } = await upload(
      harness.url,
      harness.tokens.alice,
      [videos.withBlack.path, videos.plain.path],
      { tool: 'detect_blackframes' },
    )
    t.equal(status, 202)
    t.equal(body.success, true)
    t.equal(body.batch_number, 1)
    t.equal(body.session_id, body.job_ids[0], "the session is named by its first job's id")
    t.equal(body.jobs.length, 2)
    t.same(
      body.jobs.map((job: { status: string }) => job.status),
      ['queued', 'queued'],
    )
    t.notOk('user_email' in (body.jobs[0] ?? {}), 'no owner e-mail in answers')

    for (const job of body.jobs) {
      t.match(job.s3_key ?? '', new RegExp(`^users/${alice}/sessions/${body.session_id}/`))
      t.ok(await harness.store.exists(job.s3_key ?? ''), 'the file is stored under its key')
      t.match(await getJob(harness.jobsTable, job.job_id), {
        tool: 'detect_blackframes',
        user_id: alice,
      })
    }

    const again = await upload(harness.url, harness.tokens.alice, [videos.plain.path], {
      session_id: body.session_id,
    })
    t.equal(again.status, 202)
    t.equal(again.body.session_id, body.session_id, 'appending keeps the session')
    t.equal(again.body.batch_number, 1)
  },
)

t.test(
  "appending to someone else's session looks like a missing one and stores nothing",
  async (t) => {
    const harness = await build(t)
    const videos = await makeTestVideos(await mkdtemp(join(tmpdir(), 'proov-clips-')))
    const first = await upload(harness.url, harness.tokens.alice, [videos.plain.path])
    const before = await listFiles(harness.storeDir)

    const foreign = await upload(harness.url, harness.tokens.bob, [videos.plain.path], {
      session_id: first.body.session_id,
    })
    const missing = await upload(harness.url, harness.tokens.bob, [videos.plain.path], {
      session_id: '00000000-0000-4000-8000-000000000000',
    })
    t.equal(foreign.status, 404)
    t.same(foreign.body, missing.body, 'foreign and missing answer the same')
    t.equal(foreign.body.code, 'not_found')
    t.same(await listFiles(harness.storeDir), before, 'no file was stored')
    t.same(await listAllJobsByOwner(harness.jobsTable, subOf(harness.tokens.bob)), [])
  },
)

t.test('JSON form: keys must be the caller’s own and exist', async (t) => {
  const harness = await build(t)
  const videos = await makeTestVideos(await mkdtemp(join(tmpdir(), 'proov-clips-')))
  const uploaded = await upload(harness.url, harness.tokens.alice, [videos.plain.path])
  const aliceKey = uploaded.body.jobs[0]?.s3_key ?? ''

  const post = (token: string, body: unknown) =>
    fetch(`${harness.url}/analyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Answer,
    }))

  const own = await post(harness.tokens.alice, { videos: [{ key: aliceKey, tool: 'media_info' }] })
  t.equal(own.status, 202)
  t.equal(own.body.batch_number, 2)
  t.equal(own.body.jobs[0]?.tool, 'media_info')

  const stolen = await post(harness.tokens.bob, { videos: [{ key: aliceKey }] })
  t.equal(stolen.status, 404)
  const bob = subOf(harness.tokens.bob)
  const traversal = await post(harness.tokens.bob, {
    videos: [{ key: `users/${bob}/../${subOf(harness.tokens.alice)}/x.mp4` }],
  })
  t.equal(traversal.status, 404)
  const absent = await post(harness.tokens.bob, { videos: [{ key: `users/${bob}/none.mp4` }] })
  t.equal(absent.status, 404)
  t.same(stolen.body, absent.body)
  t.same(await listAllJobsByOwner(harness.jobsTable, bob), [], 'nothing written for bob')

  const empty = await post(harness.tokens.alice, { videos: [] })
  t.equal(empty.status, 400)
  t.equal(empty.body.code, 'invalid_request')
  const badTool = await post(harness.tokens.alice, { videos: [{ key: aliceKey, tool: 'nope' }] })
  t.equal(badTool.status, 400)
})

t.test('requests without a valid token are refused before anything is read', async (t) => {
  const harness = await build(t)
  const none = await fetch(`${harness.url}/analyze`, { method: 'POST', body: new FormData() })
  t.equal(none.status, 401)
  t.equal(((await none.json()) as { code: string }).code, 'auth_required')
})

t.test('a multipart body without files is a 400', async (t) => {
  const harness = await build(t)
  const { status, body } = await upload(harness.url, harness.tokens.alice, [], {
    tool: 'media_info',
  })
  t.equal(status, 400)
  t.equal(body.code, 'no_videos')
})

t.test('a file over the size limit is refused with 413 and nothing stays stored', async (t) => {
  const harness = await build(t, { maxFileBytes: 1000 })
  const videos = await makeTestVideos(await mkdtemp(join(tmpdir(), 'proov-clips-')))
  const { status, body } = await upload(harness.url, harness.tokens.alice, [videos.withBlack.path])
  t.equal(status, 413)
  t.equal(body.code, 'payload_too_large')
  t.same(await listFiles(harness.storeDir), [])
  t.same(await listAllJobsByOwner(harness.jobsTable, subOf(harness.tokens.alice)), [])
})

// Regression: a body the multipart parser cannot read was answered 500.
t.test('malformed multipart bodies are 400 multipart_invalid and store nothing', async (t) => {
  const harness = await build(t)
  const send = (contentType: string, body: string) =>
    fetch(`${harness.url}/analyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.tokens.alice}`, 'content-type': contentType },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Answer,
    }))

  const part = '--B\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\nxxxx'
  const cases = [
    ['multipart/form-data', 'xx'],
    ['multipart/form-data; boundary=B', '--C\r\nnot a part\r\n--C--\r\n'],
    ['multipart/form-data; boundary=B', part],
  ] as const
  for (const [contentType, body] of cases) {
    const answer = await send(contentType, body)
    t.equal(answer.status, 400, `${contentType} ${JSON.stringify(body.slice(0, 20))}`)
    t.equal(answer.body.code, 'multipart_invalid')
  }
  t.same(await listFiles(harness.storeDir), [])
  t.same(await listAllJobsByOwner(harness.jobsTable, subOf(harness.tokens.alice)), [])
})

// Regression: the JSON form ignored the per-request limit the multipart form applies.
t.test('the JSON form obeys the same per-request video limit', async (t) => {
  const harness = await build(t)
  const alice = subOf(harness.tokens.alice)
  const videos = Array.from({ length: 6 }, (_, i) => ({ key: `users/${alice}/${i}.mp4` }))
  const response = await fetch(`${harness.url}/analyze`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${harness.tokens.alice}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ videos }),
  })
  t.equal(response.status, 413)
  t.equal(((await response.json()) as Answer).code, 'too_many_files')
})

// Regression: refused uploads left empty session folders behind in the store.
t.test('a refused upload leaves no folder behind', async (t) => {
  const harness = await build(t, { maxFileBytes: 1000 })
  const videos = await makeTestVideos(await mkdtemp(join(tmpdir(), 'proov-clips-')))
  await upload(harness.url, harness.tokens.alice, [videos.withBlack.path])
  t.same(await readdir(harness.storeDir), [])
})
