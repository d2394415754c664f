import { beforeEach, describe, expect, it } from 'vitest'
import { INDICATOR_KEYS, type Application } from '@/api/roundTypes'
import { setLocale, t } from '@/locales'
import {
  applicationErrorFields,
  applicationForm,
  applicationPayload,
  emptyBudgetRow,
  emptyIndicator,
  indicatorName,
  indicatorUnit,
  progressComplete,
  progressText,
  reviewProgress,
  screeningOutcome,
} from './applications'

beforeEach(() => setLocale('zh-CN'))

describe('the application form', () => {
  it('starts empty for a new draft', () => {
    const f = applicationForm(null)
    expect(f.project_name).toBe('')
    expect(f.budget_lines).toEqual([])
    expect(applicationPayload(f)).toEqual({
      project_name: '',
      sub_brand: '',
      summary: '',
      need_analysis: '',
      objectives: '',
      risks: '',
      target_groups: [],
      districts: [],
      streets: [],
      activities: [],
      team: [],
      budget_lines: [],
      indicators: [],
    })
  })

  it('round-trips a saved application', () => {
    const app = {
      project_name: '向阳助学',
      sub_brand: '向阳计划',
      target_groups: ['children'],
      districts: ['310101'],
      streets: ['310101002'],
      activities: [{ month: '2027-03', activity: '开营' }],
      team: [{ role: 'social_worker', name: '李社工', count: 2 }],
      budget_lines: [{ category: 'activity', item: '场地', unit: '场', quantity: 4, unit_price_yuan: '500.00', amount_yuan: '2000.00' }],
      indicators: [
        { key: 'persons', target: 120 },
        { key: 'custom', target: 6, name: '家长课堂', unit: '场' },
      ],
    } as Partial<Application>
    const body = applicationPayload(applicationForm(app))
    expect(body.activities).toEqual(app.activities)
    expect(body.team).toEqual(app.team)
    expect(body.budget_lines).toEqual([{ category: 'activity', item: '场地', unit: '场', quantity: 4, unit_price_yuan: '500.00' }])
    expect(body.indicators).toEqual(app.indicators)
  })

  it('normalizes prices, trims texts and leaves blanks of a draft row out', () => {
    const f = applicationForm(null)
    f.project_name = '  社区长者食堂 '
    f.budget_lines.push({ ...emptyBudgetRow(), category: 'material', item: ' 米面油 ', quantity: 10, unit_price_yuan: '1,234.5' })
    f.budget_lines.push({ ...emptyBudgetRow(), unit_price_yuan: '12.345' })
    f.indicators.push({ ...emptyIndicator('households'), target: 30, name: 'ignored', unit: 'ignored' })
    f.indicators.push(emptyIndicator())
    const body = applicationPayload(f)
    expect(body.project_name).toBe('社区长者食堂')
    expect(body.budget_lines).toEqual([
      { category: 'material', item: '米面油', quantity: 10, unit_price_yuan: '1234.50' },
      { unit_price_yuan: '12.345' },
    ])
    expect(body.indicators).toEqual([{ key: 'households', target: 30 }, {}])
  })

  it('names the items that can show an error, rows included', () => {
    const f = applicationForm(null)
    f.budget_lines.push(emptyBudgetRow())
    const fields = applicationErrorFields(f)
    expect(fields).toContain('requested_yuan')
    expect(fields).toContain('budget_lines')
    expect(fields).toContain('budget_lines.0.unit_price_yuan')
    expect(fields).not.toContain('budget_lines.1.item')
    expect(fields).toContain('indicators')
  })
})

describe('indicators', () => {
  it('names every key of the contract in both languages, a custom one by its own name', () => {
    for (const key of INDICATOR_KEYS) {
      expect(indicatorName(t, { key })).not.toContain('applications.')
    }
    expect(indicatorName(t, { key: 'person_times' })).toBe('服务人次')
    expect(indicatorUnit(t, { key: 'satisfaction_rate' })).toBe('%')
    expect(indicatorName(t, { key: 'custom', name: '家长课堂' })).toBe('家长课堂')
    expect(indicatorUnit(t, { key: 'custom', unit: '场' })).toBe('场')
    setLocale('en-US')
    expect(indicatorName(t, { key: 'volunteer_hours' })).toBe('Volunteer hours')
  })
})

describe('review progress', () => {
  it('counts assigned and submitted reviews against the round minimum', () => {
    const p = reviewProgress({ reviewers_assigned: 4, reviews_submitted: 3 }, 3)
    expect(p).toEqual({ assigned: 4, submitted: 3, required: 3 })
    expect(progressComplete(p)).toBe(true)
    expect(progressText(t, p)).toBe('3 / 3（已分配 4）')
    expect(progressComplete(reviewProgress({ reviewers_assigned: 2, reviews_submitted: 1 }, 3))).toBe(false)
  })

  it('is unknown when the server sends no counts', () => {
    expect(reviewProgress({}, 3)).toBeNull()
    expect(progressText(t, null)).toBe('')
    expect(progressComplete(null)).toBe(false)
  })
})

describe('screening outcome', () => {
  it('reads the outcome from the state and the screening time', () => {
    expect(screeningOutcome({ state: 'submitted' })).toBeNull()
    expect(screeningOutcome({ state: 'ineligible', screened_at: '2027-01-20T02:00:00Z' })).toBe('fail')
    expect(screeningOutcome({ state: 'eligible' })).toBe('pass')
    expect(screeningOutcome({ state: 'funded' })).toBe('pass')
    expect(screeningOutcome({ state: 'not_funded', screened_at: null })).toBeNull()
    expect(screeningOutcome({ state: 'not_funded', screened_at: '2027-01-20T02:00:00Z' })).toBe('pass')
  })
})
