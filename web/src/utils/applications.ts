// Plain helpers of the application (申报) pages: the form as edited and the body it saves, the
// indicator and row labels, and review progress. Budget arithmetic is in rounds.ts.
import {
  INDICATOR_KEYS,
  type Application,
  type ApplicationInput,
  type BudgetCategory,
  type IndicatorKey,
  type TargetGroup,
  type TeamRole,
} from '@/api/roundTypes'
import { normalizeYuan } from './finance'
import type { Translate } from './registry'

/** Maximum lengths (characters) the server checks (src/modules/rounds/application.cpp). */
export const APPLICATION_MAX = {
  project_name: 100,
  sub_brand: 50,
  text: 5000,
  activity: 500,
  row_text: 100,
  indicator_name: 50,
  unit: 20,
} as const

export interface ActivityRow {
  month: string
  activity: string
}

export interface TeamRow {
  role: TeamRole | ''
  name: string
  count: number | null
}

export interface BudgetRow {
  category: BudgetCategory | ''
  item: string
  unit: string
  quantity: number | null
  unit_price_yuan: string
}

export interface IndicatorRow {
  key: IndicatorKey | ''
  target: number | null
  name: string
  unit: string
}

export interface ApplicationForm {
  project_name: string
  sub_brand: string
  summary: string
  need_analysis: string
  objectives: string
  risks: string
  target_groups: TargetGroup[]
  districts: string[]
  streets: string[]
  activities: ActivityRow[]
  team: TeamRow[]
  budget_lines: BudgetRow[]
  indicators: IndicatorRow[]
}

export const emptyActivity = (): ActivityRow => ({ month: '', activity: '' })
export const emptyTeamRow = (): TeamRow => ({ role: '', name: '', count: 1 })
export const emptyBudgetRow = (): BudgetRow => ({ category: '', item: '', unit: '', quantity: null, unit_price_yuan: '' })
export const emptyIndicator = (key: IndicatorKey | '' = ''): IndicatorRow => ({ key, target: null, name: '', unit: '' })

/** The form filled from an application (a new draft has everything empty or missing). */
export function applicationForm(app: Partial<Application> | null): ApplicationForm {
  return {
    project_name: app?.project_name ?? '',
    sub_brand: app?.sub_brand ?? '',
    summary: app?.summary ?? '',
    need_analysis: app?.need_analysis ?? '',
    objectives: app?.objectives ?? '',
    risks: app?.risks ?? '',
    target_groups: [...(app?.target_groups ?? [])],
    districts: [...(app?.districts ?? [])],
    streets: [...(app?.streets ?? [])],
    activities: (app?.activities ?? []).map((a) => ({ month: a.month ?? '', activity: a.activity ?? '' })),
    team: (app?.team ?? []).map((m) => ({ role: m.role ?? '', name: m.name ?? '', count: m.count ?? null })),
    budget_lines: (app?.budget_lines ?? []).map((l) => ({
      category: l.category ?? '',
      item: l.item ?? '',
      unit: l.unit ?? '',
      quantity: typeof l.quantity === 'number' ? l.quantity : l.quantity ? Number(l.quantity) : null,
      unit_price_yuan: l.unit_price_yuan ?? '',
    })),
    indicators: (app?.indicators ?? []).map((i) => ({ key: i.key ?? '', target: i.target ?? null, name: i.name ?? '', unit: i.unit ?? '' })),
  }
}

/** `{...row}` without the keys whose value is '' or null: a draft leaves out what is not filled in. */
function filled<T extends object>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Partial<T>
}

/**
 * What a save sends: texts trimmed, prices as "1234.50" (as typed when they are no amount, so the
 * server names the field), blanks in rows left out, name and unit only on custom indicators.
 */
export function applicationPayload(form: ApplicationForm): ApplicationInput {
  return {
    project_name: form.project_name.trim(),
    sub_brand: form.sub_brand.trim(),
    summary: form.summary.trim(),
    need_analysis: form.need_analysis.trim(),
    objectives: form.objectives.trim(),
    risks: form.risks.trim(),
    target_groups: [...form.target_groups],
    districts: [...form.districts],
    streets: [...form.streets],
    activities: form.activities.map((a) => filled({ month: a.month, activity: a.activity.trim() })) as ApplicationInput['activities'],
    team: form.team.map((m) => filled({ role: m.role, name: m.name.trim(), count: m.count })) as ApplicationInput['team'],
    budget_lines: form.budget_lines.map((l) =>
      filled({
        category: l.category,
        item: l.item.trim(),
        unit: l.unit.trim(),
        quantity: l.quantity,
        unit_price_yuan: normalizeYuan(l.unit_price_yuan) ?? l.unit_price_yuan.trim(),
      }),
    ) as ApplicationInput['budget_lines'],
    indicators: form.indicators.map((i) =>
      filled(
        i.key === 'custom'
          ? { key: i.key, target: i.target, name: i.name.trim(), unit: i.unit.trim() }
          : { key: i.key, target: i.target },
      ),
    ) as ApplicationInput['indicators'],
  }
}

const ROW_FIELDS = {
  activities: ['month', 'activity'],
  team: ['role', 'name', 'count'],
  budget_lines: ['category', 'item', 'unit', 'quantity', 'unit_price_yuan'],
  indicators: ['key', 'target', 'name', 'unit'],
} as const

/**
 * The form items that can show a server field error: every top-level field (the lists as a whole
 * too) and each field of the rows there now, in the dotted form `budget_lines.0.quantity`.
 */
export function applicationErrorFields(form: ApplicationForm): string[] {
  const out = ['project_name', 'sub_brand', 'summary', 'need_analysis', 'objectives', 'risks', 'target_groups', 'districts', 'streets', 'requested_yuan']
  for (const [list, fields] of Object.entries(ROW_FIELDS)) {
    out.push(list)
    form[list as keyof typeof ROW_FIELDS].forEach((_row, i) => out.push(...fields.map((f) => `${list}.${i}.${f}`)))
  }
  return out
}

export function isIndicatorKey(value: unknown): value is IndicatorKey {
  return typeof value === 'string' && (INDICATOR_KEYS as readonly string[]).includes(value)
}

/** An indicator's name: the contract's keys translated, a custom one by its own name. */
export function indicatorName(t: Translate, i: { key: string; name?: string | null }): string {
  if (i.key === 'custom') {
    return i.name || t('applications.indicator.custom')
  }
  return isIndicatorKey(i.key) ? t(`applications.indicator.${i.key}`) : i.key
}

/** The unit of an indicator's target: fixed for the contract's keys, its own for a custom one. */
export function indicatorUnit(t: Translate, i: { key: string; unit?: string | null }): string {
  if (i.key === 'custom') {
    return i.unit ?? ''
  }
  return isIndicatorKey(i.key) ? t(`applications.indicatorUnit.${i.key}`) : ''
}

export interface ReviewProgress {
  assigned: number
  submitted: number
  required: number
}

/**
 * How far review of an application has come: reviewers assigned (a declared conflict does not
 * count) and reviews submitted, against the round's `min_reviewers`; null before any assignment
 * is possible (the server sends no counts).
 */
export function reviewProgress(app: Pick<Application, 'reviewers_assigned' | 'reviews_submitted'>, minReviewers: number): ReviewProgress | null {
  if (typeof app.reviewers_assigned !== 'number') {
    return null
  }
  return { assigned: app.reviewers_assigned, submitted: app.reviews_submitted ?? 0, required: minReviewers }
}

/** The screening outcome: failed (ineligible, with the reason), passed, or not yet screened. */
export function screeningOutcome(app: Pick<Application, 'state' | 'screened_at'>): 'pass' | 'fail' | null {
  if (app.state === 'ineligible') {
    return 'fail'
  }
  if (app.screened_at || ['eligible', 'proposed', 'funded'].includes(app.state)) {
    return 'pass'
  }
  return null
}

/** "2 / 3" (submitted of required), with the assigned count, or '' without progress. */
export function progressText(t: Translate, p: ReviewProgress | null | undefined): string {
  if (!p) {
    return ''
  }
  return t('applications.review.progress', { assigned: p.assigned, submitted: p.submitted, required: p.required })
}

/** Review is complete once `required` reviews are submitted. */
export function progressComplete(p: ReviewProgress | null | undefined): boolean {
  return !!p && p.required > 0 && p.submitted >= p.required
}
