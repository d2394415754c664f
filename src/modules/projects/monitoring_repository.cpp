#include "modules/projects/monitoring_repository.hpp"

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bangyi::projects {

namespace {

constexpr std::string_view kReportColumns =
    "SELECT id, project_id, organization_id, period, period_start, period_end, state, narrative, figures,"
    " submitted_at, reviewed_at, review_comment FROM project_reports";
const std::string kReports = std::string(kReportColumns) + " WHERE project_id = $1 ORDER BY period_start";
const std::string kFindReport = std::string(kReportColumns) + " WHERE id = $1";
constexpr std::string_view kInsertReport =
    "INSERT INTO project_reports (organization_id, project_id, period, period_start, period_end, state, narrative,"
    " figures, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kResubmitReport =
    "UPDATE project_reports SET state = 'submitted', narrative = $2, figures = $3, submitted_by = $4,"
    " submitted_at = $5 WHERE id = $1 AND state = 'returned'";
constexpr std::string_view kReviewReport =
    "UPDATE project_reports SET state = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5"
    " WHERE id = $1 AND state = 'submitted'";

constexpr std::string_view kEvaluationColumns =
    "SELECT e.id, e.project_id, e.organization_id, e.kind, e.evaluator_id, u.display_name AS evaluator_name,"
    " e.state, e.checklist, e.score, e.result, e.comment, e.opened_at, e.done_at"
    " FROM evaluations e LEFT JOIN users u ON u.id = e.evaluator_id";
const std::string kEvaluations = std::string(kEvaluationColumns) + " WHERE e.project_id = $1 ORDER BY e.id";
const std::string kFindEvaluation = std::string(kEvaluationColumns) + " WHERE e.id = $1";
const std::string kEvaluationsOf =
    "SELECT e.id, e.project_id, p.name AS project_name, o.name AS organization_name, e.kind, e.state, e.score,"
    " e.result, e.opened_at, e.done_at FROM evaluations e JOIN projects p ON p.id = e.project_id"
    " JOIN organizations o ON o.id = e.organization_id WHERE e.evaluator_id = $1 ORDER BY e.state DESC, e.id DESC";
constexpr std::string_view kIsEvaluator = "SELECT 1 FROM evaluations WHERE project_id = $1 AND evaluator_id = $2";
constexpr std::string_view kInsertEvaluation =
    "INSERT INTO evaluations (organization_id, project_id, kind, evaluator_id, state, opened_by, opened_at)"
    " VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id";
constexpr std::string_view kCompleteEvaluation =
    "UPDATE evaluations SET state = 'done', checklist = $2, score = $3, result = $4, comment = $5, done_by = $6,"
    " done_at = $7 WHERE id = $1 AND state = 'open'";
constexpr std::string_view kPassed =
    "SELECT 1 FROM evaluations WHERE project_id = $1 AND kind = $2 AND result = 'pass'";
constexpr std::string_view kIsReviewer =
    "SELECT 1 FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE ra.user_id = $1"
    " AND ra.role = 'reviewer' AND u.status = 'active'";
constexpr std::string_view kSuspend =
    "UPDATE projects SET state = 'suspended', version = version + 1, updated_at = $2 WHERE id = $1";

constexpr std::string_view kDisbursementColumns =
    "SELECT d.id, d.project_id, d.organization_id, p.name AS project_name, o.name AS organization_name, d.tranche,"
    " d.percent, d.gate, d.amount_cents, d.state, d.reason, d.requested_at, d.approved_at, d.paid_on, d.reference,"
    " d.paid_at FROM disbursements d JOIN projects p ON p.id = d.project_id"
    " JOIN organizations o ON o.id = d.organization_id";
const std::string kDisbursements = std::string(kDisbursementColumns) + " WHERE d.project_id = $1 ORDER BY d.tranche, d.id";
const std::string kQueue =
    std::string(kDisbursementColumns) + " WHERE ($1 = '' OR d.state = $1) ORDER BY d.requested_at, d.id LIMIT 500";
const std::string kFindDisbursement = std::string(kDisbursementColumns) + " WHERE d.id = $1";
constexpr std::string_view kCommitted =
    "SELECT COALESCE(SUM(amount_cents), 0) AS n FROM disbursements WHERE project_id = $1 AND state <> 'rejected'";
constexpr std::string_view kTrancheTaken =
    "SELECT 1 FROM disbursements WHERE project_id = $1 AND tranche = $2 AND state <> 'rejected'";
constexpr std::string_view kInsertDisbursement =
    "INSERT INTO disbursements (organization_id, project_id, tranche, percent, gate, amount_cents, state,"
    " requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8) RETURNING id";
constexpr std::string_view kMoveDisbursement =
    "UPDATE disbursements SET state = $3, reason = $4, approved_by = $5, approved_at = $6 WHERE id = $1 AND state = $2";
constexpr std::string_view kPay =
    "UPDATE disbursements SET state = 'paid', paid_on = $2, reference = $3, paid_by = $4, paid_at = $5"
    " WHERE id = $1 AND state = 'approved'";
constexpr std::string_view kRoundLedger =
    "SELECT p.id AS project_id, p.name, o.name AS organization_name, p.grant_cents,"
    " COALESCE(SUM(CASE WHEN d.state = 'requested' THEN d.amount_cents ELSE 0 END), 0) AS requested,"
    " COALESCE(SUM(CASE WHEN d.state = 'approved' THEN d.amount_cents ELSE 0 END), 0) AS approved,"
    " COALESCE(SUM(CASE WHEN d.state = 'paid' THEN d.amount_cents ELSE 0 END), 0) AS paid"
    " FROM projects p JOIN organizations o ON o.id = p.organization_id"
    " LEFT JOIN disbursements d ON d.project_id = p.id WHERE p.round_id = $1"
    " GROUP BY p.id, p.name, o.name, p.grant_cents ORDER BY p.id";

constexpr std::string_view kExpenses =
    "SELECT x.id, x.budget_line_id, l.item AS budget_line_item, x.amount_cents, x.spent_on, x.description,"
    " u.display_name AS created_by_name, x.created_at,"
    " (SELECT MAX(d.id) FROM documents d WHERE d.owner_type = 'expense' AND d.owner_id = x.id) AS receipt_id"
    " FROM project_expenses x"
    " JOIN project_budget_lines l ON l.id = x.budget_line_id LEFT JOIN users u ON u.id = x.created_by"
    " WHERE x.project_id = $1 ORDER BY x.spent_on DESC, x.id DESC";
constexpr std::string_view kInsertExpense =
    "INSERT INTO project_expenses (organization_id, project_id, budget_line_id, amount_cents, spent_on, description,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kFindExpense =
    "SELECT id, project_id, organization_id FROM project_expenses WHERE id = $1";
constexpr std::string_view kBudgetExecution =
    "SELECT l.id, l.position, l.category, l.item, l.unit, l.quantity, l.unit_price_cents, l.amount_cents,"
    " COALESCE((SELECT SUM(x.amount_cents) FROM project_expenses x WHERE x.budget_line_id = l.id), 0) AS spent_cents"
    " FROM project_budget_lines l WHERE l.project_id = $1 ORDER BY l.position";

nlohmann::json Parsed(nlohmann::json row, std::initializer_list<const char*> json_columns) {
  for (const char* k : json_columns) {
    row[k] = nlohmann::json::parse(row[k].get<std::string>());
  }
  return row;
}

// "amount_cents" → "amount_yuan".
nlohmann::json Yuan(nlohmann::json row, const char* cents_column, const char* yuan_column) {
  row[yuan_column] = core::FormatYuan(row[cents_column].get<int64_t>());
  row.erase(cents_column);
  return row;
}

}  // namespace

nlohmann::json ListReports(db::Connection& c, int64_t project_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kReports, {project_id})) {
    out.push_back(Parsed(db::RowJson(r), {"figures"}));
  }
  return out;
}

std::optional<nlohmann::json> FindReport(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindReport, {id});
  return r ? std::optional(Parsed(db::RowJson(*r), {"figures"})) : std::nullopt;
}

int64_t InsertReport(db::Connection& c, int64_t organization_id, int64_t project_id, const ReportPeriod& period,
                     const std::string& narrative, const nlohmann::json& figures, int64_t by) {
  return c.QueryOne(kInsertReport, {organization_id, project_id, period.period, period.start, period.end, narrative,
                                    figures.dump(), by, core::NowIso()})
      ->Int("id");
}

bool ResubmitReport(db::Connection& c, int64_t id, const std::string& narrative, const nlohmann::json& figures,
                    int64_t by) {
  return c.Execute(kResubmitReport, {id, narrative, figures.dump(), by, core::NowIso()}) == 1;
}

bool ReviewReport(db::Connection& c, int64_t id, const std::string& state, const std::string& comment, int64_t by) {
  return c.Execute(kReviewReport, {id, state, comment, by, core::NowIso()}) == 1;
}

nlohmann::json ListEvaluations(db::Connection& c, int64_t project_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kEvaluations, {project_id})) {
    out.push_back(Parsed(db::RowJson(r), {"checklist"}));
  }
  return out;
}

std::optional<nlohmann::json> FindEvaluation(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindEvaluation, {id});
  return r ? std::optional(Parsed(db::RowJson(*r), {"checklist"})) : std::nullopt;
}

int64_t InsertEvaluation(db::Connection& c, int64_t organization_id, int64_t project_id, const std::string& kind,
                         std::optional<int64_t> evaluator_id, int64_t by) {
  return c.QueryOne(kInsertEvaluation,
                    {organization_id, project_id, kind, db::Nullable(evaluator_id), by, core::NowIso()})
      ->Int("id");
}

bool CompleteEvaluation(db::Connection& c, int64_t id, const nlohmann::json& checklist, int64_t score,
                        const std::string& result, const std::string& comment, int64_t by) {
  return c.Execute(kCompleteEvaluation, {id, checklist.dump(), score, result, comment, by, core::NowIso()}) == 1;
}

nlohmann::json ListEvaluationsOf(db::Connection& c, int64_t evaluator_id) {
  return db::RowsJson(c.Query(kEvaluationsOf, {evaluator_id}));
}

bool IsEvaluatorOf(db::Connection& c, int64_t project_id, int64_t user_id) {
  return c.QueryOne(kIsEvaluator, {project_id, user_id}).has_value();
}

bool EvaluationPassed(db::Connection& c, int64_t project_id, const std::string& kind) {
  return c.QueryOne(kPassed, {project_id, kind}).has_value();
}

bool IsReviewerUser(db::Connection& c, int64_t user_id) { return c.QueryOne(kIsReviewer, {user_id}).has_value(); }

void SuspendProject(db::Connection& c, int64_t project_id) { c.Execute(kSuspend, {project_id, core::NowIso()}); }

nlohmann::json ListDisbursements(db::Connection& c, int64_t project_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kDisbursements, {project_id})) {
    out.push_back(Yuan(db::RowJson(r), "amount_cents", "amount_yuan"));
  }
  return out;
}

nlohmann::json ListDisbursementQueue(db::Connection& c, const std::string& state) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kQueue, {state})) {
    out.push_back(Yuan(db::RowJson(r), "amount_cents", "amount_yuan"));
  }
  return out;
}

std::optional<nlohmann::json> FindDisbursement(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindDisbursement, {id});
  return r ? std::optional(Yuan(db::RowJson(*r), "amount_cents", "amount_yuan")) : std::nullopt;
}

int64_t CommittedCents(db::Connection& c, int64_t project_id) { return c.QueryOne(kCommitted, {project_id})->Int("n"); }

bool TrancheTaken(db::Connection& c, int64_t project_id, int64_t tranche) {
  return c.QueryOne(kTrancheTaken, {project_id, tranche}).has_value();
}

int64_t InsertDisbursement(db::Connection& c, int64_t organization_id, int64_t project_id, int64_t tranche,
                           int64_t percent, const std::string& gate, int64_t amount_cents, int64_t by) {
  return c.QueryOne(kInsertDisbursement,
                    {organization_id, project_id, tranche, percent, gate, amount_cents, by, core::NowIso()})
      ->Int("id");
}

bool MoveDisbursement(db::Connection& c, int64_t id, const std::string& from, const std::string& to,
                      const std::string& reason, int64_t by) {
  return c.Execute(kMoveDisbursement, {id, from, to, reason, by, core::NowIso()}) == 1;
}

bool PayDisbursement(db::Connection& c, int64_t id, const std::string& paid_on, const std::string& reference,
                     int64_t by) {
  return c.Execute(kPay, {id, paid_on, reference, by, core::NowIso()}) == 1;
}

std::vector<db::Row> RoundLedgerRows(db::Connection& c, int64_t round_id) { return c.Query(kRoundLedger, {round_id}); }

nlohmann::json ListExpenses(db::Connection& c, int64_t project_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kExpenses, {project_id})) {
    out.push_back(Yuan(db::RowJson(r), "amount_cents", "amount_yuan"));
  }
  return out;
}

int64_t InsertExpense(db::Connection& c, int64_t organization_id, int64_t project_id, int64_t budget_line_id,
                      int64_t amount_cents, const std::string& spent_on, const std::string& description, int64_t by) {
  return c.QueryOne(kInsertExpense, {organization_id, project_id, budget_line_id, amount_cents, spent_on, description,
                                     by, core::NowIso()})
      ->Int("id");
}

std::optional<db::Row> FindExpense(db::Connection& c, int64_t id) { return c.QueryOne(kFindExpense, {id}); }

std::vector<db::Row> BudgetExecution(db::Connection& c, int64_t project_id) {
  return c.Query(kBudgetExecution, {project_id});
}

}  // namespace bangyi::projects
