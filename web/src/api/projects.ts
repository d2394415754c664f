// Funded projects (docs/projects.md): one typed function per endpoint.
import { http } from './http'
import type {
  AgreementInput,
  BudgetExecution,
  Disbursement,
  DisbursementState,
  Evaluation,
  EvaluationInput,
  EvaluationKind,
  MyEvaluation,
  Expense,
  ExpenseInput,
  OverdueReport,
  Project,
  ProjectIndicators,
  ProjectLedger,
  Report,
  ReportDecision,
  ReportPeriod,
  RoundLedger,
} from './projectTypes'
import type { Id, ListResponse } from './types'

const enc = (id: Id) => encodeURIComponent(String(id))
const projectPath = (id: Id, rest = '') => `/projects/${enc(id)}${rest}`

// ---- Projects ---------------------------------------------------------------------------------

export interface ProjectQuery {
  round_id?: Id | null
  page?: number
  per?: number
}

/** Every project for platform readers, the organization's own for its staff; rows carry `indicators_progress`. */
export function listProjects(query: ProjectQuery = {}): Promise<ListResponse<Project>> {
  return http.get<ListResponse<Project>>('/projects', { round_id: query.round_id ?? undefined, page: query.page, per: query.per })
}

/** With its budget lines and `can_manage`; 404 outside the caller's organization. */
export function getProject(id: Id): Promise<Project> {
  return http.get<Project>(projectPath(id))
}

/** Computed from the project's service records, never typed in. */
export function getIndicators(id: Id): Promise<ProjectIndicators> {
  return http.get<ProjectIndicators>(projectPath(id, '/indicators'))
}

/** Once (409 `agreement_signed` afterwards; a stale version is 409 `version_conflict`); answers with the project. */
export function recordAgreement(id: Id, input: AgreementInput): Promise<Project> {
  return http.post<Project>(projectPath(id, '/agreement'), input)
}

// ---- Reports ----------------------------------------------------------------------------------

/** The schedule: one period each month or quarter of the project period, with its report. */
export async function listReports(projectId: Id): Promise<ReportPeriod[]> {
  return (await http.get<{ data: ReportPeriod[] }>(projectPath(projectId, '/reports'))).data ?? []
}

/**
 * Submits the report of an ended period, freezing its figures (409 `report_exists`; 422
 * `period: not_due` before the period ended).
 */
export function submitReport(projectId: Id, period: string, narrative: string): Promise<Report> {
  return http.post<Report>(projectPath(projectId, '/reports'), { period, narrative })
}

/** Resubmits a returned report with its figures frozen again (409 `report_locked` otherwise). */
export function resubmitReport(reportId: Id, narrative: string): Promise<Report> {
  return http.put<Report>(`/reports/${enc(reportId)}`, { narrative })
}

/** Accepts or returns a submitted report (a return needs the comment; 409 `not_submitted`). */
export function reviewReport(reportId: Id, decision: ReportDecision, comment: string): Promise<Report> {
  return http.post<Report>(`/reports/${enc(reportId)}/review`, { decision, comment })
}

/** The overdue periods of the projects the caller sees. */
export async function listOverdueReports(): Promise<OverdueReport[]> {
  return (await http.get<{ data: OverdueReport[] }>('/reports/overdue')).data ?? []
}

// ---- Evaluations ------------------------------------------------------------------------------

export async function listEvaluations(projectId: Id): Promise<Evaluation[]> {
  return (await http.get<{ data: Evaluation[] }>(projectPath(projectId, '/evaluations'))).data ?? []
}

/** The evaluations assigned to the calling evaluator (a reviewer), who reads their projects without projects.read. */
export async function listMyEvaluations(): Promise<MyEvaluation[]> {
  return (await http.get<{ data: MyEvaluation[] }>('/evaluations/mine')).data ?? []
}

/** One of each kind (409 `evaluation_exists`), optionally assigned to a reviewer-role user. */
export function openEvaluation(projectId: Id, kind: EvaluationKind, evaluatorId?: Id | null): Promise<Evaluation> {
  const body: { kind: EvaluationKind; evaluator_id?: Id } = { kind }
  if (evaluatorId !== undefined && evaluatorId !== null && evaluatorId !== '') {
    body.evaluator_id = evaluatorId
  }
  return http.post<Evaluation>(projectPath(projectId, '/evaluations'), body)
}

/** Final (409 `evaluation_done` afterwards): a fail suspends the project, a pass opens its gated tranche. */
export function completeEvaluation(id: Id, input: EvaluationInput): Promise<Evaluation> {
  return http.put<Evaluation>(`/evaluations/${enc(id)}`, input)
}

// ---- Disbursements ----------------------------------------------------------------------------

/**
 * Requests tranche `tranche` (1-based) at its share of the grant, or `amountYuan` (409
 * `already_requested`; 422 `amount_yuan: over_grant`).
 */
export function requestTranche(projectId: Id, tranche: number, amountYuan?: string): Promise<Disbursement> {
  const body: { tranche: number; amount_yuan?: string } = { tranche }
  if (amountYuan) {
    body.amount_yuan = amountYuan
  }
  return http.post<Disbursement>(projectPath(projectId, '/disbursements'), body)
}

/** 409 `gate_not_met` while the tranche's gate is not met or the project is suspended. */
export function approveDisbursement(id: Id): Promise<Disbursement> {
  return http.post<Disbursement>(`/disbursements/${enc(id)}/approve`, {})
}

export function rejectDisbursement(id: Id, reason: string): Promise<Disbursement> {
  return http.post<Disbursement>(`/disbursements/${enc(id)}/reject`, { reason })
}

/** After approval only (409 `not_approved`); `paid_on` not in the future. */
export function payDisbursement(id: Id, paidOn: string, reference: string): Promise<Disbursement> {
  return http.post<Disbursement>(`/disbursements/${enc(id)}/pay`, { paid_on: paidOn, reference })
}

/** The finance queue, oldest request first; every state when `state` is empty. */
export async function listDisbursements(state: DisbursementState | '' = ''): Promise<Disbursement[]> {
  return (await http.get<{ data: Disbursement[] }>('/disbursements', { state })).data ?? []
}

export function getProjectLedger(projectId: Id): Promise<ProjectLedger> {
  return http.get<ProjectLedger>(projectPath(projectId, '/ledger'))
}

export function getRoundLedger(roundId: Id): Promise<RoundLedger> {
  return http.get<RoundLedger>(`/rounds/${enc(roundId)}/ledger`)
}

// ---- Budget execution -------------------------------------------------------------------------

export async function listExpenses(projectId: Id): Promise<Expense[]> {
  return (await http.get<{ data: Expense[] }>(projectPath(projectId, '/expenses'))).data ?? []
}

/** Answers with the new expense's id. */
export function addExpense(projectId: Id, input: ExpenseInput): Promise<{ id: Id }> {
  return http.post<{ id: Id }>(projectPath(projectId, '/expenses'), input)
}

/** Each budget line with what was spent, what remains and whether it is overspent. */
export function getBudget(projectId: Id): Promise<BudgetExecution> {
  return http.get<BudgetExecution>(projectPath(projectId, '/budget'))
}
