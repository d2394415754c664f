// Plain helpers of the project pages (docs/projects.md): state labels, progress bars against
// targets, the portfolio's overdue counts and tranche status, chart series of the indicators,
// the agreement's dates, what may be done to a report period or a tranche, and the evaluation
// form. Money stays in integer cents (finance.ts).
import {
  DISBURSEMENT_STATES,
  PROJECT_STATES,
  type DisbursementState,
  type EvaluationInput,
  type EvaluationResult,
  type IndicatorMonth,
  type IndicatorTarget,
  type LedgerTranche,
  type Project,
  type ProjectState,
  type ReportPeriod,
} from '@/api/projectTypes'
import type { Tranche } from '@/api/roundTypes'
import { CATEGORIES, type Id } from '@/api/types'
import { yuanToCents } from './finance'
import type { TagType, Translate } from './registry'
import { addDays } from './rounds'

export function isProjectState(value: unknown): value is ProjectState {
  return typeof value === 'string' && (PROJECT_STATES as readonly string[]).includes(value)
}

/** 待签协议, 执行中, …; a state this app does not know shows as is. */
export function projectStateLabel(t: Translate, state: string | null | undefined): string {
  if (!state) {
    return ''
  }
  return isProjectState(state) ? t(`projects.state.${state}`) : state
}

const PROJECT_TAG_TYPES: Record<ProjectState, TagType> = {
  agreement_pending: 'warning',
  active: 'success',
  suspended: 'danger',
  finished: 'info',
}

export function projectStateTagType(state: string): TagType {
  return isProjectState(state) ? PROJECT_TAG_TYPES[state] : 'info'
}

export function isDisbursementState(value: unknown): value is DisbursementState {
  return typeof value === 'string' && (DISBURSEMENT_STATES as readonly string[]).includes(value)
}

const DISBURSEMENT_TAG_TYPES: Record<DisbursementState, TagType> = {
  requested: 'warning',
  approved: 'primary',
  rejected: 'danger',
  paid: 'success',
}

export function disbursementTagType(state: string): TagType {
  return isDisbursementState(state) ? DISBURSEMENT_TAG_TYPES[state] : 'info'
}

// ---- Progress against targets -----------------------------------------------------------------

/** The bar of one target: its percentage clamped to 0–100 and whether the target is reached. */
export function progressBar(target: Pick<IndicatorTarget, 'percent'>): { percentage: number; reached: boolean } | null {
  const p = target.percent
  if (typeof p !== 'number' || !Number.isFinite(p)) {
    return null
  }
  return { percentage: Math.max(0, Math.min(100, p)), reached: p >= 100 }
}

/** A figure for display: hours keep their two decimals, counts are whole; '—' for none. */
export function formatFigure(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return '—'
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '')
}

// ---- The portfolio ----------------------------------------------------------------------------

/** Where one tranche stands: not yet requested (`none`) or its latest disbursement's state. */
export type TrancheStatus = DisbursementState | 'none'

/**
 * The status of every tranche of a project, in order: a list row's `tranches_status` (which
 * stops at the last tranche requested) filled up with `none` to the round's tranches.
 */
export function trancheStatuses(tranches: readonly Tranche[], statuses: readonly string[] | null | undefined): TrancheStatus[] {
  const known = (s: string | undefined): TrancheStatus => (s && isDisbursementState(s) ? s : 'none')
  const n = Math.max(tranches.length, statuses?.length ?? 0)
  return Array.from({ length: n }, (_x, i) => known(statuses?.[i]))
}

/** A tranche may be requested while nothing live (requested, approved, paid) holds it. */
export function canRequestTranche(t: Pick<LedgerTranche, 'disbursement'>): boolean {
  return !t.disbursement || t.disbursement.state === 'rejected'
}

// ---- Charts -----------------------------------------------------------------------------------

/** The monthly series of the indicator chart, oldest month first. */
export function indicatorChartSeries(months: readonly IndicatorMonth[] | null | undefined): {
  months: string[]
  person_times: number[]
  services: number[]
  service_hours: number[]
} {
  const sorted = [...(months ?? [])].sort((a, b) => a.month.localeCompare(b.month))
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
  return {
    months: sorted.map((m) => m.month),
    person_times: sorted.map((m) => n(m.person_times)),
    services: sorted.map((m) => n(m.services)),
    service_hours: sorted.map((m) => n(m.service_hours)),
  }
}

/**
 * Households by assistance category as chart rows: the categories in their usual order, then
 * `none`, then any the app does not know; empty counts are left out.
 */
export function categoryRows(byCategory: Readonly<Record<string, number>> | null | undefined): { category: string; count: number }[] {
  const entries = Object.entries(byCategory ?? {}).filter(([, n]) => typeof n === 'number' && n > 0)
  const rank = (c: string) => {
    const i = (CATEGORIES as readonly string[]).indexOf(c)
    return i >= 0 ? i : c === 'none' ? CATEGORIES.length : CATEGORIES.length + 1
  }
  return entries
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, count]) => ({ category, count }))
}

// ---- The agreement ----------------------------------------------------------------------------

export interface AgreementForm {
  signed_on: string
  starts_on: string
  ends_on: string
}

/** Signed and starting today, running a year (to the day before the anniversary). */
export function defaultAgreement(today: string): AgreementForm {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today)
  if (!m) {
    return { signed_on: '', starts_on: '', ends_on: '' }
  }
  // 29 February rolls over to 1 March of the next year, so the period ends on 28 February.
  const anniversary = new Date(Date.UTC(Number(m[1]) + 1, Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10)
  return { signed_on: today, starts_on: today, ends_on: addDays(anniversary, -1) }
}

/** The end of the project period must come after its start. */
export function agreementProblem(form: AgreementForm): 'before_start' | null {
  return form.starts_on && form.ends_on && form.ends_on <= form.starts_on ? 'before_start' : null
}

// ---- Reports ----------------------------------------------------------------------------------

/**
 * What the organization may do with a period: `submit` once it has ended (its end before today)
 * and nothing was submitted, `resubmit` a returned report, else nothing.
 */
export function reportAction(period: Pick<ReportPeriod, 'period_end' | 'report'>, today: string): 'submit' | 'resubmit' | null {
  if (!period.report) {
    return period.period_end < today ? 'submit' : null
  }
  return period.report.state === 'returned' ? 'resubmit' : null
}

/** A period's standing for its tag: reported (by state), overdue, due (ended, not yet overdue) or upcoming. */
export function periodStatus(period: Pick<ReportPeriod, 'period_end' | 'overdue' | 'report'>, today: string): string {
  if (period.overdue) {
    return 'overdue'
  }
  if (period.report) {
    return period.report.state
  }
  return period.period_end < today ? 'due' : 'upcoming'
}

// ---- Evaluations ------------------------------------------------------------------------------

export interface ChecklistRow {
  item: string
  passed: boolean
  note: string
}

export interface EvaluationForm {
  checklist: ChecklistRow[]
  score: number | null
  result: EvaluationResult | ''
  comment: string
}

export function evaluationForm(items: readonly string[]): EvaluationForm {
  return { checklist: items.map((item) => ({ item, passed: true, note: '' })), score: null, result: '', comment: '' }
}

/** What the form sends: items and notes trimmed, blank items left out. */
export function evaluationPayload(form: EvaluationForm): EvaluationInput {
  return {
    checklist: form.checklist
      .map((c) => ({ item: c.item.trim(), passed: c.passed, note: c.note.trim() }))
      .filter((c) => c.item !== ''),
    score: form.score ?? 0,
    result: form.result as EvaluationResult,
    comment: form.comment.trim(),
  }
}

// ---- Money ------------------------------------------------------------------------------------

/** Paid share of a grant in percent (one decimal, at most 100), 0 without a grant. */
export function paidPercent(paidYuan: string | null | undefined, grantYuan: string | null | undefined): number {
  const paid = yuanToCents(paidYuan) ?? 0
  const grant = yuanToCents(grantYuan) ?? 0
  return grant > 0 ? Math.min(100, Math.round((paid * 1000) / grant) / 10) : 0
}

// ---- Cases of a project -----------------------------------------------------------------------

/** The states of a project a new case may join (docs/case-work.md; else 422 `project_id: not_project`). */
export const CASE_PROJECT_STATES: readonly ProjectState[] = ['agreement_pending', 'active']

/** The project's name, with its sub-brand in brackets when it has one. */
export function projectLabel(p: Pick<Project, 'name' | 'sub_brand'>): string {
  const brand = (p.sub_brand ?? '').trim()
  return brand ? `${p.name}（${brand}）` : p.name
}

export interface ProjectOption {
  id: Id
  /** String(id), the select's value. */
  key: string
  label: string
}

/**
 * The projects a case of `organizationId` may join: its own (any, when null — the server lists
 * only the organization's own to its staff), agreement pending or active, in the server's order.
 */
export function caseProjectOptions(
  projects: readonly Pick<Project, 'id' | 'organization_id' | 'name' | 'sub_brand' | 'state'>[],
  organizationId: Id | null | undefined,
): ProjectOption[] {
  const org = organizationId === null || organizationId === undefined ? null : String(organizationId)
  return projects
    .filter((p) => CASE_PROJECT_STATES.includes(p.state) && (org === null || String(p.organization_id) === org))
    .map((p) => ({ id: p.id, key: String(p.id), label: projectLabel(p) }))
}
