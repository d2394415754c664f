#include "modules/projects/monitoring_service.hpp"

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/money.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/documents/document_repository.hpp"
#include "modules/projects/indicators.hpp"
#include "modules/projects/monitoring.hpp"
#include "modules/projects/monitoring_repository.hpp"
#include "modules/projects/project_repository.hpp"
#include "modules/projects/project_service.hpp"

namespace bangyi::projects {

namespace perm = access::permission;

namespace {

int64_t OrgOf(const nlohmann::json& j) { return j["organization_id"].get<int64_t>(); }

void Audit(db::Connection& c, const access::Principal& p, const std::string& action, const std::string& entity,
           int64_t id, int64_t organization_id, const audit::Changes& changes) {
  audit::Record(c, audit::ActorOf(p), {action, entity, std::to_string(id), organization_id, changes.json()});
}

core::Error Conflict(const std::string& code, const std::string& message) {
  return core::Error(core::ErrorKind::kConflict, code, message);
}

bool GateMet(db::Connection& c, const nlohmann::json& project, const std::string& gate) {
  if (project["state"] == project_state::kSuspended) {
    return false;
  }
  if (gate == "agreement_signed") {
    return !project["agreement_signed_on"].is_null();
  }
  return EvaluationPassed(c, project["id"].get<int64_t>(), gate == "midterm_passed" ? "midterm" : "final");
}

nlohmann::json LoadDisbursement(db::Connection& c, int64_t id) {
  auto d = FindDisbursement(c, id);
  if (!d) {
    throw core::Error::NotFound("disbursement");
  }
  return *d;
}

}  // namespace

nlohmann::json CurrentDisbursement(const nlohmann::json& disbursements, int64_t tranche) {
  nlohmann::json live = nullptr, rejected = nullptr;
  for (const auto& d : disbursements) {
    if (d["tranche"] == tranche) {
      (d["state"] == "rejected" ? rejected : live) = d;
    }
  }
  return live.is_null() ? rejected : live;
}

nlohmann::json FrozenFigures(db::Connection& c, const nlohmann::json& project, const std::string& start,
                             const std::string& end) {
  int64_t id = project["id"].get<int64_t>();
  auto cumulative = BuildIndicators(ComputeCaseFigures(c, id, "", end), project["indicators"]);
  return {{"period", BuildIndicators(ComputeCaseFigures(c, id, start, end), project["indicators"])["total"]},
          {"cumulative", cumulative["total"]},
          {"targets", cumulative["targets"]},
          {"computed_at", core::NowIso()}};
}

nlohmann::json ReportScheduleOf(db::Connection& c, const nlohmann::json& project) {
  std::string starts = project["starts_on"].is_string() ? project["starts_on"].get<std::string>() : "";
  std::string ends = project["ends_on"].is_string() ? project["ends_on"].get<std::string>() : "";
  nlohmann::json reports = ListReports(c, project["id"].get<int64_t>());
  std::string today = core::TodayShanghai();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& period : ReportSchedule(project["round"]["reporting"], starts, ends)) {
    nlohmann::json report = nullptr;
    for (const auto& r : reports) {
      if (r["period"] == period.period) {
        report = r;
      }
    }
    bool outstanding = (report.is_null() || report["state"] == "returned") && project["state"] != project_state::kFinished;
    out.push_back({{"period", period.period},
                   {"period_start", period.start},
                   {"period_end", period.end},
                   {"due_on", period.due_on},
                   {"overdue", outstanding && period.due_on < today},
                   {"report", report}});
  }
  return out;
}

nlohmann::json MonitoringService::Reports(const access::Principal& p, int64_t project_id) {
  return db_.Read([&](db::Connection& c) {
    return nlohmann::json{{"data", ReportScheduleOf(c, LoadProject(c, p, project_id))}};
  });
}

nlohmann::json MonitoringService::SubmitReport(const access::Principal& p, int64_t project_id,
                                               const nlohmann::json& body) {
  access::Require(p, perm::kProjectsReport);
  core::JsonReader in(body);
  std::string period = in.String("period", true, 7);
  std::string narrative = in.String("narrative", true, 20000);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, project_id);
    access::Require(p, perm::kProjectsReport, access::OrganizationOnly(OrgOf(project)));
    std::optional<ReportPeriod> found;
    for (const auto& s : ReportSchedule(project["round"]["reporting"],
                                        project["starts_on"].is_string() ? project["starts_on"].get<std::string>() : "",
                                        project["ends_on"].is_string() ? project["ends_on"].get<std::string>() : "")) {
      if (s.period == period) {
        found = s;
      }
    }
    if (!period.empty() && !found) {
      in.Add("period", "invalid");
    } else if (found && found->end >= core::TodayShanghai()) {
      in.Add("period", "not_due");  // the period has not ended yet
    }
    in.ThrowIfAny();
    for (const auto& r : ListReports(c, project_id)) {
      if (r["period"] == period) {
        throw Conflict("report_exists", "a report for " + period + " exists; a returned one is edited instead");
      }
    }
    int64_t id = InsertReport(c, OrgOf(project), project_id, *found, narrative,
                              FrozenFigures(c, project, found->start, found->end), p.user_id);
    audit::Changes changes;
    changes.Set("period", period);
    Audit(c, p, "report.submit", "project_report", id, OrgOf(project), changes);
    return *FindReport(c, id);
  });
}

nlohmann::json MonitoringService::ResubmitReport(const access::Principal& p, int64_t report_id,
                                                 const nlohmann::json& body) {
  access::Require(p, perm::kProjectsReport);
  core::JsonReader in(body);
  std::string narrative = in.String("narrative", true, 20000);
  return db_.Write([&](db::Connection& c) {
    auto report = FindReport(c, report_id);
    if (!report) {
      throw core::Error::NotFound("report");
    }
    nlohmann::json project = LoadProject(c, p, (*report)["project_id"].get<int64_t>());
    access::Require(p, perm::kProjectsReport, access::OrganizationOnly(OrgOf(project)));
    in.ThrowIfAny();
    if ((*report)["state"] != "returned") {
      throw Conflict("report_locked", "the report is " + (*report)["state"].get<std::string>() +
                                          "; only a returned report is edited");
    }
    nlohmann::json figures =
        FrozenFigures(c, project, (*report)["period_start"].get<std::string>(), (*report)["period_end"].get<std::string>());
    if (!projects::ResubmitReport(c, report_id, narrative, figures, p.user_id)) {
      throw Conflict("stale", "the report changed meanwhile; reload it");
    }
    Audit(c, p, "report.resubmit", "project_report", report_id, OrgOf(project), audit::Changes());
    return *FindReport(c, report_id);
  });
}

nlohmann::json MonitoringService::ReviewReport(const access::Principal& p, int64_t report_id,
                                               const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  std::string decision = in.OneOf("decision", true, {"accept", "return"});
  std::string comment = in.String("comment", decision == "return", 2000);
  return db_.Write([&](db::Connection& c) {
    auto report = FindReport(c, report_id);
    if (!report) {
      throw core::Error::NotFound("report");
    }
    in.ThrowIfAny();
    std::string to = decision == "accept" ? "accepted" : "returned";
    if (!projects::ReviewReport(c, report_id, to, comment, p.user_id)) {
      throw Conflict("not_submitted", "the report is " + (*report)["state"].get<std::string>());
    }
    audit::Changes changes;
    changes.Set("decision", decision).Set("comment", comment);
    Audit(c, p, "report.review", "project_report", report_id, OrgOf(*report), changes);
    return *FindReport(c, report_id);
  });
}

nlohmann::json MonitoringService::OverdueReports(const access::Principal& p) {
  access::Require(p, perm::kProjectsRead);
  int64_t org = 0;
  if (!p.HasPlatform(perm::kProjectsRead)) {
    if (!p.organization_id) {
      throw core::Error::Forbidden();
    }
    org = *p.organization_id;
  }
  return db_.Read([&](db::Connection& c) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& project : ListProjects(c, org, 0, 1000, 0)) {
      for (const auto& period : ReportScheduleOf(c, project)) {
        if (period["overdue"].get<bool>()) {
          out.push_back({{"project_id", project["id"]},
                         {"project_name", project["name"]},
                         {"organization", project["organization"]},
                         {"period", period["period"]},
                         {"due_on", period["due_on"]}});
        }
      }
    }
    return nlohmann::json{{"data", out}};
  });
}

nlohmann::json MonitoringService::Evaluations(const access::Principal& p, int64_t project_id) {
  return db_.Read([&](db::Connection& c) {
    LoadProject(c, p, project_id);
    return nlohmann::json{{"data", ListEvaluations(c, project_id)}};
  });
}

nlohmann::json MonitoringService::MyEvaluations(const access::Principal& p) {
  access::RequirePlatform(p, perm::kReviewsScore);
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", ListEvaluationsOf(c, p.user_id)}}; });
}

nlohmann::json MonitoringService::OpenEvaluation(const access::Principal& p, int64_t project_id,
                                                 const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  std::string kind = in.OneOf("kind", true, {"midterm", "final"});
  auto evaluator = in.Int("evaluator_id", false, 1, INT64_MAX);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, project_id);
    if (evaluator && !IsReviewerUser(c, *evaluator)) {
      in.Add("evaluator_id", "not_reviewer");
    }
    in.ThrowIfAny();
    if (project["state"] == project_state::kAgreementPending) {
      throw Conflict("agreement_pending", "record the agreement before evaluating");
    }
    for (const auto& e : ListEvaluations(c, project_id)) {
      if (e["kind"] == kind) {
        throw Conflict("evaluation_exists", "the " + kind + " evaluation exists already");
      }
    }
    int64_t id = InsertEvaluation(c, OrgOf(project), project_id, kind, evaluator, p.user_id);
    audit::Changes changes;
    changes.Set("kind", kind).Set("evaluator_id", evaluator ? nlohmann::json(*evaluator) : nullptr);
    Audit(c, p, "evaluation.open", "evaluation", id, OrgOf(project), changes);
    return *FindEvaluation(c, id);
  });
}

nlohmann::json MonitoringService::CompleteEvaluation(const access::Principal& p, int64_t evaluation_id,
                                                     const nlohmann::json& body) {
  core::JsonReader in(body);
  nlohmann::json checklist = nlohmann::json::array();
  in.Objects("checklist", true, 50, [&](core::JsonReader& item, size_t) {
    std::string text = item.String("item", true, 200);
    if (!item.Has("passed") || !item.Raw("passed").is_boolean()) {
      item.Add("passed", "required");
    }
    checklist.push_back({{"item", text}, {"passed", item.Bool("passed", false)}, {"note", item.String("note", false, 1000)}});
  });
  auto score = in.Int("score", true, 0, 100);
  std::string result = in.OneOf("result", true, {"pass", "fail"});
  std::string comment = in.String("comment", result == "fail", 5000);
  return db_.Write([&](db::Connection& c) {
    auto evaluation = FindEvaluation(c, evaluation_id);
    bool evaluator = evaluation && evaluation->contains("evaluator_id") && (*evaluation)["evaluator_id"] == p.user_id;
    if (!evaluation || (!evaluator && !p.HasPlatform(perm::kRoundsManage))) {
      if (!evaluation || !p.Covers(perm::kProjectsRead, access::OrganizationOnly(OrgOf(*evaluation)))) {
        throw core::Error::NotFound("evaluation");
      }
      throw core::Error::Forbidden("only the program officer or the assigned evaluator completes it");
    }
    in.ThrowIfAny();
    if (!projects::CompleteEvaluation(c, evaluation_id, checklist, *score, result, comment, p.user_id)) {
      throw Conflict("evaluation_done", "the evaluation is complete; it is not changed afterwards");
    }
    int64_t project_id = (*evaluation)["project_id"].get<int64_t>();
    if (result == "fail") {
      SuspendProject(c, project_id);  // a failed evaluation stops payment
    }
    audit::Changes changes;
    changes.Set("result", result).Set("score", *score);
    Audit(c, p, "evaluation.complete", "evaluation", evaluation_id, OrgOf(*evaluation), changes);
    return *FindEvaluation(c, evaluation_id);
  });
}

nlohmann::json MonitoringService::Ledger(const access::Principal& p, int64_t project_id) {
  return db_.Read([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, project_id);
    int64_t grant = *core::ParseYuan(project["grant_yuan"]);
    nlohmann::json disbursements = ListDisbursements(c, project_id);
    auto amounts = TrancheAmounts(grant, project["tranches"]);
    nlohmann::json tranches = nlohmann::json::array();
    std::map<std::string, int64_t> sums;
    for (const auto& d : disbursements) {
      sums[d["state"].get<std::string>()] += *core::ParseYuan(d["amount_yuan"]);
    }
    for (size_t i = 0; i < amounts.size(); ++i) {
      const auto& t = project["tranches"][i];
      nlohmann::json current = CurrentDisbursement(disbursements, static_cast<int64_t>(i + 1));
      tranches.push_back({{"tranche", i + 1},
                          {"percent", t["percent"]},
                          {"gate", t["gate"]},
                          {"gate_met", GateMet(c, project, t["gate"])},
                          {"amount_yuan", core::FormatYuan(amounts[i])},
                          {"disbursement", current}});
    }
    return nlohmann::json{{"grant_yuan", core::FormatYuan(grant)},
                          {"requested_yuan", core::FormatYuan(sums["requested"])},
                          {"approved_yuan", core::FormatYuan(sums["approved"])},
                          {"paid_yuan", core::FormatYuan(sums["paid"])},
                          {"remaining_yuan", core::FormatYuan(grant - sums["paid"])},
                          {"tranches", tranches},
                          {"disbursements", disbursements}};
  });
}

nlohmann::json MonitoringService::RoundLedger(const access::Principal& p, int64_t round_id) {
  if (!p.HasPlatform(perm::kRoundsManage) && !p.HasPlatform(perm::kDisbursementsApprove)) {
    throw core::Error::Forbidden();
  }
  return db_.Read([&](db::Connection& c) {
    nlohmann::json rows = nlohmann::json::array();
    int64_t grant = 0, requested = 0, approved = 0, paid = 0;
    for (const auto& r : RoundLedgerRows(c, round_id)) {
      grant += r.Int("grant_cents");
      requested += r.Int("requested");
      approved += r.Int("approved");
      paid += r.Int("paid");
      rows.push_back({{"project_id", r.Int("project_id")},
                      {"name", r.Text("name")},
                      {"organization_name", r.Text("organization_name")},
                      {"grant_yuan", core::FormatYuan(r.Int("grant_cents"))},
                      {"requested_yuan", core::FormatYuan(r.Int("requested"))},
                      {"approved_yuan", core::FormatYuan(r.Int("approved"))},
                      {"paid_yuan", core::FormatYuan(r.Int("paid"))}});
    }
    return nlohmann::json{{"data", rows},
                          {"total", {{"grant_yuan", core::FormatYuan(grant)},
                                     {"requested_yuan", core::FormatYuan(requested)},
                                     {"approved_yuan", core::FormatYuan(approved)},
                                     {"paid_yuan", core::FormatYuan(paid)}}}};
  });
}

nlohmann::json MonitoringService::RequestTranche(const access::Principal& p, int64_t project_id,
                                                 const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  auto tranche = in.Int("tranche", true, 1, 20);
  std::optional<int64_t> amount;
  if (in.Has("amount_yuan")) {
    auto cents = core::ParseYuan(in.Raw("amount_yuan"));
    if (!cents || *cents <= 0) {
      in.Add("amount_yuan", "invalid");
    } else {
      amount = *cents;
    }
  }
  int64_t id = db_.Write([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, project_id);
    const auto& tranches = project["tranches"];
    if (tranche && *tranche > static_cast<int64_t>(tranches.size())) {
      in.Add("tranche", "invalid");
    }
    in.ThrowIfAny();
    int64_t grant = *core::ParseYuan(project["grant_yuan"]);
    size_t index = static_cast<size_t>(*tranche - 1);
    int64_t cents = amount.value_or(TrancheAmounts(grant, tranches)[index]);
    if (TrancheTaken(c, project_id, *tranche)) {
      throw Conflict("already_requested", "tranche " + std::to_string(*tranche) + " is requested already");
    }
    if (CommittedCents(c, project_id) + cents > grant) {
      throw core::Error::Validation({{"amount_yuan", "over_grant"}});
    }
    int64_t new_id = InsertDisbursement(c, OrgOf(project), project_id, *tranche, tranches[index]["percent"],
                                        tranches[index]["gate"], cents, p.user_id);
    audit::Changes changes;
    changes.Set("tranche", *tranche).Set("amount_yuan", core::FormatYuan(cents));
    Audit(c, p, "disbursement.request", "disbursement", new_id, OrgOf(project), changes);
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return LoadDisbursement(c, id); });
}

nlohmann::json MonitoringService::Approve(const access::Principal& p, int64_t disbursement_id) {
  access::RequirePlatform(p, perm::kDisbursementsApprove);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json d = LoadDisbursement(c, disbursement_id);
    nlohmann::json project = *FindProject(c, d["project_id"].get<int64_t>());
    if (d["state"] != "requested") {
      throw Conflict("not_requested", "the disbursement is " + d["state"].get<std::string>());
    }
    if (!GateMet(c, project, d["gate"])) {
      throw Conflict("gate_not_met", "the tranche's gate (" + d["gate"].get<std::string>() + ") is not met" +
                                         (project["state"] == project_state::kSuspended ? "; the project is suspended" : ""));
    }
    if (!MoveDisbursement(c, disbursement_id, "requested", "approved", "", p.user_id)) {
      throw Conflict("stale", "the disbursement changed meanwhile; reload it");
    }
    audit::Changes changes;
    changes.Set("amount_yuan", d["amount_yuan"]);
    Audit(c, p, "disbursement.approve", "disbursement", disbursement_id, OrgOf(d), changes);
    return LoadDisbursement(c, disbursement_id);
  });
}

nlohmann::json MonitoringService::Reject(const access::Principal& p, int64_t disbursement_id,
                                         const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kDisbursementsApprove);
  core::JsonReader in(body);
  std::string reason = in.String("reason", true, 1000);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json d = LoadDisbursement(c, disbursement_id);
    in.ThrowIfAny();
    if (d["state"] != "requested" || !MoveDisbursement(c, disbursement_id, "requested", "rejected", reason, p.user_id)) {
      throw Conflict("not_requested", "the disbursement is " + d["state"].get<std::string>());
    }
    audit::Changes changes;
    changes.Set("reason", reason);
    Audit(c, p, "disbursement.reject", "disbursement", disbursement_id, OrgOf(d), changes);
    return LoadDisbursement(c, disbursement_id);
  });
}

nlohmann::json MonitoringService::Pay(const access::Principal& p, int64_t disbursement_id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kDisbursementsApprove);
  core::JsonReader in(body);
  std::string paid_on = in.Date("paid_on", true);
  std::string reference = in.String("reference", true, 100);
  if (!paid_on.empty() && paid_on > core::TodayShanghai()) {
    in.Add("paid_on", "future");
  }
  return db_.Write([&](db::Connection& c) {
    nlohmann::json d = LoadDisbursement(c, disbursement_id);
    in.ThrowIfAny();
    if (d["state"] != "approved" || !PayDisbursement(c, disbursement_id, paid_on, reference, p.user_id)) {
      throw Conflict("not_approved", "the disbursement is " + d["state"].get<std::string>() + "; pay after approval");
    }
    audit::Changes changes;
    changes.Set("paid_on", paid_on).Set("reference", reference).Set("amount_yuan", d["amount_yuan"]);
    Audit(c, p, "disbursement.pay", "disbursement", disbursement_id, OrgOf(d), changes);
    return LoadDisbursement(c, disbursement_id);
  });
}

nlohmann::json MonitoringService::Queue(const access::Principal& p, const std::string& state) {
  if (!p.HasPlatform(perm::kDisbursementsApprove) && !p.HasPlatform(perm::kRoundsManage)) {
    throw core::Error::Forbidden();
  }
  if (!state.empty() && state != "requested" && state != "approved" && state != "rejected" && state != "paid") {
    throw core::Error::Validation({{"state", "invalid"}});
  }
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", ListDisbursementQueue(c, state)}}; });
}

nlohmann::json MonitoringService::Expenses(const access::Principal& p, int64_t project_id) {
  return db_.Read([&](db::Connection& c) {
    LoadProject(c, p, project_id);
    return nlohmann::json{{"data", ListExpenses(c, project_id)}};
  });
}

nlohmann::json MonitoringService::AddExpense(const access::Principal& p, int64_t project_id,
                                             const nlohmann::json& body) {
  access::Require(p, perm::kProjectsReport);
  core::JsonReader in(body);
  auto line = in.Int("budget_line_id", true, 1, INT64_MAX);
  std::string spent_on = in.Date("spent_on", true);
  std::string description = in.String("description", true, 500);
  int64_t amount = 0;
  if (!in.Has("amount_yuan")) {
    in.Add("amount_yuan", "required");
  } else if (auto cents = core::ParseYuan(in.Raw("amount_yuan")); !cents || *cents <= 0) {
    in.Add("amount_yuan", "invalid");
  } else {
    amount = *cents;
  }
  if (!spent_on.empty() && spent_on > core::TodayShanghai()) {
    in.Add("spent_on", "future");
  }
  return db_.Write([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, project_id);
    access::Require(p, perm::kProjectsReport, access::OrganizationOnly(OrgOf(project)));
    bool known = false;
    for (const auto& l : ListBudgetLines(c, project_id)) {
      known = known || (line && l["id"] == *line);
    }
    if (line && !known) {
      in.Add("budget_line_id", "invalid");
    }
    in.ThrowIfAny();
    if (project["state"] == project_state::kAgreementPending) {
      throw Conflict("agreement_pending", "expenses are recorded once the agreement is signed");
    }
    int64_t id = InsertExpense(c, OrgOf(project), project_id, *line, amount, spent_on, description, p.user_id);
    audit::Changes changes;
    changes.Set("budget_line_id", *line).Set("amount_yuan", core::FormatYuan(amount));
    Audit(c, p, "expense.create", "project_expense", id, OrgOf(project), changes);
    return nlohmann::json{{"id", id}};
  });
}

nlohmann::json MonitoringService::Budget(const access::Principal& p, int64_t project_id) {
  return db_.Read([&](db::Connection& c) {
    LoadProject(c, p, project_id);
    nlohmann::json lines = nlohmann::json::array();
    int64_t total = 0, spent = 0;
    for (const auto& r : BudgetExecution(c, project_id)) {
      int64_t amount = r.Int("amount_cents"), line_spent = r.Int("spent_cents");
      total += amount;
      spent += line_spent;
      lines.push_back({{"id", r.Int("id")},
                       {"position", r.Int("position")},
                       {"category", r.Text("category")},
                       {"item", r.Text("item")},
                       {"amount_yuan", core::FormatYuan(amount)},
                       {"spent_yuan", core::FormatYuan(line_spent)},
                       {"remaining_yuan", core::FormatYuan(amount - line_spent)},
                       {"overspent", line_spent > amount}});
    }
    return nlohmann::json{{"data", lines},
                          {"total", {{"amount_yuan", core::FormatYuan(total)},
                                     {"spent_yuan", core::FormatYuan(spent)},
                                     {"remaining_yuan", core::FormatYuan(total - spent)}}}};
  });
}

nlohmann::json MonitoringService::UploadReceipt(const access::Principal& p, int64_t expense_id, const std::string& bytes,
                                                const std::string& content_type, const std::string& filename) {
  access::Require(p, perm::kProjectsReport);
  auto own = [&](db::Connection& c) {
    auto expense = FindExpense(c, expense_id);
    if (!expense) {
      throw core::Error::NotFound("expense");
    }
    nlohmann::json project = LoadProject(c, p, expense->Int("project_id"));
    access::Require(p, perm::kProjectsReport, access::OrganizationOnly(OrgOf(project)));
    return OrgOf(project);
  };
  db_.Read(own);  // outsiders learn nothing about the file
  core::CheckedUpload file = core::CheckUpload(bytes, content_type, filename);
  int64_t document = db_.Write([&](db::Connection& c) {
    int64_t org = own(c);
    core::StoreFile(files_dir_, file.sha256, bytes);
    int64_t id = documents::InsertDocument(c, org, documents::kExpense, expense_id, file, p.user_id);
    audit::Changes changes;
    changes.Set("document_id", id).Set("filename", file.filename);
    Audit(c, p, "expense.receipt", "project_expense", expense_id, org, changes);
    return id;
  });
  return db_.Read([&](db::Connection& c) { return *documents::FindDocument(c, document); });
}

core::StoredFile MonitoringService::Receipt(const access::Principal& p, int64_t expense_id) {
  auto doc = db_.Read([&](db::Connection& c) {
    auto expense = FindExpense(c, expense_id);
    if (!expense) {
      throw core::Error::NotFound("expense");
    }
    LoadProject(c, p, expense->Int("project_id"));
    auto list = documents::ListDocuments(c, documents::kExpense, expense_id);
    if (list.empty()) {
      throw core::Error::NotFound("receipt");
    }
    return list.back();
  });
  return {doc["content_type"].get<std::string>(), doc["filename"].get<std::string>(),
          core::LoadFile(files_dir_, doc["sha256"].get<std::string>())};
}

}  // namespace bangyi::projects
