// Types of the funded-projects API (项目, docs/projects.md): a project and its agreement, the
// indicators computed from case work, progress reports (进度报告), evaluations (评估),
// disbursements (拨付) with their ledgers, and budget execution (预算执行). Money is a yuan string
// with two decimals ("200000.00"); dates are `YYYY-MM-DD` (Asia/Shanghai).
// Field names follow the server (src/modules/projects/*_repository.cpp, monitoring_service.cpp)
// where docs/projects.md does not spell a shape out.
import type { BudgetCategory, Indicator, OrganizationRef, Reporting, TeamMember, Tranche, TrancheGate } from './roundTypes'
import type { Id } from './types'

export const PROJECT_STATES = ['agreement_pending', 'active', 'suspended', 'finished'] as const
export type ProjectState = (typeof PROJECT_STATES)[number]

// ---- Indicators -------------------------------------------------------------------------------

/** The computed keys of a figures object, in display order. */
export const FIGURE_KEYS = ['persons', 'households', 'person_times', 'services', 'service_hours', 'volunteer_hours', 'satisfaction_rate'] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

/** Figures of a month, of a whole project or of a report period; hours have two decimals. */
export interface IndicatorFigures {
  persons: number
  households: number
  person_times: number
  services: number
  service_hours: number
  volunteer_hours: number
  /** null until surveys exist. */
  satisfaction_rate: number | null
}

export interface IndicatorMonth extends IndicatorFigures {
  /** `YYYY-MM`. */
  month: string
}

/** One target of the application against what case work achieved. */
export interface IndicatorTarget {
  key: string
  /** A custom indicator's own name ('' for the contract's keys). */
  name: string
  unit: string
  target: number
  /** null for a custom indicator (never computed) and for satisfaction before surveys. */
  actual: number | null
  /** actual / target in percent with one decimal; null without an actual or a target. */
  percent: number | null
}

/** GET /projects/{id}/indicators. Persons and households are distinct per month and overall. */
export interface ProjectIndicators {
  total: IndicatorFigures
  months: IndicatorMonth[]
  /** Households counted once under each assistance category they hold; `none` without any. */
  households_by_category: Record<string, number>
  targets: IndicatorTarget[]
}

// ---- The project ------------------------------------------------------------------------------

export interface ProjectBudgetLine {
  id: Id
  position: number
  category: BudgetCategory
  item: string
  unit: string
  quantity: number
  unit_price_yuan: string
  amount_yuan: string
}

export interface Project {
  id: Id
  organization_id: Id
  organization: OrganizationRef
  round_id: Id
  round: { id: Id; title: string; reporting: Reporting }
  application_id: Id
  name: string
  sub_brand: string
  grant_yuan: string
  state: ProjectState
  agreement_signed_on: string | null
  starts_on: string | null
  ends_on: string | null
  /** The application's targets. */
  indicators: Indicator[]
  team: TeamMember[]
  /** The round's tranches. */
  tranches: Tranche[]
  /** GET /projects/{id} only. */
  budget_lines?: ProjectBudgetLine[]
  /** GET /projects/{id}: whether the caller holds rounds.manage. */
  can_manage?: boolean
  /** A list row: each target against its computed actual. */
  indicators_progress?: IndicatorTarget[]
  /** A list row: report periods overdue now. */
  overdue_reports?: number
  /** A list row: each tranche's latest disbursement state, up to the last tranche requested. */
  tranches_status?: (DisbursementState | 'none')[]
  version: number
  created_at?: string
  updated_at?: string
}

/** POST /projects/{id}/agreement: recorded once; `ends_on` after `starts_on`. */
export interface AgreementInput {
  signed_on: string
  starts_on: string
  ends_on: string
  version: number
}

// ---- Reports ----------------------------------------------------------------------------------

export const REPORT_STATES = ['submitted', 'accepted', 'returned'] as const
export type ReportState = (typeof REPORT_STATES)[number]

/** What a report froze when it was submitted: the period's own figures and the cumulative ones. */
export interface ReportFigures {
  period: IndicatorFigures
  cumulative: IndicatorFigures
  targets: IndicatorTarget[]
  computed_at: string
}

export interface Report {
  id: Id
  project_id: Id
  organization_id?: Id
  /** `YYYY-MM` or `YYYY-Qn`. */
  period: string
  period_start: string
  period_end: string
  state: ReportState
  narrative: string
  figures: ReportFigures | null
  submitted_at: string | null
  reviewed_at: string | null
  review_comment: string | null
}

/** One period of the schedule, with its report if one was submitted. */
export interface ReportPeriod {
  period: string
  period_start: string
  period_end: string
  /** 15 days after the period ends. */
  due_on: string
  /** Due and not reported (or returned and not yet resubmitted). */
  overdue: boolean
  report: Report | null
}

/** GET /reports/overdue: one row per overdue period of the projects the caller sees. */
export interface OverdueReport {
  project_id: Id
  project_name: string
  organization: OrganizationRef
  period: string
  due_on: string
}

export type ReportDecision = 'accept' | 'return'

// ---- Evaluations ------------------------------------------------------------------------------

export const EVALUATION_KINDS = ['midterm', 'final'] as const
export type EvaluationKind = (typeof EVALUATION_KINDS)[number]
export type EvaluationResult = 'pass' | 'fail'

export interface ChecklistItem {
  item: string
  passed: boolean
  note: string
}

export interface Evaluation {
  id: Id
  project_id: Id
  organization_id?: Id
  kind: EvaluationKind
  evaluator_id: Id | null
  evaluator_name: string | null
  /** `open` until filled in, then `done` (final). */
  state: 'open' | 'done'
  checklist: ChecklistItem[]
  score: number | null
  result: EvaluationResult | null
  comment: string | null
  opened_at: string
  done_at: string | null
}

/** A row of GET /evaluations/mine: an evaluation assigned to the caller, open ones first. */
export interface MyEvaluation {
  id: Id
  project_id: Id
  project_name: string
  organization_name: string
  kind: EvaluationKind
  state: 'open' | 'done'
  score: number | null
  result: EvaluationResult | null
  opened_at: string
  done_at: string | null
}

/** PUT /evaluations/{id}: a comment is required with a fail. */
export interface EvaluationInput {
  checklist: ChecklistItem[]
  score: number
  result: EvaluationResult
  comment: string
}

// ---- Disbursements ----------------------------------------------------------------------------

export const DISBURSEMENT_STATES = ['requested', 'approved', 'rejected', 'paid'] as const
export type DisbursementState = (typeof DISBURSEMENT_STATES)[number]

export interface Disbursement {
  id: Id
  project_id: Id
  organization_id?: Id
  project_name: string
  organization_name: string
  /** 1-based. */
  tranche: number
  percent: number
  gate: TrancheGate
  amount_yuan: string
  state: DisbursementState
  /** Why finance rejected it ('' otherwise). */
  reason: string
  requested_at: string
  approved_at: string | null
  paid_on: string | null
  reference: string
  paid_at: string | null
}

/** A tranche of the project's ledger with whether its gate is met and its live disbursement. */
export interface LedgerTranche {
  tranche: number
  percent: number
  gate: TrancheGate
  gate_met: boolean
  amount_yuan: string
  /** The latest disbursement that was not rejected, or null. */
  disbursement: Disbursement | null
}

/** GET /projects/{id}/ledger. */
export interface ProjectLedger {
  grant_yuan: string
  requested_yuan: string
  approved_yuan: string
  paid_yuan: string
  remaining_yuan: string
  tranches: LedgerTranche[]
  disbursements: Disbursement[]
}

export interface LedgerSums {
  grant_yuan: string
  requested_yuan: string
  approved_yuan: string
  paid_yuan: string
}

export interface RoundLedgerRow extends LedgerSums {
  project_id: Id
  name: string
  organization_name: string
}

/** GET /rounds/{id}/ledger (rounds.manage or disbursements.approve). */
export interface RoundLedger {
  data: RoundLedgerRow[]
  total: LedgerSums
}

// ---- Budget execution -------------------------------------------------------------------------

export interface Expense {
  id: Id
  budget_line_id: Id
  budget_line_item: string
  amount_yuan: string
  spent_on: string
  description: string
  created_by_name: string | null
  created_at: string
}

export interface ExpenseInput {
  budget_line_id: Id
  amount_yuan: string
  spent_on: string
  description: string
}

export interface BudgetExecutionLine {
  id: Id
  position: number
  category: BudgetCategory
  item: string
  amount_yuan: string
  spent_yuan: string
  remaining_yuan: string
  /** Spent above the line's amount. */
  overspent: boolean
}

/** GET /projects/{id}/budget. */
export interface BudgetExecution {
  data: BudgetExecutionLine[]
  total: { amount_yuan: string; spent_yuan: string; remaining_yuan: string }
}
