import { describe, expect, it } from 'vitest'
import type { KpiRow, SurveyItem } from '@/api/outcomeTypes'
import type { Role } from '@/api/types'
import {
  answersPayload,
  chartRows,
  chartValue,
  dashboardScope,
  figureText,
  filterOf,
  invitationLink,
  isPeriod,
  isSuppressed,
  itemLabel,
  itemSatisfaction,
  parseRecordsQuery,
  rankBySatisfaction,
  rateText,
  recentYears,
  recordsQuery,
  rowLabel,
  tooltipLine,
  trendRange,
  validateAnswers,
} from './outcomes'

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}:${JSON.stringify(params)}` : key)

describe('suppressed figures', () => {
  it('renders "<5" as is, and as 0 in charts', () => {
    expect(isSuppressed('<5')).toBe(true)
    expect(isSuppressed(4)).toBe(false)
    expect(figureText('persons', '<5')).toBe('<5')
    expect(chartValue('<5')).toBe(0)
    expect(chartValue(null)).toBe(0)
    expect(chartValue(12)).toBe(12)
  })

  it('formats counts, hours, rates and missing figures', () => {
    expect(figureText('services', 12345)).toBe('12,345')
    expect(figureText('service_hours', 1234.5)).toBe('1,234.5')
    expect(figureText('service_hours', 2.25)).toBe('2.25')
    expect(figureText('satisfaction_rate', 98.5)).toBe('98.5%')
    expect(figureText('satisfaction_rate', 100)).toBe('100.0%')
    expect(figureText('satisfaction_rate', null)).toBe('—')
    expect(figureText('persons', undefined)).toBe('—')
    expect(rateText(null)).toBe('—')
    expect(rateText(87.25)).toBe('87.3%')
  })

  it('keeps which bars were suppressed, and says so in the tooltip', () => {
    const rows: KpiRow[] = [
      { key: '310101', label: '黄浦区', figures: { persons: 12 } },
      { key: '310104', label: '徐汇区', figures: { persons: '<5' } },
      { key: '310105', label: '', figures: {} },
    ]
    const bars = chartRows(rows, 'persons')
    expect(bars).toEqual([
      { key: '310101', label: '黄浦区', value: 12, suppressed: false },
      { key: '310104', label: '徐汇区', value: 0, suppressed: true },
      { key: '310105', label: '310105', value: 0, suppressed: false },
    ])
    expect(tooltipLine(t, bars[0], '人')).toBe('黄浦区: 12 人')
    expect(tooltipLine(t, bars[1], '人')).toBe('徐汇区: <5（outcomes.kpi.suppressedTip）')
  })
})

describe('ranking projects by satisfaction', () => {
  const row = (key: string, rate: number | null, responses: number | '<5'): KpiRow => ({
    key,
    label: `项目${key}`,
    figures: { satisfaction_rate: rate, responses },
  })
  const rows = [row('1', 90, 10), row('2', 99.5, 20), row('3', null, 0), row('4', 70, 8), row('5', 85, '<5'), row('6', 95, 3)]

  it('takes only projects with responses, best or worst first', () => {
    expect(rankBySatisfaction(rows, 'top').map((r) => r.key)).toEqual(['2', '6', '1', '4'])
    expect(rankBySatisfaction(rows, 'bottom').map((r) => r.key)).toEqual(['4', '1', '6', '2'])
    expect(rankBySatisfaction(rows, 'top', 2).map((r) => r.key)).toEqual(['2', '6'])
    expect(rankBySatisfaction([], 'top')).toEqual([])
  })
})

describe('periods', () => {
  it('trends over the year picked, or the last twelve months', () => {
    expect(trendRange('2025', new Date(2026, 10, 29))).toEqual({ from: '2025-01', to: '2025-12' })
    expect(trendRange('', new Date(2026, 10, 29))).toEqual({ from: '2025-12', to: '2026-11' })
    expect(trendRange('', new Date(2026, 0, 5))).toEqual({ from: '2025-02', to: '2026-01' })
  })

  it('offers recent years and accepts only the API periods', () => {
    expect(recentYears(new Date(2026, 5, 1), 3)).toEqual(['2026', '2025', '2024'])
    for (const p of ['2026', '2026-Q3', '2026-07', '2026-12']) {
      expect(isPeriod(p), p).toBe(true)
    }
    for (const p of ['', '26', '2026-13', '2026-Q5', '2026-7', 'all', null, 2026]) {
      expect(isPeriod(p), String(p)).toBe(false)
    }
  })
})

describe('drill-down queries', () => {
  it('maps each non-time dimension to its filter', () => {
    expect(filterOf('district', '310104')).toEqual({ name: 'district', key: '310104' })
    expect(filterOf('organization', '3')).toEqual({ name: 'organization_id', key: '3' })
    expect(filterOf('project', '8')).toEqual({ name: 'project_id', key: '8' })
    expect(filterOf('round', '2')).toEqual({ name: 'round_id', key: '2' })
    expect(filterOf('service_type', 'material_aid')).toEqual({ name: 'service_type', key: 'material_aid' })
    expect(filterOf('category', 'dibao')).toEqual({ name: 'category', key: 'dibao' })
    expect(filterOf('month', '2026-07')).toBeNull()
    expect(filterOf('platform', '')).toBeNull()
  })

  it('builds the records route query and reads it back', () => {
    const q = recordsQuery({ name: 'district', key: '310104' }, '2026')
    expect(q).toEqual({ district: '310104', period: '2026' })
    expect(parseRecordsQuery(q as Record<string, string>)).toEqual({ filter: { name: 'district', key: '310104' }, period: '2026' })
    expect(recordsQuery(null, '')).toEqual({})
    expect(recordsQuery({ name: 'organization_id', key: '3' }, '2026-07')).toEqual({ organization_id: '3', period: '2026-07' })
  })

  it('ignores unknown keys, bad periods and empty filters when reading', () => {
    expect(parseRecordsQuery({ foo: 'bar', period: 'yesterday', district: '' })).toEqual({ filter: null, period: '' })
    expect(parseRecordsQuery({ project_id: ['8', '9'], period: ['2026-Q1'] })).toEqual({ filter: { name: 'project_id', key: '8' }, period: '2026-Q1' })
  })
})

describe('dashboardScope', () => {
  const role = (r: string, scope_type = 'platform', scope_id: string | null = null) => ({ role: r, scope_type, scope_id }) as Role

  it('gives platform roles the foundation dashboard', () => {
    for (const r of ['foundation_admin', 'program_officer', 'finance', 'donor']) {
      expect(dashboardScope([role(r)], null)).toEqual({ kind: 'platform' })
    }
  })

  it('gives organization staff their organization', () => {
    expect(dashboardScope([role('social_worker', 'organization', '3')], 3)).toEqual({ kind: 'organization', organizationId: '3' })
    expect(dashboardScope([role('org_admin', 'organization', '3')], '3')).toEqual({ kind: 'organization', organizationId: '3' })
  })

  it('gives gov_viewer their districts (none named: every district)', () => {
    expect(dashboardScope([role('gov_viewer', 'district', '310104'), role('gov_viewer', 'district', '310105')], null)).toEqual({
      kind: 'gov',
      districts: ['310104', '310105'],
    })
    expect(dashboardScope([role('gov_viewer')], null)).toEqual({ kind: 'gov', districts: [] })
  })

  it('follows the permissions the server gives: a donor with suppressed figures sees districts', () => {
    expect(dashboardScope([role('donor')], null, ['projects.read', 'kpis.read'])).toEqual({ kind: 'platform' })
    expect(dashboardScope([role('donor')], null, ['projects.read', 'kpis.read_suppressed'])).toEqual({ kind: 'gov', districts: [] })
    expect(dashboardScope([role('gov_viewer', 'district', '310104')], null, ['kpis.read_suppressed'])).toEqual({ kind: 'gov', districts: ['310104'] })
    expect(dashboardScope([role('social_worker', 'organization', '3')], 3, ['cases.read'])).toEqual({ kind: 'none' })
  })

  it('gives others nothing', () => {
    expect(dashboardScope([role('reviewer')], null)).toEqual({ kind: 'none' })
    expect(dashboardScope(null, null)).toEqual({ kind: 'none' })
  })
})

describe('survey answers', () => {
  const items: SurveyItem[] = ['attitude', 'timeliness', 'overall'].map((code) => ({ code, label_zh: `中${code}`, label_en: `en ${code}` }))

  it('requires overall, and only overall', () => {
    expect(validateAnswers(items, { attitude: 5, timeliness: null, overall: null })).toEqual({ 'answers.overall': 'required' })
    expect(validateAnswers(items, { overall: 4 })).toEqual({})
    expect(validateAnswers(items, { attitude: null, timeliness: null, overall: 1 })).toEqual({})
  })

  it('refuses values outside 1..5 and unknown items, named as the server names them', () => {
    expect(validateAnswers(items, { overall: 6, attitude: 0, timeliness: 2.5 })).toEqual({
      'answers.overall': 'out_of_range',
      'answers.attitude': 'out_of_range',
      'answers.timeliness': 'out_of_range',
    })
    expect(validateAnswers(items, { overall: 3, mood: 4 })).toEqual({ 'answers.mood': 'unknown' })
  })

  it('sends only the items answered', () => {
    expect(answersPayload(items, { attitude: 5, timeliness: null, overall: 4, mood: 2 })).toEqual({ attitude: 5, overall: 4 })
  })

  it('labels items in the UI language', () => {
    expect(itemLabel(items[0], 'zh-CN')).toBe('中attitude')
    expect(itemLabel(items[0], 'en-US')).toBe('en attitude')
    expect(itemLabel({ label_zh: '总体' }, 'en-US')).toBe('总体')
  })

  it("computes an item's satisfied share", () => {
    expect(itemSatisfaction({ counts: { '5': 6, '4': 3, '3': 1, '2': 0, '1': 2 }, answered: 12 })).toBe(75)
    expect(itemSatisfaction({ counts: { '5': 1, '4': 1, '3': 1 }, answered: 3 })).toBe(66.7)
    expect(itemSatisfaction({ counts: {}, answered: 0 })).toBeNull()
  })
})

describe('links and labels', () => {
  it("gives the invitation's full address", () => {
    expect(invitationLink('https://bangyi.example.org', '/s/abc')).toBe('https://bangyi.example.org/s/abc')
    expect(invitationLink('https://bangyi.example.org/', 's/abc')).toBe('https://bangyi.example.org/s/abc')
    expect(invitationLink('http://x', 'https://other/s/abc')).toBe('https://other/s/abc')
  })

  it('labels service types and categories in the UI language, else as the server did', () => {
    const te = (key: string) => key === 'cases.serviceType.material_aid' || key === 'households.category.dibao'
    expect(rowLabel(t, te, 'service_type', { key: 'material_aid', label: '物质帮扶' })).toBe('cases.serviceType.material_aid')
    expect(rowLabel(t, te, 'service_type', { key: 'custom', label: '自定义' })).toBe('自定义')
    expect(rowLabel(t, te, 'category', { key: 'dibao', label: '低保' })).toBe('households.category.dibao')
    expect(rowLabel(t, te, 'category', { key: 'none', label: '' })).toBe('projects.indicators.noCategory')
    expect(rowLabel(t, te, 'district', { key: '310104', label: '徐汇区' })).toBe('徐汇区')
    expect(rowLabel(t, te, 'district', { key: '310104', label: '' })).toBe('310104')
  })
})
