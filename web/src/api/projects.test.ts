import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, resetHttp } from './http'
import * as api from './projects'

describe('projects API', () => {
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
    ['listProjects', () => api.listProjects({ round_id: 3, page: 2, per: 50 }), '/api/v1/projects?round_id=3&page=2&per=50'],
    ['listProjects, every round', () => api.listProjects({ round_id: null }), '/api/v1/projects'],
    ['getProject', () => api.getProject(5), '/api/v1/projects/5'],
    ['getIndicators', () => api.getIndicators(5), '/api/v1/projects/5/indicators'],
    ['listReports', () => api.listReports(5), '/api/v1/projects/5/reports'],
    ['listOverdueReports', () => api.listOverdueReports(), '/api/v1/reports/overdue'],
    ['listEvaluations', () => api.listEvaluations(5), '/api/v1/projects/5/evaluations'],
    ['listMyEvaluations', () => api.listMyEvaluations(), '/api/v1/evaluations/mine'],
    ['listDisbursements', () => api.listDisbursements('approved'), '/api/v1/disbursements?state=approved'],
    ['listDisbursements, every state', () => api.listDisbursements(), '/api/v1/disbursements'],
    ['getProjectLedger', () => api.getProjectLedger(5), '/api/v1/projects/5/ledger'],
    ['getRoundLedger', () => api.getRoundLedger(3), '/api/v1/rounds/3/ledger'],
    ['listExpenses', () => api.listExpenses(5), '/api/v1/projects/5/expenses'],
    ['getBudget', () => api.getBudget(5), '/api/v1/projects/5/budget'],
  ])('%s → GET %s', async (_name, call, url) => {
    await call()
    expect(last().method).toBe('GET')
    expect(last().url).toBe(url)
  })

  it('unwraps the data of the list answers', async () => {
    const row = { period: '2027-Q1', overdue: true, report: null }
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ data: [row] }), { status: 200 }))
    expect(await api.listReports(5)).toEqual([row])
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({}), { status: 200 }))
    expect(await api.listDisbursements()).toEqual([])
  })

  const agreement = { signed_on: '2026-12-01', starts_on: '2027-01-01', ends_on: '2027-12-31', version: 1 }
  const expense = { budget_line_id: 9, amount_yuan: '1200.00', spent_on: '2027-02-03', description: '购买学习用品' }
  const evaluation = { checklist: [{ item: '项目进度', passed: true, note: '' }], score: 80, result: 'pass' as const, comment: '' }

  it.each([
    ['recordAgreement', () => api.recordAgreement(5, agreement), '/api/v1/projects/5/agreement', agreement],
    ['submitReport', () => api.submitReport(5, '2027-Q1', '按计划完成'), '/api/v1/projects/5/reports', { period: '2027-Q1', narrative: '按计划完成' }],
    ['reviewReport', () => api.reviewReport(11, 'return', '请补充数据'), '/api/v1/reports/11/review', { decision: 'return', comment: '请补充数据' }],
    ['openEvaluation', () => api.openEvaluation(5, 'midterm'), '/api/v1/projects/5/evaluations', { kind: 'midterm' }],
    ['openEvaluation with an evaluator', () => api.openEvaluation(5, 'final', 21), '/api/v1/projects/5/evaluations', { kind: 'final', evaluator_id: 21 }],
    ['requestTranche', () => api.requestTranche(5, 1), '/api/v1/projects/5/disbursements', { tranche: 1 }],
    ['requestTranche with an amount', () => api.requestTranche(5, 2, '30000.00'), '/api/v1/projects/5/disbursements', { tranche: 2, amount_yuan: '30000.00' }],
    ['approveDisbursement', () => api.approveDisbursement(4), '/api/v1/disbursements/4/approve', {}],
    ['rejectDisbursement', () => api.rejectDisbursement(4, '材料不全'), '/api/v1/disbursements/4/reject', { reason: '材料不全' }],
    ['payDisbursement', () => api.payDisbursement(4, '2026-12-02', 'BK-20261202-01'), '/api/v1/disbursements/4/pay', { paid_on: '2026-12-02', reference: 'BK-20261202-01' }],
    ['addExpense', () => api.addExpense(5, expense), '/api/v1/projects/5/expenses', expense],
  ])('%s posts to %s with the CSRF token', async (_name, call, url, body) => {
    await call()
    expect(last()).toEqual({ url, method: 'POST', body, csrf: 'tok' })
  })

  it('PUTs a resubmitted report and a completed evaluation, escaping ids', async () => {
    await api.resubmitReport('a/b', '已补充')
    expect(last()).toEqual({ url: '/api/v1/reports/a%2Fb', method: 'PUT', body: { narrative: '已补充' }, csrf: 'tok' })
    await api.completeEvaluation(6, evaluation)
    expect(last()).toEqual({ url: '/api/v1/evaluations/6', method: 'PUT', body: evaluation, csrf: 'tok' })
  })
})
