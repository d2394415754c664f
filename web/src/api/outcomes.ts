// Outcomes (docs/outcomes.md): satisfaction surveys and the KPIs computed from records. One
// typed function per endpoint.
import { API_BASE, buildUrl, http, type Query } from './http'
import type {
  CreatedInvitation,
  InvitationInput,
  KpiExportFormat,
  KpiQuery,
  KpiRecords,
  KpiRecordsQuery,
  KpiResult,
  PhoneResponseInput,
  PublicSurvey,
  PublicSurveyInput,
  SurveyInvitation,
  SurveyResults,
  SurveyResultsQuery,
  SurveyTemplate,
  SurveyTemplateInput,
} from './outcomeTypes'
import type { Id } from './types'

const enc = (id: Id | string) => encodeURIComponent(String(id))

// ---- Survey templates -------------------------------------------------------------------------

export async function listSurveyTemplates(): Promise<SurveyTemplate[]> {
  return (await http.get<{ data: SurveyTemplate[] }>('/survey-templates')).data ?? []
}

/** 422 `items: overall_missing` without an `overall` item. */
export function createSurveyTemplate(input: SurveyTemplateInput): Promise<SurveyTemplate> {
  return http.post<SurveyTemplate>('/survey-templates', input)
}

// ---- Invitations ------------------------------------------------------------------------------

/** The tokens are returned only here. */
export async function createInvitations(caseId: Id, input: InvitationInput = {}): Promise<CreatedInvitation[]> {
  return (await http.post<{ data: CreatedInvitation[] }>(`/cases/${enc(caseId)}/survey-invitations`, input)).data ?? []
}

export async function listInvitations(caseId: Id): Promise<SurveyInvitation[]> {
  return (await http.get<{ data: SurveyInvitation[] }>(`/cases/${enc(caseId)}/survey-invitations`)).data ?? []
}

/** 409 `not_open` when answered or cancelled already. */
export function cancelInvitation(id: Id): Promise<SurveyInvitation> {
  return http.post<SurveyInvitation>(`/survey-invitations/${enc(id)}/cancel`, {})
}

/** 回访 by phone: 409 `answered`, 410 `expired` (also for a cancelled invitation). */
export function recordPhoneResponse(id: Id, input: PhoneResponseInput): Promise<{ id: Id; channel: 'phone' }> {
  return http.post<{ id: Id; channel: 'phone' }>(`/survey-invitations/${enc(id)}/phone-response`, input)
}

// ---- The public survey page (no login) --------------------------------------------------------

/** 404 unknown token, 409 `answered`, 410 `expired` (or cancelled). */
export function getPublicSurvey(token: string): Promise<PublicSurvey> {
  return http.get<PublicSurvey>(`/public/surveys/${enc(token)}`, undefined, { silent: true })
}

/** 422 names `answers.<code>`; 409 `answered`; 410 `expired`. */
export function submitPublicSurvey(token: string, input: PublicSurveyInput): Promise<{ received: boolean }> {
  return http.post<{ received: boolean }>(`/public/surveys/${enc(token)}`, input, { silent: true })
}

/** The QR code image of a token's page (for an `<img src>`). */
export function surveyQrUrl(token: string, format: 'png' | 'svg' = 'svg'): string {
  return `${API_BASE}/public/surveys/${enc(token)}/qr.${format}`
}

// ---- Results ----------------------------------------------------------------------------------

export function getSurveyResults(query: SurveyResultsQuery): Promise<SurveyResults> {
  return http.get<SurveyResults>('/survey-results', { project_id: query.project_id, organization_id: query.organization_id })
}

// ---- KPIs -------------------------------------------------------------------------------------

/** The query string of /kpis (and its export): empty values are left out. */
export function kpiQuery(q: KpiQuery): Query {
  const out: Query = { dimension: q.dimension, period: q.period, from: q.from, to: q.to }
  if (q.filter && q.filter.key !== '') {
    out[q.filter.name] = q.filter.key
  }
  return out
}

export function getKpis(q: KpiQuery = {}): Promise<KpiResult> {
  return http.get<KpiResult>('/kpis', kpiQuery(q))
}

/** The drill-down: the service records behind a figure. */
export function listKpiRecords(q: KpiRecordsQuery = {}): Promise<KpiRecords> {
  const query: Query = { period: q.period, page: q.page, per: q.per }
  if (q.filter && q.filter.key !== '') {
    query[q.filter.name] = q.filter.key
  }
  return http.get<KpiRecords>('/kpis/records', query)
}

/** The URL of a file export of the same query (a link: the browser downloads it with the session cookie). */
export function kpiExportUrl(q: KpiQuery, format: KpiExportFormat): string {
  return buildUrl('/kpis/export', { ...kpiQuery(q), format })
}
