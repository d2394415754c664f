// Pure helpers of the outcomes pages (docs/outcomes.md): suppressed figures, KPI queries and the
// records drill-down's route query, the dashboard's scope by role, and survey answers.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  KPI_FILTERS,
  OVERALL_ITEM,
  SCALE,
  SUPPRESSED,
  type KpiDimension,
  type KpiFigures,
  type KpiFilter,
  type KpiFilterName,
  type KpiRow,
  type SurveyAnswers,
  type SurveyItem,
  type SurveyResultItem,
} from '@/api/outcomeTypes'
import type { Role } from '@/api/types'

type Translate = (key: string, params?: Record<string, unknown>) => string

// ---- Figures ----------------------------------------------------------------------------------

/** Whether a figure came suppressed (`"<5"`, gov_viewer only). */
export function isSuppressed(value: unknown): boolean {
  return value === SUPPRESSED
}

/**
 * A figure as shown: `"<5"` as is, a missing figure as `—`, the satisfaction rate as `98.5%`,
 * counts and hours (up to two decimals) with thousands separators.
 */
export function figureText(key: string, value: unknown): string {
  if (isSuppressed(value)) {
    return SUPPRESSED
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return '—'
  }
  if (key === 'satisfaction_rate') {
    return `${value.toFixed(1)}%`
  }
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/** A figure as a chart value: suppressed and missing figures are 0. */
export function chartValue(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** A satisfaction rate, `98.5%`, or `—` for null. */
export function rateText(rate: number | null | undefined): string {
  return figureText('satisfaction_rate', rate)
}

export interface ChartRow {
  key: string
  label: string
  value: number
  suppressed: boolean
}

/** The rows of a one-figure bar chart; a suppressed figure becomes 0, remembered as suppressed. */
export function chartRows(rows: readonly KpiRow[], figure: keyof KpiFigures): ChartRow[] {
  return rows.map((r) => {
    const v = r.figures?.[figure]
    return { key: r.key, label: r.label || r.key, value: chartValue(v), suppressed: isSuppressed(v) }
  })
}

/** The tooltip line of a bar: `<label>: <value> <unit>`, or the suppression note. */
export function tooltipLine(t: Translate, row: ChartRow, unit: string): string {
  if (row.suppressed) {
    return `${row.label}: ${SUPPRESSED}（${t('outcomes.kpi.suppressedTip')}）`
  }
  return `${row.label}: ${row.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${unit}`.trim()
}

/** The projects with survey responses, best (`top`) or worst (`bottom`) satisfaction first. */
export function rankBySatisfaction(rows: readonly KpiRow[], order: 'top' | 'bottom', n = 5): KpiRow[] {
  const rated = rows.filter(
    (r) => typeof r.figures?.satisfaction_rate === 'number' && typeof r.figures?.responses === 'number' && r.figures.responses > 0,
  )
  const sign = order === 'top' ? -1 : 1
  return [...rated]
    .sort((a, b) => sign * ((a.figures.satisfaction_rate as number) - (b.figures.satisfaction_rate as number)) || a.label.localeCompare(b.label))
    .slice(0, n)
}

// ---- Periods ----------------------------------------------------------------------------------

/** `YYYY-MM` of a date (local). */
export function monthOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

/**
 * The months of the trend: the year's twelve for a year period, else the last twelve up to
 * `today`'s month.
 */
export function trendRange(period: string, today: Date): { from: string; to: string } {
  if (/^\d{4}$/.test(period)) {
    return { from: `${period}-01`, to: `${period}-12` }
  }
  const start = new Date(today.getFullYear(), today.getMonth() - 11, 1)
  return { from: monthOf(start), to: monthOf(today) }
}

/** The years offered by the period selector, newest first. */
export function recentYears(today: Date, count = 6): string[] {
  return Array.from({ length: count }, (_, i) => String(today.getFullYear() - i))
}

/** Whether `value` is a period the API accepts: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(value)
}

// ---- Drill-down -------------------------------------------------------------------------------

/** The filter that picks the cell of a non-time dimension's row. */
const FILTER_OF: Partial<Record<KpiDimension, KpiFilterName>> = {
  district: 'district',
  street: 'street',
  organization: 'organization_id',
  round: 'round_id',
  project: 'project_id',
  service_type: 'service_type',
  category: 'category',
}

export function filterOf(dimension: KpiDimension, key: string): KpiFilter | null {
  const name = FILTER_OF[dimension]
  return name ? { name, key } : null
}

/**
 * The route query of the records list behind a figure: the filter (`district=…`) and the period.
 * A row of a time dimension is a period of its own (`period=2026-07`), keeping the filter.
 */
export function recordsQuery(filter: KpiFilter | null | undefined, period: string | null | undefined): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  if (filter && filter.key !== '') {
    q[filter.name] = filter.key
  }
  if (period) {
    q.period = period
  }
  return q
}

/** The filter and period of the records list, read back from its route query (unknown keys ignored). */
export function parseRecordsQuery(query: LocationQuery): { filter: KpiFilter | null; period: string } {
  let filter: KpiFilter | null = null
  for (const name of KPI_FILTERS) {
    const v = query[name]
    const key = Array.isArray(v) ? v[0] : v
    if (typeof key === 'string' && key !== '') {
      filter = { name, key }
      break
    }
  }
  const p = Array.isArray(query.period) ? query.period[0] : query.period
  return { filter, period: isPeriod(p) ? p : '' }
}

// ---- Who sees which dashboard -----------------------------------------------------------------

export const PLATFORM_KPI_ROLES = ['foundation_admin', 'program_officer', 'finance', 'donor'] as const
export const ORGANIZATION_KPI_ROLES = ['org_admin', 'supervisor', 'social_worker'] as const
/** Roles that may be given district figures only, small cells suppressed (`kpis.read_suppressed`). */
export const SUPPRESSED_KPI_ROLES = ['gov_viewer', 'donor'] as const

export type DashboardScope =
  | { kind: 'platform' }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'gov'; districts: string[] }
  | { kind: 'none' }

/**
 * Which dashboard a user gets: `kpis.read` through a platform role is the foundation's; through
 * organization staff, their organization's; otherwise `kpis.read_suppressed` (gov_viewer, and
 * donors should the server give them suppressed figures) is the districts one (`districts`
 * empty: every district). Without `permissions`, the roles alone decide.
 */
export function dashboardScope(roles: readonly Role[] | null | undefined, organizationId: unknown, permissions?: readonly string[] | null): DashboardScope {
  const list = roles ?? []
  const has = (p: string) => !permissions || permissions.includes(p)
  const holds = (names: readonly string[]) => list.some((r) => names.includes(r.role))
  if (has('kpis.read') && holds(PLATFORM_KPI_ROLES)) {
    return { kind: 'platform' }
  }
  const orgId = organizationId === null || organizationId === undefined ? '' : String(organizationId)
  if (has('kpis.read') && orgId && holds(ORGANIZATION_KPI_ROLES)) {
    return { kind: 'organization', organizationId: orgId }
  }
  const viewers = list.filter((r) => (permissions ? (SUPPRESSED_KPI_ROLES as readonly string[]).includes(r.role) : r.role === 'gov_viewer'))
  if (viewers.length > 0 && (!permissions || permissions.includes('kpis.read_suppressed'))) {
    const everyDistrict = viewers.some((r) => r.scope_type === 'platform')
    const districts = everyDistrict ? [] : [...new Set(viewers.filter((r) => r.scope_type === 'district' && r.scope_id).map((r) => r.scope_id as string))]
    return { kind: 'gov', districts }
  }
  return { kind: 'none' }
}

// ---- Survey answers ---------------------------------------------------------------------------

export const COMMENT_MAX = 1000

/** A scale value's locale key: `outcomes.scale.5` 非常满意 … `outcomes.scale.1` 非常不满意. */
export function scaleKey(value: number): string {
  return `outcomes.scale.${value}`
}

/** An item's label in the UI language (the Chinese one when the English is missing). */
export function itemLabel(item: Pick<SurveyItem, 'label_zh'> & { label_en?: string }, locale: string): string {
  return locale.startsWith('en') && item.label_en ? item.label_en : item.label_zh
}

export function isScaleValue(value: unknown): boolean {
  return typeof value === 'number' && (SCALE as readonly number[]).includes(value)
}

/**
 * Field errors of answers to `items`, as the server names them (`answers.<code>` → field error
 * code): `overall` is required, every answer is 1..5, no unknown item.
 */
export function validateAnswers(items: readonly SurveyItem[], answers: Record<string, number | null | undefined>): Record<string, string> {
  const errors: Record<string, string> = {}
  const codes = new Set(items.map((i) => i.code))
  for (const [code, v] of Object.entries(answers)) {
    if (v === null || v === undefined) {
      continue
    }
    if (!codes.has(code)) {
      errors[`answers.${code}`] = 'unknown'
    } else if (!isScaleValue(v)) {
      errors[`answers.${code}`] = 'out_of_range'
    }
  }
  const overall = answers[OVERALL_ITEM]
  if (codes.has(OVERALL_ITEM) && (overall === null || overall === undefined)) {
    errors[`answers.${OVERALL_ITEM}`] = 'required'
  }
  return errors
}

/** The answers to send: the items answered, nothing else. */
export function answersPayload(items: readonly SurveyItem[], answers: Record<string, number | null | undefined>): SurveyAnswers {
  const out: SurveyAnswers = {}
  for (const item of items) {
    const v = answers[item.code]
    if (typeof v === 'number' && isScaleValue(v)) {
      out[item.code] = v
    }
  }
  return out
}

/** An item's share of 非常满意 + 满意 among those who answered it, in percent with one decimal; null without answers. */
export function itemSatisfaction(item: Pick<SurveyResultItem, 'counts' | 'answered'>): number | null {
  if (!item.answered) {
    return null
  }
  const sat = (item.counts?.['5'] ?? 0) + (item.counts?.['4'] ?? 0)
  return Math.round((sat / item.answered) * 1000) / 10
}

/** The full address of a created invitation's page: the app's origin + `/s/{token}`. */
export function invitationLink(origin: string, url: string): string {
  if (/^https?:\/\//.test(url)) {
    return url
  }
  return `${origin.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`
}

// ---- Labels -----------------------------------------------------------------------------------

/**
 * A row's label in the UI language: service types and assistance categories by their locale
 * names when known, months as they are, everything else as the server labelled it.
 */
export function rowLabel(t: Translate, te: (key: string) => boolean, dimension: KpiDimension, row: Pick<KpiRow, 'key' | 'label'>): string {
  if (dimension === 'service_type' && te(`cases.serviceType.${row.key}`)) {
    return t(`cases.serviceType.${row.key}`)
  }
  if (dimension === 'category') {
    if (row.key === 'none') {
      return t('projects.indicators.noCategory')
    }
    if (te(`households.category.${row.key}`)) {
      return t(`households.category.${row.key}`)
    }
  }
  return row.label || row.key
}
