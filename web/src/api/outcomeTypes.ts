// Types of the outcomes API (docs/outcomes.md): satisfaction survey templates, one-time
// invitations, the public survey page, aggregate results, and the KPI figures computed from
// records with their drill-down to the records behind them.
import type { Id, ListResponse } from './types'

// ---- Surveys ----------------------------------------------------------------------------------

/** The 5-point scale, best first: 5 非常满意 … 1 非常不满意. */
export const SCALE = [5, 4, 3, 2, 1] as const
export type ScaleValue = (typeof SCALE)[number]

/** The item every template must have; the satisfaction rate is computed on it. */
export const OVERALL_ITEM = 'overall'

export interface SurveyItem {
  code: string
  label_zh: string
  label_en: string
}

export interface SurveyTemplate {
  id: Id
  name: string
  active: boolean
  items: SurveyItem[]
}

export interface SurveyTemplateInput {
  name: string
  items: SurveyItem[]
}

export const INVITATION_STATUSES = ['open', 'answered', 'expired', 'cancelled'] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]

export const INVITATION_CHANNELS = ['web', 'phone'] as const
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number]

/** POST /cases/{id}/survey-invitations; the server's defaults apply to what is left out. */
export interface InvitationInput {
  template_id?: Id
  service_record_id?: Id
  /** 1–200 (default 1): one token per participant of a group activity. */
  count?: number
  /** 1–90 (default 30). */
  expires_in_days?: number
}

/** A created invitation: the only time the token is seen. */
export interface CreatedInvitation {
  id: Id
  token: string
  /** `/s/{token}`: the public page, relative to the app's origin. */
  url: string
  expires_at: string
  /** `/api/v1/public/surveys/{token}/qr.png`. */
  qr_png: string
  /** `/api/v1/public/surveys/{token}/qr.svg`. */
  qr_svg: string
}

/** An invitation as listed on its case: never a token, never the answers. */
export interface SurveyInvitation {
  id: Id
  template_id: Id
  service_record_id: Id | null
  status: InvitationStatus
  channel: InvitationChannel | null
  created_at: string
  expires_at: string
  answered_at: string | null
}

/** Item code → 1..5. */
export type SurveyAnswers = Record<string, number>

export interface PhoneResponseInput {
  answers: SurveyAnswers
  comment?: string
  /** `YYYY-MM-DD`, not in the future. */
  called_on: string
}

/** GET /public/surveys/{token}: nothing about the household or case. */
export interface PublicSurvey {
  template: { name: string; items: SurveyItem[] }
  organization_name: string
  expires_at: string
}

export interface PublicSurveyInput {
  answers: SurveyAnswers
  /** At most 1,000 characters. */
  comment?: string
}

export interface SurveyResultItem {
  code: string
  label_zh: string
  /** The server may send the English label too. */
  label_en?: string
  /** `"5"` … `"1"` → responses with that answer. */
  counts: Record<string, number>
  answered: number
}

/** GET /survey-results: aggregates only; comments come without any link. */
export interface SurveyResults {
  responses: number
  satisfied: number
  /** Percent with one decimal; null without a response. */
  satisfaction_rate: number | null
  items: SurveyResultItem[]
  by_channel: { web: number; phone: number }
  comments: { text: string; month: string }[]
}

export interface SurveyResultsQuery {
  project_id?: Id
  organization_id?: Id
}

// ---- KPIs -------------------------------------------------------------------------------------

export const KPI_DIMENSIONS = [
  'platform',
  'district',
  'street',
  'organization',
  'round',
  'project',
  'service_type',
  'category',
  'month',
  'quarter',
  'year',
] as const
export type KpiDimension = (typeof KPI_DIMENSIONS)[number]

export const TIME_DIMENSIONS: readonly KpiDimension[] = ['month', 'quarter', 'year']

/** The filters of /kpis and /kpis/records, at most one at a time. */
export const KPI_FILTERS = ['district', 'street', 'organization_id', 'round_id', 'project_id', 'service_type', 'category'] as const
export type KpiFilterName = (typeof KPI_FILTERS)[number]

export interface KpiFilter {
  name: KpiFilterName
  key: string
  /** In answers: the key's name (a district's, an organization's …). */
  label?: string
}

/** A count that gov_viewer may see suppressed as `"<5"`. */
export const SUPPRESSED = '<5'
export type Suppressible = number | typeof SUPPRESSED

export interface KpiFigures {
  services?: number
  service_hours?: number
  person_times?: Suppressible
  persons?: Suppressible
  households?: Suppressible
  children?: Suppressible
  elderly?: Suppressible
  women?: Suppressible
  volunteer_hours?: number
  cases_opened?: number
  cases_closed?: number
  referrals_made?: number
  referrals_accepted?: number
  responses?: Suppressible
  satisfied?: Suppressible
  satisfaction_rate?: number | null
  /** Only with dimension=platform and no filter. */
  organizations_active?: number
  projects?: number
  volunteers_active?: number
}
export type KpiFigureKey = keyof KpiFigures

export interface KpiRow {
  key: string
  label: string
  figures: KpiFigures
}

export interface KpiResult {
  dimension: KpiDimension
  period: string
  filter: KpiFilter | null
  suppressed: boolean
  rows: KpiRow[]
}

export interface KpiQuery {
  dimension?: KpiDimension
  /** `YYYY`, `YYYY-Qn` or `YYYY-MM`; '' (or left out) for all time; not with a time dimension. */
  period?: string
  filter?: KpiFilter | null
  /** For time dimensions: periods of that kind. */
  from?: string
  to?: string
}

export const KPI_EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type KpiExportFormat = (typeof KPI_EXPORT_FORMATS)[number]

export interface KpiRecordsQuery {
  filter?: KpiFilter | null
  period?: string
  /** From 1. */
  page?: number
  /** ≤ 200. */
  per?: number
}

/** One service record behind a figure. */
export interface KpiRecord {
  id: Id
  served_on: string
  organization_id: Id
  organization_name: string
  case_id: Id
  case_number: string
  project_id: Id | null
  service_type: string
  duration_minutes: number
  person_times: number
}

export type KpiRecords = ListResponse<KpiRecord>
