export type Upstream = 'analyze' | 'query'

export interface PublicRoute {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  upstream: Upstream
  /** Answers a long-lived stream: no idle limit on the answer's body. */
  streaming?: boolean
}

/** Every public path of the API and the service that answers it; nothing else passes. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { method: 'POST', url: '/job-status', upstream: 'query' },
  { method: 'GET', url: '/jobs/:job_id', upstream: 'query' },
  { method: 'GET', url: '/my-jobs', upstream: 'query' },
  { method: 'GET', url: '/my-sessions', upstream: 'query' },
  { method: 'GET', url: '/session/:session_id/jobs', upstream: 'query' },
  { method: 'GET', url: '/search', upstream: 'query' },
  { method: 'GET', url: '/session/:session_id/events', upstream: 'query', streaming: true },
  { method: 'GET', url: '/admin/users/:user_id/jobs', upstream: 'query' },
  { method: 'GET', url: '/admin/legacy-jobs', upstream: 'query' },
  { method: 'POST', url: '/admin/jobs/:job_id/owner', upstream: 'query' },
  { method: 'POST', url: '/analyze', upstream: 'analyze' },
  { method: 'POST', url: '/get-upload-url', upstream: 'analyze' },
  { method: 'POST', url: '/jobs/:job_id/cancel', upstream: 'analyze' },
  { method: 'POST', url: '/session/:session_id/retry-failed', upstream: 'analyze' },
  { method: 'DELETE', url: '/session/:session_id', upstream: 'analyze' },
]
