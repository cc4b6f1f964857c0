import t from 'tap'
import { parseOwnerFile } from '../src/index.js'

const JOB = '5e0d9b77-2c44-4b0e-8f0a-77a1d2c3b4e5'
const OTHER_JOB = '0b6f1c2e-5d1a-4f7e-9a51-3c2d7e8f9a01'
const SUB = '9f3e2a10-0c1d-4e5f-a6b7-c8d9e0f1a2b3'

t.test('lines of job_id,user_id, with or without the header', async (t) => {
  const expected = [
    { line: 2, jobId: JOB, userId: SUB },
    { line: 4, jobId: OTHER_JOB, userId: 'alice-sub' },
  ]
  const withHeader = parseOwnerFile(`job_id,user_id\n${JOB},${SUB}\n\n${OTHER_JOB},alice-sub\n`)
  t.same(withHeader, { rows: expected, invalid: [] })

  const bare = parseOwnerFile(`\uFEFF\r\n${JOB} , ${SUB}\r\n\r\n"${OTHER_JOB}","alice-sub"`)
  t.same(bare, { rows: expected, invalid: [] }, 'a BOM, CRLF, spaces and quotes are fine')
  t.same(parseOwnerFile(`JOB_ID,User_Id\n${JOB},${SUB}`).rows.length, 1)
})

t.test('each bad line is named by number and reason, never by its content', async (t) => {
  const file = parseOwnerFile(
    [
      'job_id,user_id',
      `${JOB},${SUB}`,
      `${JOB}`,
      `${JOB},${SUB},extra`,
      `not-a-uuid,${SUB}`,
      `,${SUB}`,
      `${JOB},`,
      `${JOB},alice@example.com`,
      `${JOB},two words`,
    ].join('\n'),
  )

  t.same(
    file.rows.map((row) => row.line),
    [2],
  )
  t.same(file.invalid, [
    { line: 3, reason: 'expected 2 columns (job_id,user_id), found 1' },
    { line: 4, reason: 'expected 2 columns (job_id,user_id), found 3' },
    { line: 5, reason: 'job_id is not a UUID' },
    { line: 6, reason: 'job_id is empty' },
    { line: 7, reason: 'user_id must not be empty' },
    {
      line: 8,
      reason: 'user_id must be a Cognito user id (sub), not an e-mail address',
    },
    {
      line: 9,
      reason: 'user_id must be a Cognito user id (sub), not an e-mail address',
    },
  ])
  t.notOk(JSON.stringify(file.invalid).includes('alice@example.com'))
})

t.test('a header naming other columns, or a file with no lines, is refused whole', async (t) => {
  const refused = { name: 'InfraError', code: 'owner_file_invalid' }
  t.throws(() => parseOwnerFile(`user_id,job_id\n${SUB},${JOB}`), {
    ...refused,
    message: /line 1: the header must be job_id,user_id/,
  })
  t.throws(() => parseOwnerFile('job_id,owner_email\n'), refused)
  t.throws(() => parseOwnerFile(''), { ...refused, message: /holds no job_id,user_id lines/ })
  t.throws(() => parseOwnerFile('job_id,user_id\n\n'), refused)
})
