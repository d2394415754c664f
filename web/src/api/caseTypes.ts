// Types of the case-work API (docs/case-work.md): cases, assessments, plans, service records,
// alerts, the work queue, referrals, closing and follow-up, consents and the duplicate check.
// Fields the contract does not spell out (Alert, Referral, Closing, FollowUp, Consent, …) are
// marked "assumed" and optional where the screens can do without them.
import type { Id, ListMetadata, Person } from './types'

export const CASE_STATES = [
  'referred',
  'intake',
  'assessing',
  'planning',
  'plan_pending_approval',
  'in_service',
  'suspended',
  'closing',
  'closed',
  'follow_up',
  'rejected',
  'transferred',
] as const
export type CaseState = (typeof CASE_STATES)[number]

export const REFERRAL_SOURCES = [
  'self',
  'neighbourhood_committee',
  'community_adviser',
  'street_office',
  'civil_affairs',
  'other_organization',
] as const
export type ReferralSource = (typeof REFERRAL_SOURCES)[number]

export const URGENCIES = ['normal', 'urgent', 'crisis'] as const
export type Urgency = (typeof URGENCIES)[number]

export const ASSESSMENT_KINDS = ['initial', 'midterm', 'closing'] as const
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number]

export const LEVELS = ['individual', 'interpersonal', 'environment'] as const
export type DomainLevel = (typeof LEVELS)[number]

/** The 11 assessment domains, grouped by level, in display (and sending) order. */
export const DOMAINS_BY_LEVEL: Readonly<Record<DomainLevel, readonly string[]>> = {
  individual: ['health', 'mental_health', 'care_needs', 'education', 'employment'],
  interpersonal: ['family_relations', 'guardianship', 'social_support'],
  environment: ['economy', 'housing', 'safety_risk'],
}
export const DOMAINS = [
  'health',
  'mental_health',
  'care_needs',
  'education',
  'employment',
  'family_relations',
  'guardianship',
  'social_support',
  'economy',
  'housing',
  'safety_risk',
] as const
export type Domain = (typeof DOMAINS)[number]

/** 1 = severe difficulty … 5 = no difficulty. */
export const SCORES = [1, 2, 3, 4, 5] as const

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export const SERVICE_MODES = ['home_visit', 'phone', 'centre', 'online', 'group_activity'] as const
export type ServiceMode = (typeof SERVICE_MODES)[number]

export const SERVICE_TYPES = [
  'material_aid',
  'psychological_support',
  'crisis_intervention',
  'life_care',
  'tutoring',
  'employment_help',
  'health_rehabilitation',
  'social_integration',
  'resource_linking',
  'other',
] as const

export const CLOSING_REASONS = [
  'goals_met',
  'client_request',
  'transferred',
  'moved_away',
  'died',
  'lost_contact',
  'no_longer_eligible',
] as const
export type ClosingReason = (typeof CLOSING_REASONS)[number]

export const ATTAINMENTS = ['achieved', 'partly', 'not_achieved'] as const
export type Attainment = (typeof ATTAINMENTS)[number]

export const CONSENT_TYPES = ['service', 'data_sharing', 'story_publication'] as const
export type ConsentType = (typeof CONSENT_TYPES)[number]

export const REFERRAL_MODES = ['share', 'transfer'] as const
export type ReferralMode = (typeof REFERRAL_MODES)[number]

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'completed'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

export const TIMELINE_KINDS = [
  'state_change',
  'assessment',
  'plan_version',
  'plan_decision',
  'service_record',
  'referral',
  'alert',
  'alert_ack',
  'closing',
  'follow_up',
  'attachment',
  // Beyond the contract's list: the server records consents on the timeline too.
  'consent',
] as const

/** `{id, name}` of a staff member as cases carry them. */
export interface PersonRef {
  id: Id
  name: string
}

/** `GET /staff`: the staff of the caller's organization. */
export interface StaffMember {
  id: Id
  name: string
  roles: string[]
}

export interface CaseSummary {
  id: Id
  case_number: string
  organization_id: Id
  organization_name: string
  household_id: Id
  household_label: string
  street_name: string
  state: CaseState
  urgency: Urgency
  risk_level: RiskLevel | null
  referral_source: ReferralSource
  presenting_problem: string
  social_worker: PersonRef | null
  supervisor: PersonRef | null
  project_id: Id | null
  opened_on: string
  closed_on: string | null
  updated_at: string
  version: number
}

/** The household as a case shows it (masked), with its members. */
export interface CaseHousehold {
  id: Id
  district_name?: string
  street_name?: string
  community?: string
  address_detail?: string
  members: Person[]
}

export interface AssessmentScore {
  domain: Domain
  score: number
  evidence?: string
  strengths?: string
}

export interface Assessment {
  id: Id
  kind: AssessmentKind
  assessed_on: string
  scores: AssessmentScore[]
  risk_level: RiskLevel
  summary?: string
  /** Assumed: who recorded it. */
  assessor?: PersonRef | null
  created_at?: string
}

export interface AssessmentInput {
  kind: AssessmentKind
  assessed_on: string
  scores: AssessmentScore[]
  risk_level: RiskLevel
  summary?: string
}

export interface DomainChange {
  level: DomainLevel
  first: number | null
  latest: number | null
  delta: number | null
}

export interface LevelChange {
  first: number | null
  latest: number | null
  delta: number | null
}

export interface AssessmentList {
  data: Assessment[]
  change?: Partial<Record<string, DomainChange>>
  levels?: Partial<Record<DomainLevel, LevelChange>>
}

export interface PlanGoal {
  key?: string
  title: string
  indicator: string
  target_date: string
}

export interface PlanIntervention {
  description: string
  goal_index?: number | null
  responsible_user_id?: Id | null
  responsible_name?: string | null
}

export interface PlanResource {
  name: string
  note?: string
}

export interface PlanInput {
  goals: PlanGoal[]
  interventions: PlanIntervention[]
  resources: PlanResource[]
}

export interface Plan extends PlanInput {
  id: Id
  version: number
  status: PlanStatus
  submitted_at: string | null
  /** `{id, name}`, a bare name, or an id with `decided_by_name`. */
  decided_by: PersonRef | string | Id | null
  decided_by_name?: string | null
  decided_at: string | null
  decision_comment: string | null
  created_at: string
}

export interface ServiceRecordInput {
  served_on: string
  start_time?: string
  duration_minutes: number
  mode: ServiceMode
  service_type: string
  participant_ids: Id[]
  staff_ids: Id[]
  content: string
  outcome?: string
  next_step?: string
  crisis?: boolean
}

export interface ServiceRecord extends ServiceRecordInput {
  id: Id
  /** Assumed: participants and staff with names, for the list. */
  participants?: PersonRef[]
  staff?: PersonRef[]
  /** Assumed: who wrote it. */
  recorded_by?: PersonRef | null
  created_at?: string
}

export interface ServiceRecordMetadata extends ListMetadata {
  person_times: number
  minutes: number
}

export interface ServiceRecordList {
  data: ServiceRecord[]
  metadata: ServiceRecordMetadata
}

/**
 * An entry of `GET /service-types`. The server sends `{code, name_zh, name_en, active}`; `name` is
 * the Chinese name (or whatever name the entry carried), and the two names are kept when sent so a
 * view can show the one of the current locale. A bare code string is accepted.
 */
export interface ServiceType {
  code: string
  name: string
  name_zh?: string
  name_en?: string
}

/** Assumed shape: the contract names alerts but not their fields. */
export interface Alert {
  id: Id
  case_id: Id
  case_number?: string
  household_label?: string
  /** `risk` (an assessment at high/critical) or `crisis` (a crisis service record). */
  kind?: string
  risk_level?: RiskLevel | null
  /** The server's name for the risk level of an alert. */
  level?: RiskLevel | string | null
  summary?: string
  message?: string
  raised_at?: string
  created_at?: string
  acknowledged_at?: string | null
  acknowledged_by?: PersonRef | null
  note?: string | null
}

/** Assumed shape: the contract names referrals' inputs and statuses, not the record. */
export interface Referral {
  id: Id
  case_id: Id
  case_number?: string
  household_label?: string
  from_organization_id?: Id
  from_organization_name?: string
  to_organization_id?: Id | null
  to_organization_name?: string | null
  external_resource?: string | null
  /** `external` for a referral to an external resource (the server's value). */
  mode?: ReferralMode | 'external' | null
  reason: string
  status: ReferralStatus
  decision_reason?: string | null
  outcome?: string | null
  created_at?: string
  decided_at?: string | null
}

export type ReferralInput =
  | { to_organization_id: Id; mode: ReferralMode; reason: string }
  | { external_resource: string; reason: string }

export interface ClosingGoalAttainment {
  goal_key: string
  attainment: Attainment
}

export interface ClosingInput {
  reason: ClosingReason
  summary: string
  goal_attainment: ClosingGoalAttainment[]
}

/** Assumed: the input plus sign-off fields. */
export interface Closing extends ClosingInput {
  id?: Id
  status?: 'draft' | 'signed'
  signed_by?: PersonRef | string | null
  signed_at?: string | null
  /** The server's names for the sign-off. */
  signed_off_by?: Id | null
  signed_off_by_name?: string | null
  signed_off_at?: string | null
  created_at?: string
}

/** Assumed shape. */
export interface FollowUp {
  id: Id
  due_on: string
  done_on: string | null
  note: string | null
  done_by?: PersonRef | null
}

/** A file of a case (POST /cases/{id}/attachments). */
export interface Attachment {
  id: Id
  case_id: Id
  service_record_id: Id | null
  filename: string
  /** As the server decided it from the content. */
  content_type: string
  size_bytes: number
  sha256: string
  uploaded_by_name: string | null
  created_at: string
}

export interface TimelineEvent {
  id: Id
  kind: string
  at: string
  actor: PersonRef | null
  from_state: CaseState | null
  to_state: CaseState | null
  reason: string | null
  ref_id: Id | null
  summary: string | null
}

export interface Case extends CaseSummary {
  /** Assumed names of the intake fields the summary leaves out. */
  primary_person_id?: Id | null
  referral_note?: string | null
  household: CaseHousehold | null
  /** Target states (assumed: strings; `{to}` objects are accepted too). */
  allowed_transitions: (CaseState | { to: CaseState })[]
  plan: Plan | null
  assessments: Assessment[]
  open_alerts: Alert[]
  closing: Closing | null
  follow_ups: FollowUp[]
  /** The contract's team; the summary's social_worker and supervisor serve when it is absent. */
  team?: { social_worker: PersonRef | null; supervisor: PersonRef | null }
  /** Sent by the server beyond the contract: the case's outgoing referrals. */
  referrals?: Referral[]
}

export interface CaseInput {
  household_id: Id
  primary_person_id?: Id
  referral_source: ReferralSource
  referral_note?: string
  presenting_problem: string
  urgency: Urgency
  social_worker_id: Id
  supervisor_id: Id
  project_id?: Id
  consent_given_on?: string
}

export interface WorkQueue {
  cases_by_state: Partial<Record<CaseState, number>>
  recent: CaseSummary[]
  alerts: Alert[]
  plans_awaiting_approval: CaseSummary[]
  closings_awaiting_sign_off: CaseSummary[]
  follow_ups_due: { case: CaseSummary; follow_up: FollowUp }[]
  assessments_due: CaseSummary[]
  referrals_incoming: Referral[]
}

/** Assumed shape. */
export interface Consent {
  id: Id
  person_id: Id
  type: ConsentType
  given_on: string
  note?: string | null
  withdrawn_on?: string | null
  withdrawn_reason?: string | null
  created_at?: string
}

export interface DuplicateMatch {
  organization_id: Id
  organization_name: string
  same_organization: boolean
  cases: { state: CaseState }[]
  person_id?: Id
  household_id?: Id
}
