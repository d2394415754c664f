// Types of the funding-rounds API (项目创投, docs/rounds.md): rounds and their terms, applications
// (申报), screening, reviewers and scores (评审), results and decisions, objections and the public
// notice (公示). Money is always a yuan string with two decimals ("200000.00").
// The round itself is in openapi.yaml; the answers of the rest follow the server
// (src/modules/rounds/*_repository.cpp, review_service.cpp) as docs/rounds.md does not spell them out.
import type { Id, OrgType } from './types'

export const ROUND_STATES = ['draft', 'open', 'closed', 'notice', 'decided', 'running', 'finished'] as const
export type RoundState = (typeof ROUND_STATES)[number]

export const TARGET_GROUPS = ['children', 'elderly', 'serious_illness', 'disabled', 'women', 'policy_edge', 'other'] as const
export type TargetGroup = (typeof TARGET_GROUPS)[number]

/** Ratings an eligibility rule may ask for (an organization may also be unrated). */
export const ELIGIBLE_RATINGS = ['1A', '2A', '3A', '4A', '5A'] as const

export const RUBRIC_SCALES = ['ten', 'weight'] as const
/** `ten`: scored 0–10 and weighted; `weight`: scored 0–weight directly. */
export type RubricScale = (typeof RUBRIC_SCALES)[number]

export const TRANCHE_GATES = ['agreement_signed', 'midterm_passed', 'final_passed'] as const
export type TrancheGate = (typeof TRANCHE_GATES)[number]

export const REPORTING = ['monthly', 'quarterly'] as const
export type Reporting = (typeof REPORTING)[number]

export interface RubricCriterion {
  key: string
  name: string
  weight: number
  scale: RubricScale
}

export interface Tranche {
  percent: number
  gate: TrancheGate
}

/** An empty list places no limit. */
export interface Eligibility {
  org_types: OrgType[]
  ratings: string[]
  target_groups: TargetGroup[]
  /** District codes. */
  districts: string[]
}

/** POST /rounds; PUT /rounds/{id} sends the same plus `version`. */
export interface RoundInput {
  title: string
  theme: string
  /** Markdown, up to 20,000 characters. */
  guidelines: string
  total_budget_yuan: string
  min_grant_yuan: string
  max_grant_yuan: string
  eligibility: Eligibility
  /** Asia/Shanghai local time `YYYY-MM-DDTHH:MM`. */
  opens_at: string
  closes_at: string
  rubric: RubricCriterion[]
  tranches: Tranche[]
  min_reviewers: number
  notice_days: number
  reporting: Reporting
}

export interface RoundEvent {
  id?: Id
  from_state: string | null
  to_state: string
  reason: string
  actor_name: string | null
  at: string
}

export interface Round extends RoundInput {
  id: Id
  state: RoundState
  version: number
  /** Whether the caller holds rounds.manage (GET /rounds/{id}). */
  can_manage?: boolean
  /** `YYYY-MM-DD` the 公示 began (Asia/Shanghai), from notice on. */
  notice_started_on?: string | null
  events?: RoundEvent[]
  created_at?: string
  updated_at?: string
}

// ---- Applications -----------------------------------------------------------------------------

export const APPLICATION_STATES = ['draft', 'submitted', 'eligible', 'ineligible', 'proposed', 'funded', 'not_funded'] as const
export type ApplicationState = (typeof APPLICATION_STATES)[number]

export const TEAM_ROLES = ['social_worker', 'community_adviser', 'volunteer', 'professional'] as const
export type TeamRole = (typeof TEAM_ROLES)[number]

export const BUDGET_CATEGORIES = ['personnel', 'activity', 'material', 'admin', 'other'] as const
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number]

/** Indicator keys of the contract; `custom` carries its own name and unit. */
export const INDICATOR_KEYS = [
  'persons',
  'households',
  'person_times',
  'services',
  'service_hours',
  'volunteer_hours',
  'satisfaction_rate',
  'custom',
] as const
export type IndicatorKey = (typeof INDICATOR_KEYS)[number]

export interface Activity {
  /** `YYYY-MM`. */
  month: string
  activity: string
}

export interface TeamMember {
  role: TeamRole
  name: string
  count: number
}

export interface BudgetLineInput {
  category: BudgetCategory
  item: string
  unit: string
  quantity: number
  unit_price_yuan: string
}

/** A line as the server returns it, with its computed amount. */
export interface BudgetLine extends BudgetLineInput {
  amount_yuan?: string
}

export interface Indicator {
  key: IndicatorKey
  target: number
  name?: string
  unit?: string
}

/** The body of PUT /applications/{id} (every field optional in a draft) plus `version`. */
export interface ApplicationInput {
  project_name?: string
  sub_brand?: string
  summary?: string
  need_analysis?: string
  objectives?: string
  risks?: string
  target_groups?: TargetGroup[]
  districts?: string[]
  streets?: string[]
  activities?: Activity[]
  team?: TeamMember[]
  budget_lines?: BudgetLineInput[]
  indicators?: Indicator[]
}

export type ScreeningResult = 'pass' | 'fail'

/** A review assignment's state: scoring, done, or withdrawn for a declared conflict. */
export type AssignmentStatus = 'assigned' | 'submitted' | 'conflict'

export interface OrganizationRef {
  id: Id
  name: string
}

/**
 * An application: its document (the body fields, budget lines with their `amount_yuan`, the
 * computed `requested_yuan`) and the server's record of it. A list row leaves out the long texts
 * and the lists.
 */
export interface Application {
  id: Id
  round_id: Id
  organization_id: Id
  organization?: OrganizationRef
  state: ApplicationState
  version: number
  project_name: string
  sub_brand: string
  summary: string
  need_analysis: string
  objectives: string
  risks: string
  target_groups: TargetGroup[]
  districts: string[]
  streets: string[]
  activities: Activity[]
  team: TeamMember[]
  budget_lines: BudgetLine[]
  indicators: Indicator[]
  requested_yuan?: string
  /** Why screening failed ('' when it passed or has not happened). */
  screening_reason?: string
  screened_at?: string | null
  /** The proposed (later funded) amount; null when none. */
  granted_yuan?: string | null
  decision_note?: string
  decided_at?: string | null
  /** Reviewers assigned (a declared conflict does not count) and reviews submitted. */
  reviewers_assigned?: number
  reviews_submitted?: number
  /** In a reviewer's list: the caller's own assignment state and weighted total (null until scored). */
  my_review_state?: AssignmentStatus | null
  my_review_total?: number | null
  submitted_at?: string | null
  created_at?: string
  updated_at?: string
}

// ---- Review -----------------------------------------------------------------------------------

export interface ReviewScore {
  key: string
  score: number | null
  comment: string
}

/**
 * One reviewer's assignment on an application with their scores: what GET/PUT
 * /applications/{id}/review return for the caller (with the round's `rubric`), and what the
 * foundation lists.
 */
export interface ReviewAssignment {
  id?: Id
  application_id?: Id
  reviewer_id: Id
  reviewer_name?: string | null
  state: AssignmentStatus
  conflict_reason?: string
  scores: ReviewScore[]
  comment: string
  /** The weighted total out of 100 (two decimals); null until scored. */
  total?: number | null
  rubric?: RubricCriterion[]
  assigned_at?: string
  submitted_at?: string | null
}

/** The reviewer's form: their scores in rubric order. */
export interface ReviewForm {
  scores: ReviewScore[]
  comment: string
  submitted: boolean
}

export interface ReviewInput {
  scores: ReviewScore[]
  comment: string
  submit: boolean
}

export interface ReviewStats {
  count: number
  mean: number | null
  trimmed_mean?: number | null
  spread?: number | null
  spread_flag?: boolean
}

/**
 * GET /applications/{id}/reviews: for the foundation the aggregate and every assignment; for a
 * reviewer who submitted, `{count, mean}` only.
 */
export interface ReviewList {
  aggregate: ReviewStats
  data?: ReviewAssignment[]
}

/** POST/DELETE /applications/{id}/reviewers answer with the assignments now. */
export interface AssignmentList {
  data: ReviewAssignment[]
}

/** One application in the ranking. */
export interface ResultRow {
  id: Id
  project_name: string
  sub_brand?: string
  organization?: OrganizationRef
  state: ApplicationState
  requested_yuan: string
  granted_yuan: string | null
  reviewers_assigned?: number
  /** Each submitted review's total, highest first. */
  totals: number[]
  count: number
  mean: number | null
  /** Set with five or more reviews (highest and lowest dropped). */
  trimmed_mean: number | null
  spread: number | null
  spread_flag: boolean
  /** Null while the application has no submitted review. */
  rank: number | null
}

export interface ResultsBudget {
  total_yuan: string
  proposed_yuan: string
  remaining_yuan: string
}

/** GET /rounds/{id}/results, ranked by trimmed mean (else mean). */
export interface Results {
  round?: { id: Id; title: string; state: RoundState; min_reviewers: number }
  budget: ResultsBudget
  data: ResultRow[]
}

export interface DecisionInput {
  fund: boolean
  amount_yuan?: string
  note: string
}

// ---- 公示 -------------------------------------------------------------------------------------

export type ObjectionState = 'open' | 'upheld' | 'dismissed'

export interface Objection {
  id: Id
  application_id: Id
  project_name?: string
  organization_name?: string
  source: string
  content: string
  state: ObjectionState
  resolution?: string
  recorded_at?: string
  recorded_by_name?: string | null
  resolved_at?: string | null
}

export interface ObjectionInput {
  application_id: Id
  source: string
  content: string
}

export interface NoticeProject {
  application_id?: Id
  project_name: string
  sub_brand?: string
  organization_name: string
  amount_yuan: string
}

/** GET /public/rounds/{id}/notice (no login): the round, its notice period and the projects. */
export interface PublicNotice {
  round: {
    id: Id
    title: string
    theme?: string
    state: RoundState
    /** `YYYY-MM-DD` (Asia/Shanghai). */
    notice_started_on: string
    notice_ends_on: string
  }
  data: NoticeProject[]
}
