// Use cases of project monitoring (docs/projects.md): periodic reports with figures frozen at
// submission, evaluations that open gated tranches, disbursements requested by the program
// officer and approved and paid by finance, expenses against budget lines.
#pragma once

#include <nlohmann/json.hpp>

#include "core/file_store.hpp"
#include "db/database.hpp"
#include "modules/access/role.hpp"

namespace bangyi::projects {

class MonitoringService {
 public:
  // `files_dir`: where receipts are stored (core/file_store).
  MonitoringService(db::Database& db, std::string files_dir) : db_(db), files_dir_(std::move(files_dir)) {}

  nlohmann::json Reports(const access::Principal& p, int64_t project_id);
  nlohmann::json SubmitReport(const access::Principal& p, int64_t project_id, const nlohmann::json& body);
  nlohmann::json ResubmitReport(const access::Principal& p, int64_t report_id, const nlohmann::json& body);
  nlohmann::json ReviewReport(const access::Principal& p, int64_t report_id, const nlohmann::json& body);
  nlohmann::json OverdueReports(const access::Principal& p);

  nlohmann::json Evaluations(const access::Principal& p, int64_t project_id);
  // The caller's own evaluation assignments (an evaluator's queue).
  nlohmann::json MyEvaluations(const access::Principal& p);
  nlohmann::json OpenEvaluation(const access::Principal& p, int64_t project_id, const nlohmann::json& body);
  nlohmann::json CompleteEvaluation(const access::Principal& p, int64_t evaluation_id, const nlohmann::json& body);

  nlohmann::json Ledger(const access::Principal& p, int64_t project_id);
  nlohmann::json RoundLedger(const access::Principal& p, int64_t round_id);
  nlohmann::json RequestTranche(const access::Principal& p, int64_t project_id, const nlohmann::json& body);
  nlohmann::json Approve(const access::Principal& p, int64_t disbursement_id);
  nlohmann::json Reject(const access::Principal& p, int64_t disbursement_id, const nlohmann::json& body);
  nlohmann::json Pay(const access::Principal& p, int64_t disbursement_id, const nlohmann::json& body);
  nlohmann::json Queue(const access::Principal& p, const std::string& state);

  nlohmann::json Expenses(const access::Principal& p, int64_t project_id);
  nlohmann::json AddExpense(const access::Principal& p, int64_t project_id, const nlohmann::json& body);
  nlohmann::json Budget(const access::Principal& p, int64_t project_id);
  // The receipt of an expense (one; a new upload replaces what the list shows as current).
  nlohmann::json UploadReceipt(const access::Principal& p, int64_t expense_id, const std::string& bytes,
                               const std::string& content_type, const std::string& filename);
  core::StoredFile Receipt(const access::Principal& p, int64_t expense_id);

 private:
  db::Database& db_;
  std::string files_dir_;
};

// The figures a report freezes: the period's own, the cumulative ones to its end, the targets.
nlohmann::json FrozenFigures(db::Connection& c, const nlohmann::json& project, const std::string& start,
                             const std::string& end);

// The disbursement that stands for a tranche: the live one (requested, approved or paid), else the
// latest rejected one, else null. The ledger and the portfolio's tranche status agree on it.
nlohmann::json CurrentDisbursement(const nlohmann::json& disbursements, int64_t tranche);

// The reporting schedule of a project with each period's report and whether it is overdue.
nlohmann::json ReportScheduleOf(db::Connection& c, const nlohmann::json& project);

}  // namespace bangyi::projects
