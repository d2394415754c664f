// Case work (docs/case-work.md): one typed function per endpoint.
import { buildUrl, http } from './http'
import type {
  Alert,
  Attachment,
  Assessment,
  AssessmentInput,
  AssessmentList,
  Case,
  CaseInput,
  CaseState,
  CaseSummary,
  Closing,
  ClosingInput,
  Consent,
  ConsentType,
  DuplicateMatch,
  FollowUp,
  Plan,
  PlanInput,
  Referral,
  ReferralInput,
  ReferralStatus,
  ServiceRecord,
  ServiceRecordInput,
  ServiceRecordList,
  ServiceType,
  StaffMember,
  TimelineEvent,
  WorkQueue,
} from './caseTypes'
import type { Id, ListResponse } from './types'

const enc = (id: Id) => encodeURIComponent(String(id))
const casePath = (id: Id, rest = '') => `/cases/${enc(id)}${rest}`

// ---- Staff ------------------------------------------------------------------------------------

/** Staff of the caller's organization (to pick worker, supervisor, responsible people). */
export function listStaff(): Promise<{ data: StaffMember[] }> {
  return http.get<{ data: StaffMember[] }>('/staff')
}

// ---- Cases ------------------------------------------------------------------------------------

export interface CaseQuery {
  state?: CaseState | ''
  /** Only the caller's cases (as worker or supervisor). */
  mine?: boolean
  household_id?: Id
  page?: number
  per?: number
}

/** Another organization's place in the referral picker. */
export interface ReferralTarget {
  id: Id
  name: string
  district_code: string
  district_name: string | null
}

/** Active organizations a case may be referred to (never the caller's own), by part of the name. */
export function listReferralTargets(q = ''): Promise<{ data: ReferralTarget[] }> {
  return http.get<{ data: ReferralTarget[] }>('/referral-targets', { q })
}

export function listCases(query: CaseQuery = {}): Promise<ListResponse<CaseSummary>> {
  const { mine, ...rest } = query
  return http.get<ListResponse<CaseSummary>>('/cases', { ...rest, mine: mine ? 'true' : undefined })
}

/** 409 `open_case_exists` when the household already has an open case here. */
export function createCase(input: CaseInput): Promise<Case> {
  return http.post<Case>('/cases', input)
}

/** `purpose` is required of foundation staff (`cases.inspect`); the view is audited. */
export function getCase(id: Id, purpose?: string): Promise<Case> {
  return http.get<Case>(casePath(id), { purpose })
}

export function getTimeline(id: Id): Promise<{ data: TimelineEvent[] }> {
  return http.get<{ data: TimelineEvent[] }>(casePath(id, '/timeline'))
}

/** A generic move; 409 `invalid_transition` / `assessment_required`. */
export function transitionCase(id: Id, to: CaseState, reason?: string): Promise<Case> {
  const body: { to: CaseState; reason?: string } = { to }
  if (reason) {
    body.reason = reason
  }
  return http.post<Case>(casePath(id, '/transitions'), body)
}

// ---- Assessments ------------------------------------------------------------------------------

export function createAssessment(caseId: Id, input: AssessmentInput): Promise<Assessment> {
  return http.post<Assessment>(casePath(caseId, '/assessments'), input)
}

export function listAssessments(caseId: Id): Promise<AssessmentList> {
  return http.get<AssessmentList>(casePath(caseId, '/assessments'))
}

// ---- Plan -------------------------------------------------------------------------------------

export function savePlan(caseId: Id, input: PlanInput): Promise<Plan> {
  return http.put<Plan>(casePath(caseId, '/plan'), input)
}

export function submitPlan(caseId: Id): Promise<Case> {
  return http.post<Case>(casePath(caseId, '/plan/submit'))
}

export type PlanDecision = 'approve' | 'return'

/** Supervisor only; a comment is required to return. */
export function decidePlan(caseId: Id, decision: PlanDecision, comment: string): Promise<Case> {
  return http.post<Case>(casePath(caseId, '/plan/decision'), { decision, comment })
}

export function listPlans(caseId: Id): Promise<{ data: Plan[] }> {
  return http.get<{ data: Plan[] }>(casePath(caseId, '/plans'))
}

// ---- Service records --------------------------------------------------------------------------

export function createServiceRecord(caseId: Id, input: ServiceRecordInput): Promise<ServiceRecord> {
  return http.post<ServiceRecord>(casePath(caseId, '/service-records'), input)
}

export function listServiceRecords(caseId: Id, query: { page?: number; per?: number } = {}): Promise<ServiceRecordList> {
  return http.get<ServiceRecordList>(casePath(caseId, '/service-records'), { ...query })
}

/** The catalogue of service types, as `{code, name}` whatever form the server uses. */
export async function listServiceTypes(): Promise<ServiceType[]> {
  const res = await http.get<{ data: (ServiceType | string | { key?: string; label?: string })[] }>('/service-types')
  return normalizeServiceTypes(res?.data ?? [])
}

export function normalizeServiceTypes(raw: readonly unknown[]): ServiceType[] {
  const out: ServiceType[] = []
  for (const item of raw) {
    if (typeof item === 'string') {
      out.push({ code: item, name: item })
    } else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>
      const code = String(o.code ?? o.key ?? o.id ?? '')
      if (code) {
        const entry: ServiceType = { code, name: String(o.name ?? o.label ?? o.name_zh ?? code) }
        for (const key of ['name_zh', 'name_en'] as const) {
          const v = o[key]
          if (typeof v === 'string' && v) {
            entry[key] = v
          }
        }
        out.push(entry)
      }
    }
  }
  return out
}

// ---- Alerts and the work queue ----------------------------------------------------------------

export function listAlerts(open = true): Promise<{ data: Alert[] }> {
  return http.get<{ data: Alert[] }>('/alerts', { open: open ? 'true' : undefined })
}

export function acknowledgeAlert(id: Id, note?: string): Promise<Alert> {
  return http.post<Alert>(`/alerts/${enc(id)}/acknowledge`, note ? { note } : {})
}

export function getWorkQueue(): Promise<WorkQueue> {
  return http.get<WorkQueue>('/work-queue')
}

// ---- Referrals --------------------------------------------------------------------------------

/** To another organization it needs the primary person's data-sharing consent (409 `consent_required`). */
export function createReferral(caseId: Id, input: ReferralInput): Promise<Referral> {
  return http.post<Referral>(casePath(caseId, '/referrals'), input)
}

export interface ReferralQuery {
  direction?: 'incoming' | 'outgoing'
  status?: ReferralStatus | ''
  /** Assumed filter (beyond the contract): referrals of one case. */
  case_id?: Id
  page?: number
  per?: number
}

export function listReferrals(query: ReferralQuery = {}): Promise<ListResponse<Referral>> {
  return http.get<ListResponse<Referral>>('/referrals', { ...query })
}

/** By the receiving organization; a reason is required to decline. */
export function decideReferral(id: Id, decision: 'accept' | 'decline', reason: string): Promise<Referral> {
  return http.post<Referral>(`/referrals/${enc(id)}/decision`, { decision, reason })
}

export function recordReferralOutcome(id: Id, outcome: string): Promise<Referral> {
  return http.post<Referral>(`/referrals/${enc(id)}/outcome`, { outcome })
}

// ---- Closing and follow-up --------------------------------------------------------------------

export function saveClosing(caseId: Id, input: ClosingInput): Promise<Closing> {
  return http.post<Closing>(casePath(caseId, '/closing'), input)
}

/** Supervisor; 409 `assessment_required` without a closing assessment. */
export function signOffClosing(caseId: Id): Promise<Case> {
  return http.post<Case>(casePath(caseId, '/closing/sign-off'))
}

export function recordFollowUp(caseId: Id, followUpId: Id, input: { done_on: string; note: string }): Promise<FollowUp> {
  return http.post<FollowUp>(casePath(caseId, `/follow-ups/${enc(followUpId)}`), input)
}

// ---- Consent and the duplicate check ----------------------------------------------------------

export function listConsents(personId: Id): Promise<{ data: Consent[] }> {
  return http.get<{ data: Consent[] }>(`/persons/${enc(personId)}/consents`)
}

export function addConsent(personId: Id, input: { type: ConsentType; given_on: string; note?: string }): Promise<Consent> {
  return http.post<Consent>(`/persons/${enc(personId)}/consents`, input)
}

export function withdrawConsent(id: Id, input: { withdrawn_on: string; reason: string }): Promise<Consent> {
  return http.post<Consent>(`/consents/${enc(id)}/withdraw`, input)
}

export type DuplicateQuery = { id_number: string } | { name: string; birth_date: string; street_code: string }

export function duplicateCheck(query: DuplicateQuery): Promise<{ data: DuplicateMatch[] }> {
  return http.get<{ data: DuplicateMatch[] }>('/duplicate-check', { ...query })
}

// ---- Attachments ------------------------------------------------------------------------------

export interface AttachmentUpload {
  /** The file's bytes, sent as the request body. */
  data: Blob | ArrayBuffer
  filename: string
  contentType: string
  serviceRecordId?: Id | null
}

/** Up to 20 MB (413 above); 422 `content_type` when the content is not an accepted or the declared type. */
export function uploadAttachment(caseId: Id, upload: AttachmentUpload, signal?: AbortSignal): Promise<Attachment> {
  return http.postRaw<Attachment>(
    casePath(caseId, '/attachments'),
    { data: upload.data, contentType: upload.contentType },
    { query: { filename: upload.filename, service_record_id: upload.serviceRecordId ?? undefined }, signal },
  )
}

export function listAttachments(caseId: Id): Promise<{ data: Attachment[] }> {
  return http.get<{ data: Attachment[] }>(casePath(caseId, '/attachments'))
}

/** Where the browser downloads an attachment (the session cookie goes along; same origin). */
export function attachmentUrl(id: Id): string {
  return buildUrl(`/attachments/${enc(id)}`)
}
