import { beforeEach, describe, expect, it } from 'vitest'
import { EXPENDITURE_CATEGORIES, INCOME_CATEGORIES } from '@/api/types'
import { messages, setLocale, t } from '@/locales'
import {
  amountProblem,
  centsToYuan,
  currentMonthShanghai,
  emptyFinanceForm,
  financeCategories,
  financeCategoryLabel,
  financeChartSeries,
  financePayload,
  formatYuan,
  isMonth,
  monthProblem,
  normalizeYuan,
  yuanToCents,
} from './finance'

beforeEach(() => setLocale('zh-CN'))

describe('amounts in yuan', () => {
  it('parse to cents without floating-point rounding', () => {
    expect(yuanToCents('1234.50')).toBe(123450)
    expect(yuanToCents('0.07')).toBe(7)
    expect(yuanToCents('19.9')).toBe(1990)
    expect(yuanToCents('3000')).toBe(300000)
    expect(yuanToCents('3000.')).toBe(300000)
    expect(yuanToCents('1,234.56')).toBe(123456)
    expect(yuanToCents(' ¥ 88.8 ')).toBe(8880)
    expect(yuanToCents('１２３．４')).toBe(12340)
    expect(yuanToCents(0.1 + 0.2)).toBe(30)
  })

  it('refuse what is no amount', () => {
    for (const bad of ['', 'abc', '1.234', '-5', '1e3', '1.2.3', '.5', null, undefined, Number.NaN, -1]) {
      expect(yuanToCents(bad as string), String(bad)).toBeNull()
    }
  })

  it('write cents as the API does', () => {
    expect(centsToYuan(123450)).toBe('1234.50')
    expect(centsToYuan(7)).toBe('0.07')
    expect(centsToYuan(0)).toBe('0.00')
    expect(centsToYuan(-150)).toBe('-1.50')
  })

  it('normalize the typed amount to two decimals', () => {
    expect(normalizeYuan('1200.5')).toBe('1200.50')
    expect(normalizeYuan('00012')).toBe('12.00')
    expect(normalizeYuan('1,200')).toBe('1200.00')
    expect(normalizeYuan('12.345')).toBeNull()
  })

  it('check the amount field', () => {
    expect(amountProblem('')).toBe('required')
    expect(amountProblem('  ')).toBe('required')
    expect(amountProblem('12.345')).toBe('format')
    expect(amountProblem('-3')).toBe('format')
    expect(amountProblem('0')).toBe('out_of_range')
    expect(amountProblem('0.00')).toBe('out_of_range')
    expect(amountProblem('100000000')).toBe('out_of_range')
    expect(amountProblem('99999999.99')).toBeNull()
    expect(amountProblem('0.01')).toBeNull()
    expect(amountProblem('3000')).toBeNull()
  })

  it('format for display with thousands separators', () => {
    expect(formatYuan('3000.00')).toBe('3,000.00')
    expect(formatYuan('1234567.8')).toBe('1,234,567.80')
    expect(formatYuan('999.99')).toBe('999.99')
    expect(formatYuan('0')).toBe('0.00')
    expect(formatYuan(1500.5)).toBe('1,500.50')
    expect(formatYuan('-1200.5')).toBe('-1,200.50')
    expect(formatYuan(null)).toBe('')
    expect(formatYuan(undefined)).toBe('')
    expect(formatYuan('n/a')).toBe('n/a')
  })
})

describe('months', () => {
  it('are YYYY-MM calendar months', () => {
    expect(isMonth('2026-11')).toBe(true)
    expect(isMonth('2026-01')).toBe(true)
    expect(isMonth('2026-12')).toBe(true)
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', '2026/11', '2026-11-01', '1899-12', '', null, 202611]) {
      expect(isMonth(bad), String(bad)).toBe(false)
    }
  })

  it('the current month is Shanghai time', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai.
    expect(currentMonthShanghai(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12')
    expect(currentMonthShanghai(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11')
  })

  it('a month field is required, well-formed, and not after the current month', () => {
    expect(monthProblem('', '2026-11')).toBe('required')
    expect(monthProblem(null, '2026-11')).toBe('required')
    expect(monthProblem('2026-13', '2026-11')).toBe('format')
    expect(monthProblem('2026-12', '2026-11')).toBe('out_of_range')
    expect(monthProblem('2027-01', '2026-11')).toBe('out_of_range')
    expect(monthProblem('2026-11', '2026-11')).toBeNull()
    expect(monthProblem('2020-02', '2026-11')).toBeNull()
  })
})

describe('categories', () => {
  it('belong to their kind', () => {
    expect(financeCategories('income')).toEqual(INCOME_CATEGORIES)
    expect(financeCategories('expenditure')).toEqual(EXPENDITURE_CATEGORIES)
    expect(financeCategories('')).toEqual([])
  })

  it('have a label in both languages; unknown codes show as they are', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const tree = messages[locale].households.finance.category
      for (const c of INCOME_CATEGORIES) {
        expect(typeof tree.income[c], `${locale} income ${c}`).toBe('string')
      }
      for (const c of EXPENDITURE_CATEGORIES) {
        expect(typeof tree.expenditure[c], `${locale} expenditure ${c}`).toBe('string')
      }
    }
    expect(financeCategoryLabel(t, 'expenditure', 'medical')).toBe('医疗')
    expect(financeCategoryLabel(t, 'income', 'medical')).toBe('medical')
    expect(financeCategoryLabel(t, 'gift', 'cash')).toBe('cash')
  })
})

describe('financePayload', () => {
  it('sends the amount with two decimals and leaves an empty note out', () => {
    const form = { ...emptyFinanceForm('2026-11'), kind: 'expenditure' as const, category: 'medical', amount: '1,200.5', note: '  ' }
    expect(financePayload(form)).toEqual({ kind: 'expenditure', category: 'medical', amount_yuan: '1200.50', period_month: '2026-11' })
    expect(financePayload({ ...form, note: ' 住院自付 ' }).note).toBe('住院自付')
  })

  it('starts as income of the given month', () => {
    expect(emptyFinanceForm('2026-10')).toEqual({ kind: 'income', category: '', amount: '', period_month: '2026-10', note: '' })
  })
})

describe('financeChartSeries', () => {
  it('puts the months oldest first, amounts as numbers', () => {
    const s = financeChartSeries([
      { period_month: '2026-11', income_yuan: '3000.00', expenditure_yuan: '1200.50', members: 2, income_per_member_yuan: '1500.00' },
      { period_month: '2026-09', income_yuan: '2800.00', expenditure_yuan: '0.00', members: 2, income_per_member_yuan: '1400.00' },
      { period_month: 'bogus', income_yuan: '1', expenditure_yuan: '1', members: 1, income_per_member_yuan: null },
    ])
    expect(s).toEqual({ months: ['2026-09', '2026-11'], income: [2800, 3000], expenditure: [0, 1200.5] })
    expect(financeChartSeries(null)).toEqual({ months: [], income: [], expenditure: [] })
  })
})
