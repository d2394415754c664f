// The steps inside a case: assessments, the plan and its approval, service records, alerts,
// referrals, closing and follow-up (CaseService, continued from case_service.cpp).
#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/registry/registry_repository.hpp"

namespace bangyi::cases {

namespace perm = access::permission;

namespace {


void RequireState(const CaseRow& row, std::initializer_list<std::string_view> allowed, const std::string& what) {
  if (std::find(allowed.begin(), allowed.end(), row.state) == allowed.end()) {
    throw core::Error::Conflict("invalid_state", "the case is in state " + row.state + "; " + what);
  }
}

double Mean(const std::vector<int>& v) {
  if (v.empty()) {
    return 0;
  }
  double sum = 0;
  for (int x : v) {
    sum += x;
  }
  return sum / static_cast<double>(v.size());
}

// Change per domain and per level between the first assessment and the latest one.
nlohmann::json Change(const nlohmann::json& assessments) {
  nlohmann::json change = nlohmann::json::object();
  nlohmann::json levels = nlohmann::json::object();
  if (assessments.empty()) {
    return {{"change", change}, {"levels", levels}};
  }
  auto scores_of = [](const nlohmann::json& a) {
    std::map<std::string, int> out;
    for (const auto& s : a["scores"]) {
      out[s["domain"].get<std::string>()] = static_cast<int>(s["score"].get<int64_t>());
    }
    return out;
  };
  auto first = scores_of(assessments.front());
  auto latest = scores_of(assessments.back());
  std::map<std::string, std::pair<std::vector<int>, std::vector<int>>> by_level;
  for (const auto& d : Domains()) {
    std::string code(d.code);
    if (first.count(code) == 0 || latest.count(code) == 0) {
      continue;
    }
    change[code] = {{"level", d.level}, {"first", first[code]}, {"latest", latest[code]},
                    {"delta", latest[code] - first[code]}};
    by_level[std::string(d.level)].first.push_back(first[code]);
    by_level[std::string(d.level)].second.push_back(latest[code]);
  }
  for (const auto& [level, pair] : by_level) {
    double f = Mean(pair.first);
    double l = Mean(pair.second);
    levels[level] = {{"first", f}, {"latest", l}, {"delta", l - f}};
  }
  return {{"change", change}, {"levels", levels}};
}

}  // namespace

nlohmann::json CaseService::AddAssessment(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  int64_t assessment = db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);  // an outsider learns nothing, not even input errors
    AssessmentInput in = ParseAssessmentInput(body, core::TodayShanghai());
    RequireState(row,
                 {state::kAssessing, state::kPlanning, state::kPlanPendingApproval, state::kInService,
                  state::kSuspended, state::kClosing},
                 "assessments are recorded from assessing until closing");
    if (in.kind == "closing" && row.state != state::kClosing) {
      throw core::Error(core::ErrorKind::kConflict, "invalid_state",
                        "the case is in state " + row.state + "; a closing assessment belongs to closing",
                        {{"kind", "invalid_state"}});
    }
    nlohmann::json a = {{"kind", in.kind}, {"assessed_on", in.assessed_on}, {"risk_level", in.risk_level},
                        {"summary", in.summary}, {"scores", nlohmann::json::array()}};
    for (const auto& s : in.scores) {
      a["scores"].push_back({{"domain", s.domain}, {"level", s.level}, {"score", s.score}, {"evidence", s.evidence},
                             {"strengths", s.strengths}});
    }
    int64_t new_id = InsertAssessment(c, row.organization_id, row.id, a, p.user_id);
    SetRiskLevel(c, row.id, in.risk_level);
    Event(c, p, row, "assessment", new_id, in.kind + ":" + in.risk_level);
    audit::Record(c, audit::ActorOf(p), {"assessment.create", "case", std::to_string(row.id), row.organization_id,
                                         {{"kind", {{"from", nullptr}, {"to", in.kind}}},
                                          {"risk_level", {{"from", nullptr}, {"to", in.risk_level}}}}});
    if (IsHighRisk(in.risk_level)) {
      RaiseAlert(c, p, row, "risk_level", in.risk_level, "评估风险等级：" + in.risk_level, new_id);
    }
    return new_id;
  });
  return db_.Read([&](db::Connection& c) {
    for (const auto& a : ListAssessments(c, id)) {
      if (a["id"] == assessment) {
        return a;
      }
    }
    throw std::logic_error("assessment vanished");
  });
}

nlohmann::json CaseService::Assessments(const access::Principal& p, int64_t id, const std::string& purpose) {
  return ReadPart(p, id, purpose, [&](db::Connection& c, const CaseRow& row) {
    nlohmann::json list = ListAssessments(c, row.id);
    nlohmann::json out = Change(list);
    out["data"] = list;
    return out;
  });
}

nlohmann::json CaseService::SavePlan(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    PlanInput in = ParsePlanInput(body);
    RequireState(row, {state::kPlanning, state::kInService}, "the plan is written in planning or revised in service");
    nlohmann::json staff = StaffOf(c, row.organization_id);
    for (int64_t user : in.responsible_user_ids) {
      if (std::none_of(staff.begin(), staff.end(), [&](const auto& m) { return m["id"] == user; })) {
        throw core::Error::Validation({{"interventions", "responsible_not_staff"}});
      }
    }
    nlohmann::json plan = {{"goals", in.goals}, {"interventions", in.interventions}, {"resources", in.resources}};
    auto current = CurrentPlan(c, row.id);
    int64_t plan_id = 0;
    int64_t version = 1;
    if (current && (*current)["status"] == "draft") {
      plan_id = (*current)["id"].get<int64_t>();
      version = (*current)["version"].get<int64_t>();
      UpdatePlanDraft(c, plan_id, plan);
    } else {
      // Submitted, approved or returned versions stay as they were: a change is a new version.
      version = current ? (*current)["version"].get<int64_t>() + 1 : 1;
      plan_id = InsertPlan(c, row.organization_id, row.id, version, plan, p.user_id);
    }
    Event(c, p, row, "plan_version", plan_id, "v" + std::to_string(version) + " draft");
  });
  return db_.Read([&](db::Connection& c) { return *CurrentPlan(c, id); });
}

nlohmann::json CaseService::SubmitPlan(const access::Principal& p, int64_t id) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    auto current = CurrentPlan(c, row.id);
    if (!current || (*current)["status"] != "draft") {
      throw core::Error::Conflict("plan_required", "there is no draft plan to submit");
    }
    int64_t plan_id = (*current)["id"].get<int64_t>();
    Move(c, p, row, state::kPlanPendingApproval, Via::kPlanSubmit, "");
    cases::SubmitPlan(c, plan_id);
    Event(c, p, row, "plan_version", plan_id, "v" + std::to_string((*current)["version"].get<int64_t>()) + " submitted");
  });
  return db_.Read([&](db::Connection& c) { return View(c, p, *FindCase(c, id)); });
}

nlohmann::json CaseService::DecidePlan(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kApprove);
    DecisionInput in = ParseDecisionInput(body, "approve", "return", "comment");
    auto current = CurrentPlan(c, row.id);
    if (row.state != state::kPlanPendingApproval || !current || (*current)["status"] != "submitted") {
      throw core::Error::Conflict("invalid_state", "the case is in state " + row.state + "; no plan awaits approval");
    }
    int64_t plan_id = (*current)["id"].get<int64_t>();
    bool approve = in.decision == "approve";
    cases::DecidePlan(c, plan_id, approve ? "approved" : "returned", p.user_id, in.comment);
    if (approve) {
      SupersedeApprovedPlans(c, row.id, plan_id);
    }
    Move(c, p, row, approve ? state::kInService : state::kPlanning, Via::kPlanDecision, in.comment);
    Event(c, p, row, "plan_decision", plan_id, approve ? "approved" : "returned", in.comment);
    audit::Record(c, audit::ActorOf(p), {approve ? "plan.approve" : "plan.return", "case", std::to_string(row.id),
                                         row.organization_id,
                                         {{"plan_version", {{"from", nullptr}, {"to", (*current)["version"]}}}}});
  });
  return db_.Read([&](db::Connection& c) { return View(c, p, *FindCase(c, id)); });
}

nlohmann::json CaseService::Plans(const access::Principal& p, int64_t id, const std::string& purpose) {
  return ReadPart(p, id, purpose,
                  [&](db::Connection& c, const CaseRow& row) { return nlohmann::json{{"data", ListPlans(c, row.id)}}; });
}

nlohmann::json CaseService::AddServiceRecord(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  int64_t record = db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    ServiceRecordInput in = ParseServiceRecordInput(body, core::TodayShanghai());
    RequireState(row, {state::kInService, state::kClosing, state::kFollowUp},
                 "services are recorded once the plan is approved and until follow-up");
    core::FieldErrors errors;
    if (!IsServiceType(c, in.service_type)) {
      errors.Add("service_type", "invalid");
    }
    std::vector<Participant> participants;
    for (int64_t person_id : in.participant_ids) {
      auto person = registry::FindPerson(c, person_id);
      if (person && person->household_id == row.household_id) {
        participants.push_back({person_id, row.id});
        continue;
      }
      // A group activity of a project gathers members of several of its cases.
      std::optional<int64_t> other;
      if (person && in.mode == "group_activity" && row.project_id) {
        other = ParticipantCase(c, person_id, row.organization_id, row.project_id);
      }
      if (!other) {
        errors.Add("participant_ids", "not_member");
        break;
      }
      participants.push_back({person_id, *other});
    }
    nlohmann::json staff = StaffOf(c, row.organization_id);
    for (int64_t user : in.staff_ids) {
      bool found = std::any_of(staff.begin(), staff.end(), [&](const auto& m) { return m["id"] == user; });
      if (!found) {
        errors.Add("staff_ids", "not_staff");
        break;
      }
    }
    errors.ThrowIfAny();
    ServiceRecordRow r;
    r.organization_id = row.organization_id;
    r.case_id = row.id;
    r.project_id = row.project_id;
    r.served_on = in.served_on;
    r.start_time = in.start_time;
    r.duration_minutes = in.duration_minutes;
    r.mode = in.mode;
    r.service_type = in.service_type;
    r.content = in.content;
    r.outcome = in.outcome;
    r.next_step = in.next_step;
    r.crisis = in.crisis;
    r.created_by = p.user_id;
    int64_t new_id = InsertServiceRecord(c, r, participants, in.staff_ids);
    Event(c, p, row, "service_record", new_id,
          in.service_type + " · " + std::to_string(participants.size()) + "人次 · " +
              std::to_string(in.duration_minutes) + "min");
    audit::Record(c, audit::ActorOf(p), {"service_record.create", "case", std::to_string(row.id), row.organization_id,
                                         {{"service_record_id", {{"from", nullptr}, {"to", new_id}}},
                                          {"person_times", {{"from", nullptr}, {"to", participants.size()}}}}});
    if (in.crisis) {
      RaiseAlert(c, p, row, "crisis", "critical", "服务记录标记危机：" + in.served_on, new_id);
    }
    return new_id;
  });
  return db_.Read([&](db::Connection& c) {
    for (const auto& r : ListServiceRecords(c, id, 50, 0)) {
      if (r["id"] == record) {
        return r;
      }
    }
    throw std::logic_error("service record vanished");
  });
}

nlohmann::json CaseService::ServiceRecords(const access::Principal& p, int64_t id, const http::Page& page,
                                           const std::string& purpose) {
  return ReadPart(p, id, purpose, [&](db::Connection& c, const CaseRow& row) {
    nlohmann::json list = ListServiceRecords(c, row.id, page.per, page.Offset());
    nlohmann::json totals = ServiceTotals(c, row.id);
    std::vector<nlohmann::json> data(list.begin(), list.end());
    nlohmann::json out = http::ListBody(std::move(data), totals["count"].get<int64_t>(), page);
    out["metadata"]["person_times"] = totals["person_times"];
    out["metadata"]["minutes"] = totals["minutes"];
    return out;
  });
}

nlohmann::json CaseService::Alerts(const access::Principal& p) {
  access::Require(p, perm::kAlertsAcknowledge);
  if (!p.organization_id) {
    throw core::Error::Forbidden("alerts belong to an organization");
  }
  access::Require(p, perm::kAlertsAcknowledge, access::OrganizationOnly(*p.organization_id));
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", OpenAlerts(c, *p.organization_id, 0)}}; });
}

nlohmann::json CaseService::AcknowledgeAlert(const access::Principal& p, int64_t alert_id, const nlohmann::json& body) {
  access::Require(p, perm::kAlertsAcknowledge);
  core::JsonReader in(body);
  std::string note = in.String("note", false, 500);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    auto alert = FindAlert(c, alert_id);
    if (!alert) {
      throw core::Error::NotFound("alert");
    }
    int64_t org = (*alert)["organization_id"].get<int64_t>();
    access::Require(p, perm::kAlertsAcknowledge, access::OrganizationOnly(org));
    if (!cases::AcknowledgeAlert(c, alert_id, p.user_id, note)) {
      throw core::Error::Conflict("already_acknowledged", "this alert was already acknowledged");
    }
    CaseRow row = *FindCase(c, (*alert)["case_id"].get<int64_t>());
    Event(c, p, row, "alert_ack", alert_id, (*alert)["message"].get<std::string>(), note);
    audit::Record(c, audit::ActorOf(p), {"alert.acknowledge", "alert", std::to_string(alert_id), org,
                                         {{"note", {{"from", nullptr}, {"to", note}}}}});
  });
  return db_.Read([&](db::Connection& c) { return *FindAlert(c, alert_id); });
}

nlohmann::json CaseService::Refer(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  int64_t referral = db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    ReferralInput in = ParseReferralInput(body);
    if (!IsOpen(row.state)) {
      throw core::Error::Conflict("invalid_state", "the case is in state " + row.state + "; it is no longer open");
    }
    if (in.to_organization_id) {
      if (*in.to_organization_id == row.organization_id) {
        throw core::Error::Validation({{"to_organization_id", "own_organization"}});
      }
      if (OrganizationName(c, *in.to_organization_id).empty()) {
        throw core::Error::Validation({{"to_organization_id", "not_found"}});
      }
      // Another organization sees the household only with the person's data-sharing consent.
      bool consent = false;
      if (row.primary_person_id) {
        consent = registry::HasActiveConsent(c, *row.primary_person_id, "data_sharing");
      } else {
        for (const auto& m : registry::ListMembers(c, row.household_id)) {
          consent = consent || registry::HasActiveConsent(c, m.id, "data_sharing");
        }
      }
      if (!consent) {
        throw core::Error::Conflict("consent_required",
                                    "a referral to another organization needs the data-sharing consent (数据共享同意)");
      }
      for (const auto& r : ListReferrals(c, row.organization_id, "outgoing", "pending", row.id)) {
        if (r["to_organization_id"] == *in.to_organization_id) {
          throw core::Error::Conflict("duplicate", "a referral to this organization is already pending");
        }
      }
    }
    int64_t new_id = InsertReferral(c, row.organization_id, row.id, in.to_organization_id, in.external_resource,
                                    in.mode, in.reason, p.user_id);
    Event(c, p, row, "referral", new_id, in.mode, in.reason);
    audit::Record(c, audit::ActorOf(p), {"referral.create", "referral", std::to_string(new_id), row.organization_id,
                                         {{"mode", {{"from", nullptr}, {"to", in.mode}}},
                                          {"to_organization_id", {{"from", nullptr},
                                                                  {"to", in.to_organization_id
                                                                             ? nlohmann::json(*in.to_organization_id)
                                                                             : nlohmann::json(nullptr)}}}}});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return *FindReferral(c, referral); });
}

nlohmann::json CaseService::Referrals(const access::Principal& p, const std::string& direction,
                                      const std::string& status) {
  access::Require(p, perm::kCasesRead);
  if (!p.organization_id) {
    throw core::Error::Forbidden("referrals are made between organizations");
  }
  access::Require(p, perm::kCasesRead, access::OrganizationOnly(*p.organization_id));
  core::FieldErrors errors;
  if (direction != "incoming" && direction != "outgoing") {
    errors.Add("direction", direction.empty() ? "required" : "invalid");
  }
  if (!status.empty() && status != "pending" && status != "accepted" && status != "declined" && status != "completed") {
    errors.Add("status", "invalid");
  }
  errors.ThrowIfAny();
  return db_.Read([&](db::Connection& c) {
    return nlohmann::json{{"data", ListReferrals(c, *p.organization_id, direction, status, 0)}};
  });
}

nlohmann::json CaseService::DecideReferral(const access::Principal& p, int64_t referral_id, const nlohmann::json& body) {
  access::Require(p, perm::kReferralsDecide);
  DecisionInput in = ParseDecisionInput(body, "accept", "decline", "reason");
  core::JsonReader extra(body);
  auto worker = extra.Int("social_worker_id", false, 1, INT64_MAX);
  auto supervisor = extra.Int("supervisor_id", false, 1, INT64_MAX);
  extra.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    auto referral = FindReferral(c, referral_id);
    if (!referral || (*referral)["to_organization_id"].is_null()) {
      throw core::Error::NotFound("referral");
    }
    int64_t to_org = (*referral)["to_organization_id"].get<int64_t>();
    access::Require(p, perm::kReferralsDecide, access::OrganizationOnly(to_org));
    if ((*referral)["status"] != "pending") {
      throw core::Error::Conflict("already_decided", "this referral was already " +
                                                         (*referral)["status"].get<std::string>());
    }
    CaseRow row = *FindCase(c, (*referral)["case_id"].get<int64_t>());
    std::optional<int64_t> new_case;
    bool accept = in.decision == "accept";
    if (accept && (*referral)["mode"] == "share") {
      InsertShare(c, row.organization_id, row.id, to_org, referral_id);
    } else if (accept && (*referral)["mode"] == "transfer") {
      core::FieldErrors errors;
      if (!worker || !HoldsRoleIn(c, *worker, to_org, "social_worker")) {
        if (!worker || !HoldsRoleIn(c, *worker, to_org, "supervisor")) {
          errors.Add("social_worker_id", worker ? "not_staff" : "required");
        }
      }
      if (!supervisor || !HoldsRoleIn(c, *supervisor, to_org, "supervisor")) {
        errors.Add("supervisor_id", supervisor ? "not_supervisor" : "required");
      }
      errors.ThrowIfAny();
      if (!IsOpen(row.state)) {
        throw core::Error::Conflict("invalid_state", "the case is in state " + row.state + "; it can no longer move");
      }
      int64_t household = registry::CopyHousehold(c, row.household_id, to_org);
      CaseRow moved;
      moved.organization_id = to_org;
      moved.household_id = household;
      moved.state = std::string(state::kReferred);
      moved.referral_source = "other_organization";
      moved.referral_note = (*referral)["reason"].get<std::string>();
      moved.presenting_problem = row.presenting_problem;
      moved.urgency = row.urgency;
      moved.social_worker_id = worker;
      moved.supervisor_id = supervisor;
      moved.transferred_from_case_id = row.id;
      moved.opened_on = core::TodayShanghai();
      new_case = InsertCase(c, moved);
      InsertEvent(c, EventRow{to_org, *new_case, "state_change", std::nullopt, std::string(state::kReferred),
                              moved.referral_note, referral_id, "", p.user_id});
      Move(c, p, row, state::kTransferred, Via::kTransfer, "转介至 " + OrganizationName(c, to_org));
    }
    if (!cases::DecideReferral(c, referral_id, accept ? "accepted" : "declined", p.user_id, in.comment, new_case)) {
      throw core::Error::Conflict("already_decided", "this referral was decided meanwhile");
    }
    InsertEvent(c, EventRow{row.organization_id, row.id, "referral", std::nullopt, std::nullopt, in.comment,
                            referral_id, accept ? "accepted" : "declined", p.user_id});
    audit::Record(c, audit::ActorOf(p), {accept ? "referral.accept" : "referral.decline", "referral",
                                         std::to_string(referral_id), to_org,
                                         {{"reason", {{"from", nullptr}, {"to", in.comment}}}}});
  });
  return db_.Read([&](db::Connection& c) { return *FindReferral(c, referral_id); });
}

nlohmann::json CaseService::ReferralOutcome(const access::Principal& p, int64_t referral_id, const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string outcome = in.String("outcome", true, 1000);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    auto referral = FindReferral(c, referral_id);
    if (!referral) {
      throw core::Error::NotFound("referral");
    }
    CaseRow row = Authorize(c, p, (*referral)["case_id"].get<int64_t>(), Need::kWrite);
    if (!SetReferralOutcome(c, referral_id, outcome)) {
      throw core::Error::Conflict("invalid_state", "only an external referral takes an outcome");
    }
    Event(c, p, row, "referral", referral_id, "completed", outcome);
  });
  return db_.Read([&](db::Connection& c) { return *FindReferral(c, referral_id); });
}

nlohmann::json CaseService::RecordClosing(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    RequireState(row, {state::kClosing}, "move it to closing first");
    std::vector<std::string> goal_keys;
    auto plans = ListPlans(c, row.id);
    for (const auto& plan : plans) {  // newest first: the approved (or last superseded) plan's goals
      if (plan["status"] == "approved") {
        for (const auto& g : plan["goals"]) {
          goal_keys.push_back(g["key"].get<std::string>());
        }
        break;
      }
    }
    ClosingInput in = ParseClosingInput(body, goal_keys);
    UpsertClosing(c, row.organization_id, row.id,
                  {{"reason", in.reason}, {"summary", in.summary}, {"goal_attainment", in.goal_attainment}}, p.user_id);
    Event(c, p, row, "closing", std::nullopt, in.reason);
  });
  return db_.Read([&](db::Connection& c) { return *FindClosing(c, id); });
}

nlohmann::json CaseService::SignOff(const access::Principal& p, int64_t id) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kApprove);
    RequireState(row, {state::kClosing}, "only a case in closing is signed off");
    auto closing = FindClosing(c, row.id);
    if (!closing) {
      throw core::Error::Conflict("closing_required", "record the closing (reason, summary, goals) first");
    }
    if (!HasAssessment(c, row.id, "closing")) {
      throw core::Error::Conflict("assessment_required", "record the closing assessment first");
    }
    SignOffClosing(c, row.id, p.user_id);
    Move(c, p, row, state::kClosed, Via::kSignOff, (*closing)["reason"].get<std::string>());
    std::string today = core::TodayShanghai();
    for (int months : {1, 3}) {
      InsertFollowUp(c, row.organization_id, row.id, core::AddMonths(today, months));
    }
    audit::Record(c, audit::ActorOf(p), {"case.sign_off", "case", std::to_string(row.id), row.organization_id,
                                         {{"reason", {{"from", nullptr}, {"to", (*closing)["reason"]}}}}});
  });
  return db_.Read([&](db::Connection& c) { return View(c, p, *FindCase(c, id)); });
}

nlohmann::json CaseService::CompleteFollowUp(const access::Principal& p, int64_t id, int64_t follow_up_id,
                                             const nlohmann::json& body) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    core::JsonReader in(body);
    std::string done_on = in.Date("done_on", true);
    if (!done_on.empty() && done_on > core::TodayShanghai()) {
      in.Add("done_on", "in_future");
    }
    std::string note = in.String("note", true, 2000);
    in.ThrowIfAny();
    auto follow_up = FindFollowUp(c, follow_up_id);
    if (!follow_up || (*follow_up)["case_id"] != row.id) {
      throw core::Error::NotFound("follow-up");
    }
    RequireState(row, {state::kClosed, state::kFollowUp}, "follow-ups come after the case is closed");
    if (!cases::CompleteFollowUp(c, follow_up_id, done_on, note, p.user_id)) {
      throw core::Error::Conflict("already_done", "this follow-up was already recorded");
    }
    if (row.state == state::kClosed) {
      Move(c, p, row, state::kFollowUp, Via::kFollowUp, "");
    }
    Event(c, p, row, "follow_up", follow_up_id, (*follow_up)["due_on"].get<std::string>(), note);
  });
  return db_.Read([&](db::Connection& c) { return *FindFollowUp(c, follow_up_id); });
}

}  // namespace bangyi::cases
