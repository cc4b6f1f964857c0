import t from 'tap'

import { AnalysisError, ANALYSIS_ERROR_CODES, isAnalysisError } from '../../src/analysis/errors.js'

t.test('each code carries a status, a retry hint and a default message', async (t) => {
  const expected = {
    not_a_video: { statusCode: 422, retryable: false },
    tool_unavailable: { statusCode: 503, retryable: false },
    tool_failed: { statusCode: 500, retryable: true },
    timeout: { statusCode: 504, retryable: true },
  }

  for (const code of ANALYSIS_ERROR_CODES) {
    const error = new AnalysisError(code)
    t.match(error, { code, name: 'AnalysisError', ...expected[code] })
    t.ok(error.message.length > 0)
    t.ok(isAnalysisError(error))
  }
})

t.test('keeps the original as cause', async (t) => {
  const cause = new Error('spawn EACCES')
  const error = new AnalysisError('tool_unavailable', 'ffmpeg could not be started', { cause })

  t.equal(error.cause, cause)
  t.equal(error.message, 'ffmpeg could not be started')
  t.notOk(isAnalysisError(cause))
})
