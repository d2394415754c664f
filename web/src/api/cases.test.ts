import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from './cases'
import { configureHttp, resetHttp } from './http'

describe('case-work API', () => {
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
    ['listStaff', () => api.listStaff(), 'GET', '/api/v1/staff'],
    ['listCases', () => api.listCases({ state: 'in_service', mine: true, page: 2, per: 50 }), 'GET', '/api/v1/cases?state=in_service&page=2&per=50&mine=true'],
    ['listCases, not mine', () => api.listCases({ mine: false, household_id: 9 }), 'GET', '/api/v1/cases?household_id=9'],
    ['getCase', () => api.getCase(5), 'GET', '/api/v1/cases/5'],
    ['getCase with purpose', () => api.getCase(5, '项目监测'), 'GET', `/api/v1/cases/5?purpose=${encodeURIComponent('项目监测')}`],
    ['getTimeline', () => api.getTimeline(5), 'GET', '/api/v1/cases/5/timeline'],
    ['listAssessments', () => api.listAssessments(5), 'GET', '/api/v1/cases/5/assessments'],
    ['listPlans', () => api.listPlans(5), 'GET', '/api/v1/cases/5/plans'],
    ['listServiceRecords', () => api.listServiceRecords(5, { page: 1, per: 20 }), 'GET', '/api/v1/cases/5/service-records?page=1&per=20'],
    ['listAlerts', () => api.listAlerts(), 'GET', '/api/v1/alerts?open=true'],
    ['getWorkQueue', () => api.getWorkQueue(), 'GET', '/api/v1/work-queue'],
    ['listReferrals', () => api.listReferrals({ direction: 'incoming', status: 'pending' }), 'GET', '/api/v1/referrals?direction=incoming&status=pending'],
    ['listConsents', () => api.listConsents(31), 'GET', '/api/v1/persons/31/consents'],
    ['duplicateCheck', () => api.duplicateCheck({ id_number: '310101195803120178' }), 'GET', '/api/v1/duplicate-check?id_number=310101195803120178'],
    ['listAttachments', () => api.listAttachments(5), 'GET', '/api/v1/cases/5/attachments'],
  ])('%s → %s %s', async (_name, call, method, url) => {
    await call()
    expect(last().method).toBe(method)
    expect(last().url).toBe(url)
  })

  it.each([
    ['createCase', () => api.createCase({ household_id: 1, referral_source: 'self', presenting_problem: 'p', urgency: 'normal', social_worker_id: 2, supervisor_id: 3 }), '/api/v1/cases', { household_id: 1, referral_source: 'self', presenting_problem: 'p', urgency: 'normal', social_worker_id: 2, supervisor_id: 3 }],
    ['transitionCase', () => api.transitionCase(5, 'assessing'), '/api/v1/cases/5/transitions', { to: 'assessing' }],
    ['transitionCase with reason', () => api.transitionCase(5, 'suspended', '住院'), '/api/v1/cases/5/transitions', { to: 'suspended', reason: '住院' }],
    ['submitPlan', () => api.submitPlan(5), '/api/v1/cases/5/plan/submit', undefined],
    ['decidePlan', () => api.decidePlan(5, 'return', '目标不具体'), '/api/v1/cases/5/plan/decision', { decision: 'return', comment: '目标不具体' }],
    ['acknowledgeAlert', () => api.acknowledgeAlert(8, '已电话联系'), '/api/v1/alerts/8/acknowledge', { note: '已电话联系' }],
    ['acknowledgeAlert without note', () => api.acknowledgeAlert(8), '/api/v1/alerts/8/acknowledge', {}],
    ['createReferral', () => api.createReferral(5, { to_organization_id: 4, mode: 'share', reason: 'r' }), '/api/v1/cases/5/referrals', { to_organization_id: 4, mode: 'share', reason: 'r' }],
    ['decideReferral', () => api.decideReferral(6, 'decline', '超出服务范围'), '/api/v1/referrals/6/decision', { decision: 'decline', reason: '超出服务范围' }],
    ['recordReferralOutcome', () => api.recordReferralOutcome(6, '已入组'), '/api/v1/referrals/6/outcome', { outcome: '已入组' }],
    ['saveClosing', () => api.saveClosing(5, { reason: 'goals_met', summary: 's', goal_attainment: [{ goal_key: 'g1', attainment: 'achieved' }] }), '/api/v1/cases/5/closing', { reason: 'goals_met', summary: 's', goal_attainment: [{ goal_key: 'g1', attainment: 'achieved' }] }],
    ['signOffClosing', () => api.signOffClosing(5), '/api/v1/cases/5/closing/sign-off', undefined],
    ['recordFollowUp', () => api.recordFollowUp(5, 11, { done_on: '2026-12-29', note: 'n' }), '/api/v1/cases/5/follow-ups/11', { done_on: '2026-12-29', note: 'n' }],
    ['addConsent', () => api.addConsent(31, { type: 'data_sharing', given_on: '2026-11-29' }), '/api/v1/persons/31/consents', { type: 'data_sharing', given_on: '2026-11-29' }],
    ['withdrawConsent', () => api.withdrawConsent(40, { withdrawn_on: '2026-11-29', reason: 'r' }), '/api/v1/consents/40/withdraw', { withdrawn_on: '2026-11-29', reason: 'r' }],
  ])('%s posts to %s with the CSRF token', async (_name, call, url, body) => {
    await call()
    expect(last()).toEqual({ url, method: 'POST', body, csrf: 'tok' })
  })

  it('PUTs the plan', async () => {
    const plan = { goals: [{ title: 't', indicator: 'i', target_date: '2026-12-31' }], interventions: [], resources: [] }
    await api.savePlan(5, plan)
    expect(last()).toEqual({ url: '/api/v1/cases/5/plan', method: 'PUT', body: plan, csrf: 'tok' })
  })

  it('escapes ids in paths', async () => {
    await api.getCase('a/b')
    expect(last().url).toBe('/api/v1/cases/a%2Fb')
  })

  it('reads the service-type catalogue in whatever shape it comes', async () => {
    fetchMock.mockImplementationOnce(
      async () => new Response(JSON.stringify({ data: [{ code: 'life_care', name: '生活照料' }, 'tutoring', { key: 'other', label: '其他' }, {}] })),
    )
    expect(await api.listServiceTypes()).toEqual([
      { code: 'life_care', name: '生活照料' },
      { code: 'tutoring', name: 'tutoring' },
      { code: 'other', name: '其他' },
    ])
    expect(last().url).toBe('/api/v1/service-types')
  })

  it('keeps both names of a service type as the server sends them', async () => {
    fetchMock.mockImplementationOnce(
      async () => new Response(JSON.stringify({ data: [{ code: 'tutoring', name_zh: '学业辅导', name_en: 'Tutoring', active: true }, { code: 'other', name_zh: '其他', name_en: '' }] })),
    )
    expect(await api.listServiceTypes()).toEqual([
      { code: 'tutoring', name: '学业辅导', name_zh: '学业辅导', name_en: 'Tutoring' },
      { code: 'other', name: '其他', name_zh: '其他' },
    ])
  })

  it('uploads an attachment as the raw body with its type, the name in the query, and the CSRF token', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    const file = new Blob([bytes], { type: 'image/png' })
    await api.uploadAttachment(5, { data: file, filename: '入户照片 1.png', contentType: 'image/png' })
    const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1]
    const headers = (init?.headers ?? {}) as Record<string, string>
    expect(String(url)).toBe(`/api/v1/cases/5/attachments?filename=${encodeURIComponent('入户照片 1.png').replace(/%20/g, '+')}`)
    expect(init?.method).toBe('POST')
    expect(headers['Content-Type']).toBe('image/png')
    expect(headers['X-CSRF-Token']).toBe('tok')
    expect(init?.body).toBe(file)

    await api.uploadAttachment(5, { data: file, filename: 'a.pdf', contentType: 'application/pdf', serviceRecordId: 12 })
    expect(String(fetchMock.mock.calls[fetchMock.mock.calls.length - 1][0])).toBe('/api/v1/cases/5/attachments?filename=a.pdf&service_record_id=12')
  })

  it('builds the download address of an attachment', () => {
    expect(api.attachmentUrl(17)).toBe('/api/v1/attachments/17')
    expect(api.attachmentUrl('a/b')).toBe('/api/v1/attachments/a%2Fb')
  })
})
