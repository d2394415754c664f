import { beforeEach, describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import customParseFormat from 'dayjs/plugin/customParseFormat'
import { APPLICATION_STATES, ROUND_STATES, TARGET_GROUPS, type Round, type RubricCriterion } from '@/api/roundTypes'
import { setLocale, t } from '@/locales'
import { grantBoundsProblem } from './roundRules'
import {
  DEFAULT_RUBRIC,
  DEFAULT_TRANCHES,
  LOCAL_DATETIME_FORMAT,
  applicationStateLabel,
  budgetTotalCents,
  criterionMax,
  defaultGrant,
  formatScore,
  grantProblem,
  hasPublicNotice,
  isRoundEditable,
  lineAmountCents,
  localDateTime,
  nextRoundState,
  quantityHundredths,
  remainingAfterCents,
  resultsBudget,
  reviewForm,
  roundForm,
  roundPayload,
  roundStateLabel,
  roundStateTagType,
  rubricWeightSum,
  addDays,
  scoreProblem,
  trancheSum,
  weightedScore,
  weightedTotal,
} from './rounds'

beforeEach(() => setLocale('zh-CN'))

describe('round states', () => {
  it('names every state in both languages', () => {
    expect(ROUND_STATES.map((s) => roundStateLabel(t, s))).toEqual(['草稿', '申报中', '评审中', '公示中', '已确定', '执行中', '已结项'])
    setLocale('en-US')
    expect(roundStateLabel(t, 'notice')).toBe('Public notice')
    expect(roundStateLabel(t, 'brand_new')).toBe('brand_new')
    expect(roundStateLabel(t, null)).toBe('')
  })

  it('moves one step at a time, and not past finished', () => {
    expect(ROUND_STATES.map(nextRoundState)).toEqual(['open', 'closed', 'notice', 'decided', 'running', 'finished', null])
    expect(nextRoundState('unknown')).toBeNull()
  })

  it('edits terms only while draft or open; publishes the notice from notice on', () => {
    expect(ROUND_STATES.filter(isRoundEditable)).toEqual(['draft', 'open'])
    expect(ROUND_STATES.filter(hasPublicNotice)).toEqual(['notice', 'decided', 'running', 'finished'])
    expect(roundStateTagType('open')).toBe('success')
    expect(roundStateTagType('x')).toBe('info')
  })

  it('names every application state and target group', () => {
    expect(APPLICATION_STATES.map((s) => applicationStateLabel(t, s))).toEqual([
      '草稿',
      '已提交',
      '资格审查通过',
      '资格审查未通过',
      '拟资助',
      '已资助',
      '未获资助',
    ])
    for (const g of TARGET_GROUPS) {
      expect(t(`rounds.targetGroup.${g}`)).not.toBe(`rounds.targetGroup.${g}`)
    }
  })

  it('shows the window in local time as written', () => {
    expect(localDateTime('2026-12-01T09:00')).toBe('2026-12-01 09:00')
    expect(localDateTime(null)).toBe('')
  })

  it('picks and shows the window in the contract form YYYY-MM-DDTHH:MM', () => {
    dayjs.extend(customParseFormat)
    const d = dayjs('2027-01-15T17:30', LOCAL_DATETIME_FORMAT, true)
    expect(d.isValid()).toBe(true)
    expect(d.format(LOCAL_DATETIME_FORMAT)).toBe('2027-01-15T17:30')
    expect(dayjs(new Date(2026, 11, 1, 9, 5)).format(LOCAL_DATETIME_FORMAT)).toBe('2026-12-01T09:05')
  })
})

describe('rubric and tranches', () => {
  it('defaults to the usual rubric (summing to 100) and 50/30/20', () => {
    expect(rubricWeightSum(DEFAULT_RUBRIC)).toBe(100)
    expect(trancheSum(DEFAULT_TRANCHES)).toBe(100)
    expect(DEFAULT_RUBRIC.map((c) => c.key)).toEqual(['need', 'design', 'innovation', 'budget', 'capacity', 'sustainability'])
  })

  it('sums weights with blanks as 0', () => {
    expect(rubricWeightSum([{ weight: 60 }, { weight: null }, { weight: 30 }])).toBe(90)
    expect(trancheSum([])).toBe(0)
  })
})

describe('scores', () => {
  const ten: RubricCriterion = { key: 'need', name: '需求', weight: 20, scale: 'ten' }
  const direct: RubricCriterion = { key: 'design', name: '设计', weight: 25, scale: 'weight' }

  it('scores 0–10 on the ten scale and 0–weight on the weight scale', () => {
    expect(criterionMax(ten)).toBe(10)
    expect(criterionMax(direct)).toBe(25)
    expect(scoreProblem(ten, 10)).toBeNull()
    expect(scoreProblem(ten, 11)).toBe('out_of_range')
    expect(scoreProblem(direct, 25)).toBeNull()
    expect(scoreProblem(direct, -1)).toBe('out_of_range')
    expect(scoreProblem(ten, null)).toBe('required')
  })

  it('weighs score/10 × weight on the ten scale, the score itself on the weight scale', () => {
    expect(weightedScore(ten, 7)).toBe(14)
    expect(weightedScore(direct, 19)).toBe(19)
    expect(weightedScore(ten, null)).toBeNull()
  })

  it('totals out of 100 and says whether every criterion is scored', () => {
    const rubric = [ten, direct, { key: 'rest', name: '其余', weight: 55, scale: 'ten' as const }]
    expect(weightedTotal(rubric, [{ key: 'need', score: 10 }, { key: 'design', score: 25 }, { key: 'rest', score: 10 }])).toEqual({
      total: 100,
      complete: true,
    })
    expect(weightedTotal(rubric, [{ key: 'need', score: 7 }, { key: 'design', score: 19 }])).toEqual({ total: 33, complete: false })
    // 0.3 × 55 = 16.5 exactly, without float noise; unknown keys are ignored.
    expect(weightedTotal(rubric, [{ key: 'rest', score: 3 }, { key: 'gone', score: 10 }]).total).toBe(16.5)
  })

  it('rounds a total to two decimals without float noise', () => {
    expect(weightedTotal([{ key: 'a', name: 'a', weight: 15, scale: 'ten' }], [{ key: 'a', score: 7.7 }]).total).toBe(11.55)
    expect(formatScore(86.456)).toBe('86.46')
    expect(formatScore(null)).toBe('')
  })

  it('builds a reviewer form in rubric order from what was saved', () => {
    const saved = {
      state: 'assigned' as const,
      scores: [
        { key: 'design', score: 20, comment: '清楚' },
        { key: 'old', score: 3, comment: '' },
      ],
      comment: '总评',
    }
    expect(reviewForm([ten, direct], saved)).toEqual({
      scores: [
        { key: 'need', score: null, comment: '' },
        { key: 'design', score: 20, comment: '清楚' },
      ],
      comment: '总评',
      submitted: false,
    })
    expect(reviewForm([ten], { ...saved, state: 'submitted' }).submitted).toBe(true)
    expect(reviewForm([ten], null).scores).toEqual([{ key: 'need', score: null, comment: '' }])
  })
})

describe('budget arithmetic in cents', () => {
  it('multiplies quantity by unit price exactly', () => {
    expect(lineAmountCents(3, '0.10')).toBe(30)
    expect(lineAmountCents(12, '1999.99')).toBe(2399988)
    expect(lineAmountCents(1.5, '0.33')).toBe(50) // 49.5 cents rounds half up
    expect(lineAmountCents('2.25', '100')).toBe(22500)
    // The intermediate product passes 2^53; the amount does not.
    expect(lineAmountCents(10000, '999999999.99')).toBe(999999999990000)
    expect(lineAmountCents(100000, '999999999.99')).toBeNull()
  })

  it('has no amount while quantity or price is missing or not a number', () => {
    expect(lineAmountCents(null, '10')).toBeNull()
    expect(lineAmountCents(2, '')).toBeNull()
    expect(lineAmountCents(2, '1.234')).toBeNull()
    expect(lineAmountCents(-1, '10')).toBeNull()
    expect(quantityHundredths(1.005)).toBeNull()
    expect(quantityHundredths(0.1)).toBe(10)
  })

  it('totals lines without float drift, leaving out incomplete ones', () => {
    const lines = [
      { quantity: 3, unit_price_yuan: '0.10' },
      { quantity: 1, unit_price_yuan: '0.20' },
      { quantity: null, unit_price_yuan: '5' },
    ]
    expect(budgetTotalCents(lines)).toEqual({ cents: 50, complete: false })
    expect(budgetTotalCents(lines.slice(0, 2))).toEqual({ cents: 50, complete: true })
    expect(budgetTotalCents([])).toEqual({ cents: 0, complete: true })
  })
})

describe('results and decisions', () => {
  it('reads the budget, all zero before the results arrive', () => {
    const budget = { total_yuan: '3000000.00', proposed_yuan: '350000.00', remaining_yuan: '2650000.00' }
    expect(resultsBudget({ data: [], budget })).toEqual(budget)
    expect(resultsBudget(null)).toEqual({ total_yuan: '0.00', proposed_yuan: '0.00', remaining_yuan: '0.00' })
  })

  it('ends the notice notice_days calendar days after it began', () => {
    expect(addDays('2027-02-01', 7)).toBe('2027-02-08')
    expect(addDays('2027-02-25', 7)).toBe('2027-03-04')
    expect(addDays('2028-02-25', 7)).toBe('2028-03-03')
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04')
    expect(addDays('bad', 7)).toBe('')
  })

  it('shows what remains once an application gets an amount, crediting what it had', () => {
    expect(remainingAfterCents('100000.00', null, '30000.50')).toBe(6999950)
    expect(remainingAfterCents('100000.00', '50000.00', '80000.00')).toBe(7000000)
    expect(remainingAfterCents('100000.00', '50000.00', null)).toBe(15000000)
    expect(remainingAfterCents('10.00', null, '10.01')).toBe(-1)
    expect(remainingAfterCents('10.00', null, 'abc')).toBeNull()
  })

  it('proposes the request by default, capped by the maximum grant', () => {
    expect(defaultGrant('180000.00', '200000.00')).toBe('180000.00')
    expect(defaultGrant('250000', '200000.00')).toBe('200000.00')
    expect(defaultGrant(undefined, '200000.00')).toBe('')
  })

  it('checks a grant against min, max, the request and the budget', () => {
    const bounds = { min_grant_yuan: '50000.00', max_grant_yuan: '200000.00', requested_yuan: '150000.00' }
    expect(grantProblem('100000', bounds, 10)).toBeNull()
    expect(grantProblem('', bounds, 10)).toBe('required')
    expect(grantProblem('1.234', bounds, 10)).toBe('format')
    expect(grantProblem('49999.99', bounds, 10)).toBe('below_min')
    expect(grantProblem('150000.01', bounds, 10)).toBe('above_request')
    expect(grantProblem('200000.01', { ...bounds, requested_yuan: '300000' }, 10)).toBe('above_max')
    expect(grantProblem('100000', { ...bounds, requested_yuan: null }, -1)).toBe('over_budget')
  })

  it('checks the round bounds min ≤ max ≤ total', () => {
    expect(grantBoundsProblem({ total_budget_yuan: '100', min_grant_yuan: '10', max_grant_yuan: '50' })).toEqual({})
    expect(grantBoundsProblem({ total_budget_yuan: '100', min_grant_yuan: '60', max_grant_yuan: '150' })).toEqual({
      max_grant_yuan: 'above_total',
    })
    expect(grantBoundsProblem({ total_budget_yuan: '100', min_grant_yuan: '60', max_grant_yuan: '50' })).toEqual({ min_grant_yuan: 'above_max' })
    expect(grantBoundsProblem({ total_budget_yuan: '', min_grant_yuan: 'x', max_grant_yuan: '50' })).toEqual({})
  })

})

describe('the round form', () => {
  it('starts with the usual rubric, tranches and defaults', () => {
    const f = roundForm(null)
    expect(f.rubric).toEqual(DEFAULT_RUBRIC)
    expect(f.rubric[0]).not.toBe(DEFAULT_RUBRIC[0])
    expect(f.tranches).toEqual(DEFAULT_TRANCHES)
    expect([f.min_reviewers, f.notice_days, f.reporting]).toEqual([3, 7, 'quarterly'])
  })

  it('sends trimmed texts, yuan strings and the eligibility object', () => {
    const round = {
      id: 1,
      state: 'draft',
      version: 2,
      title: ' 2027年度 ',
      theme: '政策边缘',
      guidelines: '## 指南',
      total_budget_yuan: '3000000.00',
      min_grant_yuan: '50000.00',
      max_grant_yuan: '200000.00',
      eligibility: { org_types: ['social_group'], ratings: ['3A'], target_groups: ['children'], districts: ['310101'] },
      opens_at: '2026-12-01T09:00',
      closes_at: '2027-01-15T17:00',
      rubric: [{ key: 'need', name: '需求', weight: 100, scale: 'weight' }],
      tranches: [{ percent: 100, gate: 'final_passed' }],
      min_reviewers: 5,
      notice_days: 10,
      reporting: 'monthly',
    } satisfies Round
    const form = roundForm(round)
    form.total_budget_yuan = '3,000,000'
    form.max_grant_yuan = '20万'
    form.rubric.push({ key: ' extra ', name: ' 额外 ', weight: null, scale: 'ten' })
    const body = roundPayload(form)
    expect(body).toMatchObject({
      title: '2027年度',
      total_budget_yuan: '3000000.00',
      max_grant_yuan: '20万',
      eligibility: round.eligibility,
      opens_at: '2026-12-01T09:00',
      min_reviewers: 5,
      notice_days: 10,
      reporting: 'monthly',
    })
    expect(body.rubric[1]).toEqual({ key: 'extra', name: '额外', weight: 0, scale: 'ten' })
    expect(body.tranches).toEqual([{ percent: 100, gate: 'final_passed' }])
    expect(body).not.toHaveProperty('version')
  })
})
