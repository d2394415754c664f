import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, resetHttp } from './http'
import * as api from './rounds'
import type { RoundInput } from './roundTypes'

describe('funding-rounds API', () => {
  const fetchMock = vi.fn<typeof fetch>()

  beforeEach(() => {
    fetchMock.mockReset()
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ data: [] }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ csrfToken: () => 'tok' })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetHttp()
  })

  function last(): { url: string; method: string; body: unknown; csrf: string | undefined } {
    const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1]
    const headers = (init?.headers ?? {}) as Record<string, string>
    return {
      url: String(url),
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      csrf: headers['X-CSRF-Token'],
    }
  }

  it.each([
    ['listRounds', () => api.listRounds({ state: 'closed', page: 2, per: 50 }), '/api/v1/rounds?state=closed&page=2&per=50'],
    ['listRounds, any state', () => api.listRounds({ state: '' }), '/api/v1/rounds'],
    ['getRound', () => api.getRound(3), '/api/v1/rounds/3'],
    ['listApplications', () => api.listApplications(3, { state: 'eligible', per: 100 }), '/api/v1/rounds/3/applications?state=eligible&per=100'],
    ['getApplication', () => api.getApplication(8), '/api/v1/applications/8'],
    ['getReview', () => api.getReview(8), '/api/v1/applications/8/review'],
    ['listReviews', () => api.listReviews(8), '/api/v1/applications/8/reviews'],
    ['getResults', () => api.getResults(3), '/api/v1/rounds/3/results'],
    ['listObjections', () => api.listObjections(3), '/api/v1/rounds/3/objections'],
    ['getPublicNotice', () => api.getPublicNotice(3), '/api/v1/public/rounds/3/notice'],
  ])('%s → GET %s', async (_name, call, url) => {
    await call()
    expect(last().method).toBe('GET')
    expect(last().url).toBe(url)
  })

  const round: RoundInput = {
    title: '2027年度项目创投',
    theme: '',
    guidelines: '',
    total_budget_yuan: '3000000.00',
    min_grant_yuan: '50000.00',
    max_grant_yuan: '200000.00',
    eligibility: { org_types: [], ratings: ['3A'], target_groups: [], districts: [] },
    opens_at: '2026-12-01T09:00',
    closes_at: '2027-01-15T17:00',
    rubric: [{ key: 'need', name: '需求', weight: 100, scale: 'ten' }],
    tranches: [{ percent: 100, gate: 'agreement_signed' }],
    min_reviewers: 3,
    notice_days: 7,
    reporting: 'quarterly',
  }

  it.each([
    ['createRound', () => api.createRound(round), '/api/v1/rounds', round],
    ['transitionRound', () => api.transitionRound(3, 'open'), '/api/v1/rounds/3/transitions', { to: 'open' }],
    ['transitionRound with reason', () => api.transitionRound(3, 'closed', '提前截止'), '/api/v1/rounds/3/transitions', { to: 'closed', reason: '提前截止' }],
    ['createApplication', () => api.createApplication(3), '/api/v1/rounds/3/applications', {}],
    ['submitApplication', () => api.submitApplication(8, 4), '/api/v1/applications/8/submit', { version: 4 }],
    ['screenApplication', () => api.screenApplication(8, 'fail', '不在服务区域'), '/api/v1/applications/8/screening', { result: 'fail', reason: '不在服务区域' }],
    ['assignReviewers', () => api.assignReviewers(8, [21, 22]), '/api/v1/applications/8/reviewers', { user_ids: [21, 22] }],
    ['declareConflict', () => api.declareConflict(8, '曾任该机构理事'), '/api/v1/applications/8/conflict', { reason: '曾任该机构理事' }],
    ['decideApplication', () => api.decideApplication(8, { fund: true, amount_yuan: '150000.00', note: '' }), '/api/v1/applications/8/decision', { fund: true, amount_yuan: '150000.00', note: '' }],
    ['createObjection', () => api.createObjection(3, { application_id: 8, source: '来信', content: '预算虚高' }), '/api/v1/rounds/3/objections', { application_id: 8, source: '来信', content: '预算虚高' }],
    ['resolveObjection', () => api.resolveObjection(5, '经核实属实', true), '/api/v1/objections/5/resolve', { resolution: '经核实属实', upheld: true }],
  ])('%s posts to %s with the CSRF token', async (_name, call, url, body) => {
    await call()
    expect(last()).toEqual({ url, method: 'POST', body, csrf: 'tok' })
  })

  it('PUTs round terms and a draft with their versions, and the review', async () => {
    await api.updateRound(3, round, 7)
    expect(last()).toEqual({ url: '/api/v1/rounds/3', method: 'PUT', body: { ...round, version: 7 }, csrf: 'tok' })
    await api.saveApplication(8, { project_name: '向阳助学' }, 2)
    expect(last()).toEqual({ url: '/api/v1/applications/8', method: 'PUT', body: { project_name: '向阳助学', version: 2 }, csrf: 'tok' })
    const review = { scores: [{ key: 'need', score: 8, comment: '' }], comment: '好', submit: true }
    await api.saveReview(8, review)
    expect(last()).toEqual({ url: '/api/v1/applications/8/review', method: 'PUT', body: review, csrf: 'tok' })
  })

  it('DELETEs a reviewer assignment and escapes ids', async () => {
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ data: [] }), { status: 200 }))
    expect(await api.unassignReviewer('8', 'a/b')).toEqual({ data: [] })
    expect(last()).toMatchObject({ url: '/api/v1/applications/8/reviewers/a%2Fb', method: 'DELETE', csrf: 'tok' })
  })

  it('asks for the public notice without running the session hooks on a 401', async () => {
    const onUnauthenticated = vi.fn()
    configureHttp({ onUnauthenticated })
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ error: { code: 'unauthenticated' } }), { status: 401 }))
    await expect(api.getPublicNotice(3)).rejects.toMatchObject({ status: 401 })
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })
})
