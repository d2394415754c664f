// Plain helpers of household finances (收支): amounts in yuan as the API writes them ("1234.50",
// two decimals, as strings so no float ever rounds them), months as `YYYY-MM`, and the labels
// and chart series of the finance section.
import {
  EXPENDITURE_CATEGORIES,
  INCOME_CATEGORIES,
  type FinanceInput,
  type FinanceKind,
  type FinanceMonth,
} from '@/api/types'
import { todayShanghai } from './residentId'

export type Translate = (key: string, params?: Record<string, unknown>) => string

/** The largest amount the form accepts (client-side sanity bound; the server has the last word). */
export const AMOUNT_MAX_CENTS = 9_999_999_999
/** Longest note of a finance record, in characters. */
export const FINANCE_NOTE_MAX = 200

const AMOUNT_PATTERN = /^(\d+)(?:\.(\d{0,2}))?$/

/**
 * What a person typed as an amount, cleaned: full-width digits and point to ASCII, spaces,
 * thousands separators and a leading ¥ removed. Not yet checked.
 */
function cleanAmount(input: string | null | undefined): string {
  return (input ?? '')
    .replace(/[\uFF10-\uFF19\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '')
    .replace(/^[¥￥]/, '')
}

/** An amount in yuan as cents, or null when it is not a non-negative amount with at most 2 decimals. */
export function yuanToCents(input: string | number | null | undefined): number | null {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? Math.round(input * 100) : null
  }
  const m = AMOUNT_PATTERN.exec(cleanAmount(input))
  if (!m) {
    return null
  }
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

/** Cents as the API's amount string: 123450 → "1234.50". */
export function centsToYuan(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(Math.round(cents))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** What the form sends: "1,234.5" → "1234.50"; null when it is no amount. */
export function normalizeYuan(input: string | null | undefined): string | null {
  const cents = yuanToCents(input)
  return cents === null ? null : centsToYuan(cents)
}

/** An amount field: `required` when empty, `format` unless yuan with ≤ 2 decimals, `out_of_range` for 0 or too much. */
export function amountProblem(input: string | null | undefined): 'required' | 'format' | 'out_of_range' | null {
  if (cleanAmount(input) === '') {
    return 'required'
  }
  const cents = yuanToCents(input)
  if (cents === null) {
    return 'format'
  }
  return cents <= 0 || cents > AMOUNT_MAX_CENTS ? 'out_of_range' : null
}

/** For display: "1234.5" → "1,234.50"; '' for null; a value that is no amount shows as is. */
export function formatYuan(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    return ''
  }
  const text = String(value).trim()
  const negative = text.startsWith('-')
  const cents = yuanToCents(negative ? text.slice(1) : text)
  if (cents === null) {
    return text
  }
  const [whole, frac] = centsToYuan(cents).split('.')
  return `${negative && cents > 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`
}

/** A calendar month `YYYY-MM` (1900 or later). */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/.test(value)
}

/** The current month in Shanghai, `YYYY-MM`. */
export function currentMonthShanghai(now: Date = new Date()): string {
  return todayShanghai(now).slice(0, 7)
}

/** A month field: `required`, `format`, or `out_of_range` for a month after `current`. */
export function monthProblem(value: string | null | undefined, current: string = currentMonthShanghai()): 'required' | 'format' | 'out_of_range' | null {
  if (!value) {
    return 'required'
  }
  if (!isMonth(value)) {
    return 'format'
  }
  return value > current ? 'out_of_range' : null
}

/** The categories of a kind, in display order. */
export function financeCategories(kind: FinanceKind | '' | null | undefined): readonly string[] {
  if (kind === 'income') {
    return INCOME_CATEGORIES
  }
  return kind === 'expenditure' ? EXPENDITURE_CATEGORIES : []
}

/** The label of a category of a kind; a code this app does not know shows as is. */
export function financeCategoryLabel(t: Translate, kind: string, category: string): string {
  return (financeCategories(kind as FinanceKind) as readonly string[]).includes(category)
    ? t(`households.finance.category.${kind}.${category}`)
    : category
}

/** The finance form as edited. */
export interface FinanceForm {
  kind: FinanceKind
  category: string
  amount: string
  period_month: string
  note: string
}

export function emptyFinanceForm(month: string = currentMonthShanghai()): FinanceForm {
  return { kind: 'income', category: '', amount: '', period_month: month, note: '' }
}

/** What the form sends: the amount as "1234.50", an empty note left out. */
export function financePayload(form: FinanceForm): FinanceInput {
  const out: FinanceInput = {
    kind: form.kind,
    category: form.category as FinanceInput['category'],
    amount_yuan: normalizeYuan(form.amount) ?? form.amount.trim(),
    period_month: form.period_month,
  }
  const note = form.note.trim()
  if (note) {
    out.note = note
  }
  return out
}

/** The monthly summary as chart series: oldest month first, amounts as numbers of yuan. */
export function financeChartSeries(months: readonly FinanceMonth[] | null | undefined): {
  months: string[]
  income: number[]
  expenditure: number[]
} {
  const sorted = [...(months ?? [])].filter((m) => isMonth(m.period_month)).sort((a, b) => a.period_month.localeCompare(b.period_month))
  const yuan = (v: string | null | undefined) => (yuanToCents(v) ?? 0) / 100
  return {
    months: sorted.map((m) => m.period_month),
    income: sorted.map((m) => yuan(m.income_yuan)),
    expenditure: sorted.map((m) => yuan(m.expenditure_yuan)),
  }
}
