import { describe, expect, it } from 'vitest'
import type { Disbursement, LedgerTranche, ReportPeriod } from '@/api/projectTypes'
import {
  agreementProblem,
  canRequestTranche,
  caseProjectOptions,
  categoryRows,
  defaultAgreement,
  disbursementTagType,
  evaluationForm,
  evaluationPayload,
  formatFigure,
  indicatorChartSeries,
  paidPercent,
  periodStatus,
  progressBar,
  projectLabel,
  projectStateLabel,
  projectStateTagType,
  reportAction,
  trancheStatuses,
} from './projects'

const t = (key: string) => `<${key}>`

describe('project states', () => {
  it('labels the contract states and shows unknown ones as they are', () => {
    expect(projectStateLabel(t, 'agreement_pending')).toBe('<projects.state.agreement_pending>')
    expect(projectStateLabel(t, 'closed_early')).toBe('closed_early')
    expect(projectStateLabel(t, null)).toBe('')
    expect(projectStateTagType('suspended')).toBe('danger')
    expect(projectStateTagType('other')).toBe('info')
    expect(disbursementTagType('paid')).toBe('success')
    expect(disbursementTagType('requested')).toBe('warning')
  })
})

describe('progressBar', () => {
  it('clamps the percentage and marks a reached target', () => {
    expect(progressBar({ percent: 42.5 })).toEqual({ percentage: 42.5, reached: false })
    expect(progressBar({ percent: 130 })).toEqual({ percentage: 100, reached: true })
    expect(progressBar({ percent: 100 })).toEqual({ percentage: 100, reached: true })
    expect(progressBar({ percent: null })).toBeNull()
  })

  it('formats figures: counts whole, hours with their decimals', () => {
    expect(formatFigure(12)).toBe('12')
    expect(formatFigure(3.5)).toBe('3.5')
    expect(formatFigure(3.25)).toBe('3.25')
    expect(formatFigure(null)).toBe('—')
  })
})

describe('the portfolio', () => {
  it('fills the tranche statuses of a list row up to the round tranches', () => {
    const two = [
      { percent: 50, gate: 'agreement_signed' as const },
      { percent: 50, gate: 'final_passed' as const },
    ]
    expect(trancheStatuses(two, ['paid'])).toEqual(['paid', 'none'])
    expect(trancheStatuses(two, ['paid', 'rejected'])).toEqual(['paid', 'rejected'])
    expect(trancheStatuses(two, undefined)).toEqual(['none', 'none'])
    expect(trancheStatuses(two, ['approved', 'something_new'])).toEqual(['approved', 'none'])
    expect(trancheStatuses([], ['requested'])).toEqual(['requested'])
  })

  it('lets a tranche be requested when nothing live holds it', () => {
    const tranche = (disbursement: Partial<Disbursement> | null) => ({ disbursement }) as LedgerTranche
    expect(canRequestTranche(tranche(null))).toBe(true)
    expect(canRequestTranche(tranche({ state: 'rejected' }))).toBe(true)
    expect(canRequestTranche(tranche({ state: 'requested' }))).toBe(false)
    expect(canRequestTranche(tranche({ state: 'paid' }))).toBe(false)
  })

  it('gives the paid share of a grant', () => {
    expect(paidPercent('50000.00', '200000.00')).toBe(25)
    expect(paidPercent('1.00', '3.00')).toBe(33.3)
    expect(paidPercent('0.00', '0.00')).toBe(0)
  })
})

describe('charts', () => {
  it('orders the months and fills missing figures with 0', () => {
    const month = (m: string, n: number) => ({
      month: m,
      persons: n,
      households: n,
      person_times: n * 2,
      services: n,
      service_hours: n / 2,
      volunteer_hours: 0,
      satisfaction_rate: null,
    })
    expect(indicatorChartSeries([month('2027-03', 4), month('2027-02', 2)])).toEqual({
      months: ['2027-02', '2027-03'],
      person_times: [4, 8],
      services: [2, 4],
      service_hours: [1, 2],
    })
    expect(indicatorChartSeries(null).months).toEqual([])
  })

  it('orders households by category as the registry does, none and unknown ones last, empty ones out', () => {
    expect(categoryRows({ none: 2, policy_edge: 1, dibao: 3, zzz: 1, low_income: 0 })).toEqual([
      { category: 'dibao', count: 3 },
      { category: 'policy_edge', count: 1 },
      { category: 'none', count: 2 },
      { category: 'zzz', count: 1 },
    ])
    expect(categoryRows(undefined)).toEqual([])
  })
})

describe('the agreement', () => {
  it('defaults to a year from today', () => {
    expect(defaultAgreement('2026-11-29')).toEqual({ signed_on: '2026-11-29', starts_on: '2026-11-29', ends_on: '2027-11-28' })
    expect(defaultAgreement('2028-02-29').ends_on).toBe('2029-02-28')
    expect(defaultAgreement('2027-01-01').ends_on).toBe('2027-12-31')
    expect(defaultAgreement('').ends_on).toBe('')
  })

  it('needs the end after the start', () => {
    expect(agreementProblem({ signed_on: '2026-01-01', starts_on: '2026-02-01', ends_on: '2026-02-01' })).toBe('before_start')
    expect(agreementProblem({ signed_on: '2026-01-01', starts_on: '2026-02-01', ends_on: '2026-01-31' })).toBe('before_start')
    expect(agreementProblem({ signed_on: '2026-01-01', starts_on: '2026-02-01', ends_on: '2027-01-31' })).toBeNull()
    expect(agreementProblem({ signed_on: '', starts_on: '', ends_on: '' })).toBeNull()
  })
})

describe('report periods', () => {
  const period = (period_end: string, report: ReportPeriod['report'] = null, overdue = false) => ({ period_end, report, overdue })
  const report = (state: 'submitted' | 'accepted' | 'returned') => ({ state }) as ReportPeriod['report']

  it('offers to submit an ended period and to resubmit a returned report', () => {
    expect(reportAction(period('2026-09-30'), '2026-11-29')).toBe('submit')
    expect(reportAction(period('2026-11-29'), '2026-11-29')).toBeNull()
    expect(reportAction(period('2026-12-31'), '2026-11-29')).toBeNull()
    expect(reportAction(period('2026-09-30', report('returned')), '2026-11-29')).toBe('resubmit')
    expect(reportAction(period('2026-09-30', report('submitted')), '2026-11-29')).toBeNull()
    expect(reportAction(period('2026-09-30', report('accepted')), '2026-11-29')).toBeNull()
  })

  it('tells overdue, reported, due and upcoming periods apart', () => {
    expect(periodStatus(period('2026-06-30', null, true), '2026-11-29')).toBe('overdue')
    expect(periodStatus(period('2026-06-30', report('returned'), true), '2026-11-29')).toBe('overdue')
    expect(periodStatus(period('2026-06-30', report('accepted')), '2026-11-29')).toBe('accepted')
    expect(periodStatus(period('2026-11-20'), '2026-11-29')).toBe('due')
    expect(periodStatus(period('2026-12-31'), '2026-11-29')).toBe('upcoming')
  })
})

describe('the evaluation form', () => {
  it('starts with the items passed and sends them trimmed, blank ones left out', () => {
    const form = evaluationForm(['项目进度', '财务规范'])
    expect(form.checklist).toEqual([
      { item: '项目进度', passed: true, note: '' },
      { item: '财务规范', passed: true, note: '' },
    ])
    form.checklist[1].passed = false
    form.checklist[1].note = ' 票据不全 '
    form.checklist.push({ item: '  ', passed: true, note: '' })
    form.score = 78
    form.result = 'pass'
    form.comment = ' 整体良好 '
    expect(evaluationPayload(form)).toEqual({
      checklist: [
        { item: '项目进度', passed: true, note: '' },
        { item: '财务规范', passed: false, note: '票据不全' },
      ],
      score: 78,
      result: 'pass',
      comment: '整体良好',
    })
  })
})

describe('projects of a new case', () => {
  const project = (id: number, state: string, sub_brand = '', organization_id: number | string = 7) => ({
    id,
    organization_id,
    name: `项目${id}`,
    sub_brand,
    state: state as 'active',
  })

  it('labels a project by its name, with the sub-brand in brackets when set', () => {
    expect(projectLabel({ name: '阳光助学', sub_brand: '' })).toBe('阳光助学')
    expect(projectLabel({ name: '阳光助学', sub_brand: '  ' })).toBe('阳光助学')
    expect(projectLabel({ name: '阳光助学', sub_brand: '小太阳' })).toBe('阳光助学（小太阳）')
  })

  it('offers the active and agreement-pending projects of the organization, in order', () => {
    const projects = [
      project(1, 'active', '小太阳'),
      project(2, 'suspended'),
      project(3, 'agreement_pending'),
      project(4, 'finished'),
      project(5, 'active', '', 8),
      project(6, 'active', '', '7'),
    ]
    expect(caseProjectOptions(projects, 7)).toEqual([
      { id: 1, key: '1', label: '项目1（小太阳）' },
      { id: 3, key: '3', label: '项目3' },
      { id: 6, key: '6', label: '项目6' },
    ])
    expect(caseProjectOptions(projects, null).map((o) => o.id)).toEqual([1, 3, 5, 6])
    expect(caseProjectOptions([], 7)).toEqual([])
  })
})
