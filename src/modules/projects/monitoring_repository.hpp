// Named SQL for project monitoring: reports, evaluations, disbursements, expenses.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "db/database.hpp"
#include "modules/projects/monitoring.hpp"

namespace bangyi::projects {

// Reports.
nlohmann::json ListReports(db::Connection& c, int64_t project_id);
std::optional<nlohmann::json> FindReport(db::Connection& c, int64_t id);
int64_t InsertReport(db::Connection& c, int64_t organization_id, int64_t project_id, const ReportPeriod& period,
                     const std::string& narrative, const nlohmann::json& figures, int64_t by);
bool ResubmitReport(db::Connection& c, int64_t id, const std::string& narrative, const nlohmann::json& figures,
                    int64_t by);
bool ReviewReport(db::Connection& c, int64_t id, const std::string& state, const std::string& comment, int64_t by);

// Evaluations.
nlohmann::json ListEvaluations(db::Connection& c, int64_t project_id);
std::optional<nlohmann::json> FindEvaluation(db::Connection& c, int64_t id);
int64_t InsertEvaluation(db::Connection& c, int64_t organization_id, int64_t project_id, const std::string& kind,
                         std::optional<int64_t> evaluator_id, int64_t by);
bool CompleteEvaluation(db::Connection& c, int64_t id, const nlohmann::json& checklist, int64_t score,
                        const std::string& result, const std::string& comment, int64_t by);
// Evaluations assigned to `evaluator_id`, with project and organization names.
nlohmann::json ListEvaluationsOf(db::Connection& c, int64_t evaluator_id);
bool IsEvaluatorOf(db::Connection& c, int64_t project_id, int64_t user_id);
bool EvaluationPassed(db::Connection& c, int64_t project_id, const std::string& kind);
// An active user holding the reviewer role (assignable as reviewer or evaluator).
bool IsReviewerUser(db::Connection& c, int64_t user_id);
void SuspendProject(db::Connection& c, int64_t project_id);

// Disbursements.
nlohmann::json ListDisbursements(db::Connection& c, int64_t project_id);
// The finance queue: state "" = all.
nlohmann::json ListDisbursementQueue(db::Connection& c, const std::string& state);
std::optional<nlohmann::json> FindDisbursement(db::Connection& c, int64_t id);
// Sum of non-rejected amounts, and whether a non-rejected one exists for `tranche`.
int64_t CommittedCents(db::Connection& c, int64_t project_id);
bool TrancheTaken(db::Connection& c, int64_t project_id, int64_t tranche);
int64_t InsertDisbursement(db::Connection& c, int64_t organization_id, int64_t project_id, int64_t tranche,
                           int64_t percent, const std::string& gate, int64_t amount_cents, int64_t by);
bool MoveDisbursement(db::Connection& c, int64_t id, const std::string& from, const std::string& to,
                      const std::string& reason, int64_t by);
bool PayDisbursement(db::Connection& c, int64_t id, const std::string& paid_on, const std::string& reference,
                     int64_t by);
// Per project of a round: {project_id, name, organization_name, grant_cents, requested, approved, paid}.
std::vector<db::Row> RoundLedgerRows(db::Connection& c, int64_t round_id);

// Expenses.
nlohmann::json ListExpenses(db::Connection& c, int64_t project_id);
int64_t InsertExpense(db::Connection& c, int64_t organization_id, int64_t project_id, int64_t budget_line_id,
                      int64_t amount_cents, const std::string& spent_on, const std::string& description, int64_t by);
// {id, project_id, organization_id} of an expense.
std::optional<db::Row> FindExpense(db::Connection& c, int64_t id);
// Each budget line with its spent total in fen.
std::vector<db::Row> BudgetExecution(db::Connection& c, int64_t project_id);

}  // namespace bangyi::projects
