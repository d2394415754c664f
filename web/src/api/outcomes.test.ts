import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp, resetHttp } from './http'
import * as api from './outcomes'

describe('outcomes API', () => {
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
    ['listSurveyTemplates', () => api.listSurveyTemplates(), '/api/v1/survey-templates'],
    ['listInvitations', () => api.listInvitations(7), '/api/v1/cases/7/survey-invitations'],
    ['getPublicSurvey', () => api.getPublicSurvey('abcDEF123'), '/api/v1/public/surveys/abcDEF123'],
    ['getSurveyResults by project', () => api.getSurveyResults({ project_id: 5 }), '/api/v1/survey-results?project_id=5'],
    ['getSurveyResults by organization', () => api.getSurveyResults({ organization_id: 2 }), '/api/v1/survey-results?organization_id=2'],
    ['getKpis, the platform by default', () => api.getKpis(), '/api/v1/kpis'],
    ['getKpis by district for a year', () => api.getKpis({ dimension: 'district', period: '2026' }), '/api/v1/kpis?dimension=district&period=2026'],
    [
      'getKpis, streets of a district',
      () => api.getKpis({ dimension: 'street', filter: { name: 'district', key: '310104' } }),
      '/api/v1/kpis?dimension=street&district=310104',
    ],
    [
      'getKpis, months of an organization',
      () => api.getKpis({ dimension: 'month', filter: { name: 'organization_id', key: '3' }, from: '2025-12', to: '2026-11' }),
      '/api/v1/kpis?dimension=month&from=2025-12&to=2026-11&organization_id=3',
    ],
    ['getKpis, all time leaves the period out', () => api.getKpis({ dimension: 'project', period: '' }), '/api/v1/kpis?dimension=project'],
    [
      'listKpiRecords',
      () => api.listKpiRecords({ filter: { name: 'service_type', key: 'material_aid' }, period: '2026-07', page: 3, per: 50 }),
      '/api/v1/kpis/records?period=2026-07&page=3&per=50&service_type=material_aid',
    ],
    ['listKpiRecords, unfiltered', () => api.listKpiRecords({ page: 1, per: 20 }), '/api/v1/kpis/records?page=1&per=20'],
  ])('%s → GET %s', async (_name, call, url) => {
    await call()
    expect(last().method).toBe('GET')
    expect(last().url).toBe(url)
  })

  it.each([
    ['createSurveyTemplate', () => api.createSurveyTemplate({ name: '小组活动', items: [{ code: 'overall', label_zh: '总体', label_en: 'Overall' }] }), '/api/v1/survey-templates', { name: '小组活动', items: [{ code: 'overall', label_zh: '总体', label_en: 'Overall' }] }],
    ['createInvitations, the defaults', () => api.createInvitations(7), '/api/v1/cases/7/survey-invitations', {}],
    ['createInvitations for a group', () => api.createInvitations(7, { service_record_id: 12, count: 8, expires_in_days: 14 }), '/api/v1/cases/7/survey-invitations', { service_record_id: 12, count: 8, expires_in_days: 14 }],
    ['cancelInvitation', () => api.cancelInvitation(9), '/api/v1/survey-invitations/9/cancel', {}],
    [
      'recordPhoneResponse',
      () => api.recordPhoneResponse(9, { answers: { overall: 5, attitude: 4 }, called_on: '2026-11-20', comment: '很好' }),
      '/api/v1/survey-invitations/9/phone-response',
      { answers: { overall: 5, attitude: 4 }, called_on: '2026-11-20', comment: '很好' },
    ],
    ['submitPublicSurvey', () => api.submitPublicSurvey('tok24', { answers: { overall: 4 } }), '/api/v1/public/surveys/tok24', { answers: { overall: 4 } }],
  ])('%s posts to %s', async (_name, call, url, body) => {
    await call()
    expect(last()).toEqual({ url, method: 'POST', body, csrf: 'tok' })
  })

  it('unwraps the created invitations and the lists', async () => {
    const inv = { id: 1, token: 'x'.repeat(24), url: `/s/${'x'.repeat(24)}`, expires_at: '2026-12-29T00:00:00Z', qr_png: '/a.png', qr_svg: '/a.svg' }
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ data: [inv] }), { status: 201 }))
    expect(await api.createInvitations(7)).toEqual([inv])
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({}), { status: 200 }))
    expect(await api.listInvitations(7)).toEqual([])
  })

  it('reports the public page states by status: 404, 409 answered, 410 expired', async () => {
    for (const [status, code] of [
      [404, 'not_found'],
      [409, 'answered'],
      [410, 'expired'],
    ] as const) {
      fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ error: { code, message: '' } }), { status }))
      const err = await api.getPublicSurvey('t').catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ApiError)
      expect((err as ApiError).status).toBe(status)
      expect((err as ApiError).messageKey).toBe(`errors.code.${code}`)
    }
  })

  it('builds the export and QR addresses', () => {
    expect(api.kpiExportUrl({ dimension: 'district', period: '2026' }, 'xlsx')).toBe('/api/v1/kpis/export?dimension=district&period=2026&format=xlsx')
    expect(api.kpiExportUrl({ dimension: 'month', filter: { name: 'district', key: '310104' }, from: '2026-01', to: '2026-12' }, 'csv')).toBe(
      '/api/v1/kpis/export?dimension=month&from=2026-01&to=2026-12&district=310104&format=csv',
    )
    expect(api.surveyQrUrl('abc')).toBe('/api/v1/public/surveys/abc/qr.svg')
    expect(api.surveyQrUrl('abc', 'png')).toBe('/api/v1/public/surveys/abc/qr.png')
  })
})
