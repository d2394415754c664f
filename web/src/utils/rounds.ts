// Plain helpers of the funding-round pages: state labels and the one next state, the round form
// and its payload, rubric and tranche sums, score arithmetic (weighted totals out of 100), and
// the results' budget. Money is handled in integer cents (finance.ts) so no float rounds it.
import {
  APPLICATION_STATES,
  ROUND_STATES,
  type ApplicationState,
  type Results,
  type ResultsBudget,
  type Reporting,
  type ReviewAssignment,
  type ReviewForm,
  type ReviewScore,
  type Round,
  type RoundInput,
  type RoundState,
  type RubricCriterion,
  type Tranche,
} from '@/api/roundTypes'
import type { OrgType } from '@/api/types'
import { amountProblem, centsToYuan, normalizeYuan, yuanToCents } from './finance'
import type { TagType, Translate } from './registry'

export function isRoundState(value: unknown): value is RoundState {
  return typeof value === 'string' && (ROUND_STATES as readonly string[]).includes(value)
}

/** 草稿, 申报中, … ; a state this app does not know shows as is. */
export function roundStateLabel(t: Translate, state: string | null | undefined): string {
  if (!state) {
    return ''
  }
  return isRoundState(state) ? t(`rounds.state.${state}`) : state
}

const ROUND_TAG_TYPES: Record<RoundState, TagType> = {
  draft: 'info',
  open: 'success',
  closed: 'warning',
  notice: 'danger',
  decided: 'primary',
  running: 'primary',
  finished: 'info',
}

export function roundStateTagType(state: string): TagType {
  return isRoundState(state) ? ROUND_TAG_TYPES[state] : 'info'
}

/** The one state a round may move to from `state` (draft → open → … → finished), or null. */
export function nextRoundState(state: string): RoundState | null {
  if (!isRoundState(state)) {
    return null
  }
  return ROUND_STATES[ROUND_STATES.indexOf(state) + 1] ?? null
}

/** Terms change only while the round is a draft or open. */
export function isRoundEditable(state: string): boolean {
  return state === 'draft' || state === 'open'
}

/** States from which the 公示 is public. */
export function hasPublicNotice(state: string): boolean {
  return isRoundState(state) && ROUND_STATES.indexOf(state) >= ROUND_STATES.indexOf('notice')
}

export function isApplicationState(value: unknown): value is ApplicationState {
  return typeof value === 'string' && (APPLICATION_STATES as readonly string[]).includes(value)
}

export function applicationStateLabel(t: Translate, state: string | null | undefined): string {
  if (!state) {
    return ''
  }
  return isApplicationState(state) ? t(`applications.state.${state}`) : state
}

const APPLICATION_TAG_TYPES: Record<ApplicationState, TagType> = {
  draft: 'info',
  submitted: 'primary',
  eligible: 'success',
  ineligible: 'danger',
  proposed: 'warning',
  funded: 'success',
  not_funded: 'info',
}

export function applicationStateTagType(state: string): TagType {
  return isApplicationState(state) ? APPLICATION_TAG_TYPES[state] : 'info'
}

/** The date picker's value format of the window: `YYYY-MM-DDTHH:mm` (the `T` escaped for dayjs). */
export const LOCAL_DATETIME_FORMAT = 'YYYY-MM-DD[T]HH:mm'

/** `2026-12-01T09:00` → `2026-12-01 09:00` (Asia/Shanghai local time, shown as is). */
export function localDateTime(value: string | null | undefined): string {
  return (value ?? '').replace('T', ' ')
}

// ---- Rubric and tranches ----------------------------------------------------------------------

/** The program's usual rubric, as the server fills it in when none is sent. */
export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
  { key: 'need', name: '需求分析', weight: 20, scale: 'ten' },
  { key: 'design', name: '项目设计', weight: 25, scale: 'ten' },
  { key: 'innovation', name: '创新性', weight: 15, scale: 'ten' },
  { key: 'budget', name: '预算合理性', weight: 15, scale: 'ten' },
  { key: 'capacity', name: '机构能力', weight: 15, scale: 'ten' },
  { key: 'sustainability', name: '可持续性', weight: 10, scale: 'ten' },
]

export const DEFAULT_TRANCHES: readonly Tranche[] = [
  { percent: 50, gate: 'agreement_signed' },
  { percent: 30, gate: 'midterm_passed' },
  { percent: 20, gate: 'final_passed' },
]

/** A rubric key: lower-case letters, digits and `_`. */
export const RUBRIC_KEY_PATTERN = /^[a-z0-9_]+$/

/** Sum of whole-number parts (weights, percents); blanks count as 0. */
export function sumOf(values: readonly (number | null | undefined)[]): number {
  return values.reduce<number>((s, v) => s + (typeof v === 'number' && Number.isFinite(v) ? v : 0), 0)
}

export function rubricWeightSum(rubric: readonly { weight: number | null }[]): number {
  return sumOf(rubric.map((c) => c.weight))
}

export function trancheSum(tranches: readonly { percent: number | null }[]): number {
  return sumOf(tranches.map((c) => c.percent))
}

// ---- Scores -----------------------------------------------------------------------------------

/** The highest score of a criterion: 10 on the `ten` scale, its weight on the `weight` scale. */
export function criterionMax(c: Pick<RubricCriterion, 'scale' | 'weight'>): number {
  return c.scale === 'weight' ? c.weight : 10
}

/** A criterion's share of the total out of 100: score/10 × weight, or the score itself. */
export function weightedScore(c: Pick<RubricCriterion, 'scale' | 'weight'>, score: number | null | undefined): number | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    return null
  }
  return c.scale === 'weight' ? score : (score * c.weight) / 10
}

/** Two decimals at most, without float noise (0.1 + 0.2 → 0.3). */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * The live total out of 100 of a reviewer's scores against the rubric, and whether every
 * criterion has a score. Scores of keys not in the rubric are ignored.
 */
export function weightedTotal(
  rubric: readonly RubricCriterion[],
  scores: readonly Pick<ReviewScore, 'key' | 'score'>[],
): { total: number; complete: boolean } {
  const byKey = new Map(scores.map((s) => [s.key, s.score]))
  let total = 0
  let complete = true
  for (const c of rubric) {
    const w = weightedScore(c, byKey.get(c.key))
    if (w === null) {
      complete = false
    } else {
      total += w
    }
  }
  return { total: roundScore(total), complete }
}

/** A score field: `required` when blank, `out_of_range` outside 0…max. */
export function scoreProblem(c: Pick<RubricCriterion, 'scale' | 'weight'>, score: number | null | undefined): 'required' | 'out_of_range' | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    return 'required'
  }
  return score < 0 || score > criterionMax(c) ? 'out_of_range' : null
}

/** A score for display: up to two decimals, '' for none. */
export function formatScore(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(roundScore(value)) : ''
}


// ---- Budget -----------------------------------------------------------------------------------

/** A quantity in hundredths (at most two decimals), or null when it is no non-negative quantity. */
export function quantityHundredths(quantity: number | string | null | undefined): number | null {
  if (quantity === null || quantity === undefined || quantity === '') {
    return null
  }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(quantity).trim())
  if (!m) {
    return null
  }
  const n = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(n) ? n : null
}

/**
 * A budget line's amount in cents: quantity × unit price, exact (half a cent rounds up), or null
 * while either is missing or not a number.
 */
export function lineAmountCents(quantity: number | string | null | undefined, unitPriceYuan: string | null | undefined): number | null {
  const q = quantityHundredths(quantity)
  const price = yuanToCents(unitPriceYuan)
  if (q === null || price === null) {
    return null
  }
  const cents = (BigInt(q) * BigInt(price) + 50n) / 100n
  return cents <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(cents) : null
}

/** The requested total in cents of the lines that have an amount, and whether all of them do. */
export function budgetTotalCents(lines: readonly { quantity: number | string | null | undefined; unit_price_yuan: string }[]): {
  cents: number
  complete: boolean
} {
  let cents = 0
  let complete = true
  for (const l of lines) {
    const a = lineAmountCents(l.quantity, l.unit_price_yuan)
    if (a === null) {
      complete = false
    } else {
      cents += a
    }
  }
  return { cents, complete }
}

/** The budget of a results answer; all zero before it arrives. */
export function resultsBudget(results: Partial<Results> | null | undefined): ResultsBudget {
  return results?.budget ?? { total_yuan: '0.00', proposed_yuan: '0.00', remaining_yuan: '0.00' }
}

/**
 * What would remain of the budget once this application gets `amount` instead of what it is
 * proposed now (`current`, null when not proposed); null while the amount is no amount.
 */
export function remainingAfterCents(remainingYuan: string, currentYuan: string | null | undefined, amount: string | null): number | null {
  const remaining = yuanToCents(remainingYuan) ?? 0
  const current = currentYuan ? (yuanToCents(currentYuan) ?? 0) : 0
  if (amount === null) {
    return remaining + current
  }
  const cents = yuanToCents(amount)
  return cents === null ? null : remaining + current - cents
}

/** A proposal's default amount: the request, capped by the round's maximum grant. */
export function defaultGrant(requestedYuan: string | null | undefined, maxGrantYuan: string | null | undefined): string {
  const requested = yuanToCents(requestedYuan)
  const max = yuanToCents(maxGrantYuan)
  if (requested === null) {
    return ''
  }
  return centsToYuan(max !== null && max < requested ? max : requested)
}

// ---- The round form ---------------------------------------------------------------------------

export interface RubricRow {
  key: string
  name: string
  weight: number | null
  scale: RubricCriterion['scale']
}

export interface TrancheRow {
  percent: number | null
  gate: Tranche['gate'] | ''
}

export interface RoundForm {
  title: string
  theme: string
  guidelines: string
  total_budget_yuan: string
  min_grant_yuan: string
  max_grant_yuan: string
  org_types: OrgType[]
  ratings: string[]
  target_groups: RoundInput['eligibility']['target_groups']
  districts: string[]
  opens_at: string
  closes_at: string
  rubric: RubricRow[]
  tranches: TrancheRow[]
  min_reviewers: number
  notice_days: number
  reporting: Reporting
}

export function roundForm(round: Round | null): RoundForm {
  return {
    title: round?.title ?? '',
    theme: round?.theme ?? '',
    guidelines: round?.guidelines ?? '',
    total_budget_yuan: round?.total_budget_yuan ?? '',
    min_grant_yuan: round?.min_grant_yuan ?? '',
    max_grant_yuan: round?.max_grant_yuan ?? '',
    org_types: [...(round?.eligibility?.org_types ?? [])],
    ratings: [...(round?.eligibility?.ratings ?? [])],
    target_groups: [...(round?.eligibility?.target_groups ?? [])],
    districts: [...(round?.eligibility?.districts ?? [])],
    opens_at: round?.opens_at ?? '',
    closes_at: round?.closes_at ?? '',
    rubric: (round?.rubric ?? DEFAULT_RUBRIC).map((c) => ({ ...c })),
    tranches: (round?.tranches ?? DEFAULT_TRANCHES).map((c) => ({ ...c })),
    min_reviewers: round?.min_reviewers ?? 3,
    notice_days: round?.notice_days ?? 7,
    reporting: round?.reporting ?? 'quarterly',
  }
}

/** What the form sends: texts trimmed, amounts as "200000.00" (as typed when they are no amount). */
export function roundPayload(form: RoundForm): RoundInput {
  const money = (v: string) => normalizeYuan(v) ?? v.trim()
  return {
    title: form.title.trim(),
    theme: form.theme.trim(),
    guidelines: form.guidelines.trim(),
    total_budget_yuan: money(form.total_budget_yuan),
    min_grant_yuan: money(form.min_grant_yuan),
    max_grant_yuan: money(form.max_grant_yuan),
    eligibility: {
      org_types: [...form.org_types],
      ratings: [...form.ratings],
      target_groups: [...form.target_groups],
      districts: [...form.districts],
    },
    opens_at: form.opens_at,
    closes_at: form.closes_at,
    rubric: form.rubric.map((c) => ({ key: c.key.trim(), name: c.name.trim(), weight: c.weight ?? 0, scale: c.scale })),
    tranches: form.tranches.map((c) => ({ percent: c.percent ?? 0, gate: c.gate as Tranche['gate'] })),
    min_reviewers: form.min_reviewers,
    notice_days: form.notice_days,
    reporting: form.reporting,
  }
}

/**
 * A proposed grant against the round's bounds: within min…max, not above the request, and not
 * above what the budget has left (`remainingAfter`, the cents left once it is granted).
 */
export function grantProblem(
  amount: string,
  bounds: { min_grant_yuan: string; max_grant_yuan: string; requested_yuan?: string | null },
  remainingAfter: number | null,
): 'required' | 'format' | 'out_of_range' | 'above_request' | 'below_min' | 'above_max' | 'over_budget' | null {
  const problem = amountProblem(amount)
  if (problem) {
    return problem
  }
  const cents = yuanToCents(amount) ?? 0
  const min = yuanToCents(bounds.min_grant_yuan)
  const max = yuanToCents(bounds.max_grant_yuan)
  const requested = yuanToCents(bounds.requested_yuan)
  // In the server's order of checks.
  if (requested !== null && cents > requested) {
    return 'above_request'
  }
  if (min !== null && cents < min) {
    return 'below_min'
  }
  if (max !== null && cents > max) {
    return 'above_max'
  }
  return remainingAfter !== null && remainingAfter < 0 ? 'over_budget' : null
}


/**
 * A reviewer's form: one score a criterion in rubric order, with what was saved before (scores of
 * keys no longer in the rubric are dropped).
 */
export function reviewForm(rubric: readonly RubricCriterion[], saved: Partial<ReviewAssignment> | null | undefined): ReviewForm {
  const byKey = new Map((saved?.scores ?? []).map((s) => [s.key, s]))
  return {
    scores: rubric.map((c) => {
      const s = byKey.get(c.key)
      return { key: c.key, score: typeof s?.score === 'number' ? s.score : null, comment: s?.comment ?? '' }
    }),
    comment: saved?.comment ?? '',
    submitted: saved?.state === 'submitted',
  }
}

/** `YYYY-MM-DD` plus `days` calendar days (the end of a 公示 that began on `date`). */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) {
    return ''
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days))
  return d.toISOString().slice(0, 10)
}
