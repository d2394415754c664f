#include "modules/cases/case_service.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case.hpp"
#include "modules/registry/registry_repository.hpp"

namespace bangyi::cases {

namespace perm = access::permission;

namespace {


nlohmann::json Person(const std::optional<int64_t>& id, const nlohmann::json& name) {
  if (!id) {
    return nullptr;
  }
  return {{"id", *id}, {"name", name.is_string() ? name : nlohmann::json("")}};
}

// The summary as the contract names it: worker and supervisor as {id, name}.
nlohmann::json Summary(nlohmann::json row) {
  auto take = [&](const char* id, const char* name) {
    nlohmann::json out = row[id].is_null() ? nlohmann::json(nullptr) : Person(row[id].get<int64_t>(), row[name]);
    row.erase(id);
    row.erase(name);
    return out;
  };
  row["social_worker"] = take("social_worker_id", "social_worker_name");
  row["supervisor"] = take("supervisor_id", "supervisor_name");
  return row;
}

nlohmann::json Summaries(const nlohmann::json& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    out.push_back(Summary(r));
  }
  return out;
}

}  // namespace

bool CaseService::SeesOrganizationWide(const access::Principal& p, const CaseRow& row) const {
  if (!p.Covers(perm::kCasesRead, access::OrganizationOnly(row.organization_id))) {
    return false;
  }
  if (settings_.social_worker_scope != "own" || row.social_worker_id == p.user_id ||
      row.supervisor_id == p.user_id) {
    return true;
  }
  // Supervisors and administrators keep the organization-wide view under the "own" setting.
  return p.Covers(perm::kCasesApprove, access::OrganizationOnly(row.organization_id)) ||
         p.Covers(perm::kAlertsAcknowledge, access::OrganizationOnly(row.organization_id));
}

CaseRow CaseService::Authorize(db::Connection& c, const access::Principal& p, int64_t id, Need need,
                               const std::string* purpose, bool* inspected) {
  if (!p.Has(perm::kCasesRead) && !p.Has(perm::kCasesInspect)) {
    throw core::Error::Forbidden("missing permission cases.read");
  }
  auto row = FindCase(c, id);
  if (!row) {
    throw core::Error::NotFound("case");
  }
  if (need == Need::kWrite || need == Need::kApprove) {
    std::string_view needed = need == Need::kWrite ? perm::kCasesWrite : perm::kCasesApprove;
    access::Require(p, needed, access::OrganizationOnly(row->organization_id));
    if (!SeesOrganizationWide(p, *row)) {
      throw core::Error::Forbidden("this case is assigned to another social worker");
    }
    return *row;
  }
  if (SeesOrganizationWide(p, *row)) {
    return *row;
  }
  if (p.organization_id && p.Has(perm::kCasesRead) && IsSharedWith(c, id, *p.organization_id)) {
    return *row;
  }
  if (p.Has(perm::kCasesRead) && row->referred_by_user_id == p.user_id) {
    return *row;
  }
  if (p.HasPlatform(perm::kCasesInspect)) {
    if (purpose == nullptr || core::Utf8Length(*purpose) < 2) {
      throw core::Error::Validation({{"purpose", purpose == nullptr || purpose->empty() ? "required" : "too_short"}});
    }
    if (inspected != nullptr) {
      *inspected = true;
    }
    return *row;
  }
  throw core::Error::Forbidden("this case belongs to another organization");
}

nlohmann::json CaseService::ReadPart(const access::Principal& p, int64_t id, const std::string& purpose,
                                     const Part& part) {
  bool inspected = false;
  int64_t org = 0;
  nlohmann::json out = db_.Read([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kRead, &purpose, &inspected);
    org = row.organization_id;
    return part(c, row);
  });
  if (inspected) {
    // Foundation staff looked into one case: who, which case and why stay on record.
    db_.Write([&](db::Connection& c) {
      audit::Record(c, audit::ActorOf(p), {"case.view", "case", std::to_string(id), org,
                                           {{"purpose", {{"from", nullptr}, {"to", purpose}}}}});
    });
  }
  return out;
}

void CaseService::Event(db::Connection& c, const access::Principal& p, const CaseRow& row, const std::string& kind,
                        std::optional<int64_t> ref_id, const std::string& summary, const std::string& reason) {
  InsertEvent(c, EventRow{row.organization_id, row.id, kind, std::nullopt, std::nullopt, reason, ref_id, summary,
                          p.user_id});
  TouchCase(c, row.id);
}

void CaseService::Move(db::Connection& c, const access::Principal& p, CaseRow& row, std::string_view to, Via via,
                       const std::string& reason) {
  const cases::Transition* t = FindTransition(row.state, to);
  if (t == nullptr || t->via != via) {
    throw core::Error(core::ErrorKind::kConflict, "invalid_transition",
                      "the case is in state " + row.state + " and cannot move to " + std::string(to),
                      {{"to", "invalid_transition"}});
  }
  if (t->reason_required && core::Utf8Length(reason) < 2) {
    throw core::Error::Validation({{"reason", reason.empty() ? "required" : "too_short"}});
  }
  std::optional<std::string> closed_on;
  if (to == state::kClosed || to == state::kTransferred || to == state::kRejected) {
    closed_on = core::TodayShanghai();
  }
  if (!UpdateState(c, row.id, row.state, std::string(to), closed_on)) {
    throw core::Error::Conflict("stale", "the case changed meanwhile; reload it");
  }
  InsertEvent(c, EventRow{row.organization_id, row.id, "state_change", row.state, std::string(to), reason,
                          std::nullopt, "", p.user_id});
  audit::Changes changes;
  changes.Diff("state", row.state, std::string(to));
  if (!reason.empty()) {
    changes.Set("reason", reason);
  }
  audit::Record(c, audit::ActorOf(p), {"case.transition", "case", std::to_string(row.id), row.organization_id,
                                       changes.json()});
  row.state = std::string(to);
}

void CaseService::RaiseAlert(db::Connection& c, const access::Principal& p, const CaseRow& row,
                             const std::string& kind, const std::string& level, const std::string& message,
                             int64_t source_id) {
  int64_t alert = InsertAlert(c, row.organization_id, row.id, kind, level, message, source_id);
  Event(c, p, row, "alert", alert, message);
  audit::Record(c, audit::ActorOf(p), {"alert.raise", "alert", std::to_string(alert), row.organization_id,
                                       {{"case_id", {{"from", nullptr}, {"to", row.id}}},
                                        {"level", {{"from", nullptr}, {"to", level}}}}});
}

nlohmann::json CaseService::View(db::Connection& c, const access::Principal& p, const CaseRow& row) {
  nlohmann::json out = Summary(*CaseSummary(c, row.id));
  out["referral_note"] = row.referral_note;
  out["transferred_from_case_id"] = row.transferred_from_case_id ? nlohmann::json(*row.transferred_from_case_id)
                                                                 : nlohmann::json(nullptr);
  auto household = registry_.HouseholdView(c, row.household_id);
  out["household"] = household ? *household : nlohmann::json(nullptr);
  bool can_write = p.Covers(perm::kCasesWrite, access::OrganizationOnly(row.organization_id)) && SeesOrganizationWide(p, row);
  out["can"] = {{"write", can_write},
                {"approve", p.Covers(perm::kCasesApprove, access::OrganizationOnly(row.organization_id))},
                {"acknowledge", p.Covers(perm::kAlertsAcknowledge, access::OrganizationOnly(row.organization_id))}};
  out["allowed_transitions"] = can_write ? GenericTargets(row.state) : std::vector<std::string>{};
  auto plan = CurrentPlan(c, row.id);
  out["plan"] = plan ? *plan : nlohmann::json(nullptr);
  out["assessments"] = ListAssessments(c, row.id);
  out["open_alerts"] = OpenAlerts(c, row.organization_id, row.id);
  auto closing = FindClosing(c, row.id);
  out["closing"] = closing ? *closing : nlohmann::json(nullptr);
  out["follow_ups"] = ListFollowUps(c, row.id);
  out["referrals"] = ListReferrals(c, row.organization_id, "outgoing", "", row.id);
  out["service_totals"] = ServiceTotals(c, row.id);
  return out;
}

nlohmann::json CaseService::Staff(const access::Principal& p) {
  if (!p.organization_id ||
      !(p.Covers(perm::kCasesRead, access::OrganizationOnly(*p.organization_id)) || p.Covers(perm::kUsersRead, access::OrganizationOnly(*p.organization_id)))) {
    throw core::Error::Forbidden("staff lists are for an organization's own staff");
  }
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", StaffOf(c, *p.organization_id)}}; });
}

nlohmann::json CaseService::ServiceTypes(const access::Principal& p, bool all) {
  // Volunteers choose a service type when they log a visit.
  if (!p.Has(perm::kCasesRead) && !p.Has(perm::kCasesInspect) && !p.Has(perm::kCatalogueManage) &&
      !p.Has(perm::kVolunteeringSelf)) {
    throw core::Error::Forbidden("missing permission cases.read");
  }
  bool with_retired = all && p.HasPlatform(perm::kCatalogueManage);
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", ListServiceTypes(c, with_retired)}}; });
}

nlohmann::json CaseService::SaveServiceType(const access::Principal& p, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kCatalogueManage);
  core::JsonReader in(body);
  std::string code = in.String("code", true, 40);
  bool code_ok = !code.empty() && std::all_of(code.begin(), code.end(), [](unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
  if (!code.empty() && !code_ok) {
    in.Add("code", "format");  // lower-case letters, digits and _: it is stored in every record
  }
  std::string name_zh = in.String("name_zh", true, 40);
  std::string name_en = in.String("name_en", true, 60);
  bool active = in.Bool("active", true);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    UpsertServiceType(c, code, name_zh, name_en, active);
    audit::Record(c, audit::ActorOf(p), {"service_type.save", "service_type", code, std::nullopt,
                                         {{"name_zh", {{"from", nullptr}, {"to", name_zh}}},
                                          {"active", {{"from", nullptr}, {"to", active}}}}});
  });
  return ServiceTypes(p, true);
}

nlohmann::json CaseService::ReferralTargets(const access::Principal& p, const std::string& q) {
  access::Require(p, perm::kCasesWrite);
  if (!p.organization_id) {
    throw core::Error::Forbidden("referrals are made by organizations");
  }
  access::Require(p, perm::kCasesWrite, access::OrganizationOnly(*p.organization_id));
  if (core::Utf8Length(q) > 50) {
    throw core::Error::Validation({{"q", "too_long"}});
  }
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", cases::ReferralTargets(c, *p.organization_id, q, 20)}}; });
}

nlohmann::json CaseService::List(const access::Principal& p, const CaseListQuery& q, const http::Page& page) {
  access::Require(p, perm::kCasesRead);
  if (!q.state.empty() && q.state != "open" && !IsState(q.state)) {
    throw core::Error::Validation({{"state", "invalid"}});
  }
  CaseFilter f;
  f.state = q.state;
  f.household_id = q.household_id;
  if (p.organization_id && p.Covers(perm::kCasesRead, access::OrganizationOnly(*p.organization_id))) {
    f.organization_id = *p.organization_id;
    f.shared_with = *p.organization_id;
    CaseRow probe;  // the "own" setting: a plain social worker lists only their cases
    probe.organization_id = *p.organization_id;
    if (!SeesOrganizationWide(p, probe)) {
      f.social_worker = p.user_id;
    }
    if (q.mine) {
      f.worker_or_supervisor = p.user_id;
    }
  } else {
    f.referred_by = p.user_id;  // a community adviser: the cases they referred
  }
  return db_.Read([&](db::Connection& c) {
    nlohmann::json rows = Summaries(ListCaseSummaries(c, f, page.per, page.Offset()));
    std::vector<nlohmann::json> data(rows.begin(), rows.end());
    return http::ListBody(std::move(data), CountCases(c, f), page);
  });
}

nlohmann::json CaseService::Create(const access::Principal& p, const nlohmann::json& body) {
  access::Require(p, perm::kCasesWrite);
  if (!p.organization_id) {
    throw core::Error::Forbidden("cases are kept by organizations; this account belongs to none");
  }
  int64_t org = *p.organization_id;
  access::Require(p, perm::kCasesWrite, access::OrganizationOnly(org));
  std::string today = core::TodayShanghai();
  CaseInput in = ParseCaseInput(body, today);
  int64_t id = db_.Write([&](db::Connection& c) {
    core::FieldErrors errors;
    auto household = registry::FindHousehold(c, in.household_id);
    if (!household || household->organization_id != org) {
      errors.Add("household_id", household ? "other_organization" : "not_found");
    }
    if (in.primary_person_id) {
      auto person = registry::FindPerson(c, *in.primary_person_id);
      if (!person || person->household_id != in.household_id) {
        errors.Add("primary_person_id", "not_member");
      }
    } else if (!in.consent_given_on.empty()) {
      errors.Add("primary_person_id", "required");  // consent is given by a person
    }
    if (!HoldsRoleIn(c, in.social_worker_id, org, "social_worker") &&
        !HoldsRoleIn(c, in.social_worker_id, org, "supervisor")) {
      errors.Add("social_worker_id", "not_staff");
    }
    if (!HoldsRoleIn(c, in.supervisor_id, org, "supervisor")) {
      errors.Add("supervisor_id", "not_supervisor");
    }
    if (in.project_id && !IsOpenProjectOf(c, *in.project_id, org)) {
      errors.Add("project_id", "not_project");
    }
    if (in.referred_by_user_id && !IsCommunityAdviser(c, *in.referred_by_user_id)) {
      errors.Add("referred_by_user_id", "not_adviser");
    }
    errors.ThrowIfAny();
    if (OpenCaseOfHousehold(c, org, in.household_id)) {
      throw core::Error(core::ErrorKind::kConflict, "open_case_exists",
                        "this household already has an open case in this organization", {{"household_id", "open_case_exists"}});
    }
    CaseRow row;
    row.organization_id = org;
    row.household_id = in.household_id;
    row.primary_person_id = in.primary_person_id;
    row.project_id = in.project_id;
    row.referred_by_user_id = in.referred_by_user_id;
    row.state = std::string(state::kIntake);
    row.referral_source = in.referral_source;
    row.referral_note = in.referral_note;
    row.presenting_problem = in.presenting_problem;
    row.urgency = in.urgency;
    row.social_worker_id = in.social_worker_id;
    row.supervisor_id = in.supervisor_id;
    row.opened_on = today;
    int64_t new_id = InsertCase(c, row);
    row.id = new_id;
    InsertEvent(c, EventRow{org, new_id, "state_change", std::nullopt, std::string(state::kIntake), "", std::nullopt,
                            "", p.user_id});
    if (!in.consent_given_on.empty() && !registry::HasActiveConsent(c, *in.primary_person_id, "service")) {
      int64_t consent = registry::InsertConsent(
          c, registry::ConsentRow{org, *in.primary_person_id, "service", in.consent_given_on, "接案时签署", p.user_id});
      Event(c, p, row, "consent", consent, "service");
    }
    audit::Changes changes;
    changes.Set("household_id", in.household_id)
        .Set("referral_source", in.referral_source)
        .Set("urgency", in.urgency)
        .Set("social_worker_id", in.social_worker_id)
        .Set("supervisor_id", in.supervisor_id);
    audit::Record(c, audit::ActorOf(p), {"case.create", "case", std::to_string(new_id), org, changes.json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return View(c, p, *FindCase(c, id)); });
}

nlohmann::json CaseService::Get(const access::Principal& p, int64_t id, const std::string& purpose) {
  return ReadPart(p, id, purpose, [&](db::Connection& c, const CaseRow& row) { return View(c, p, row); });
}

nlohmann::json CaseService::Timeline(const access::Principal& p, int64_t id, const std::string& purpose) {
  return ReadPart(p, id, purpose, [&](db::Connection& c, const CaseRow& row) {
    nlohmann::json events = nlohmann::json::array();
    for (auto e : ListEvents(c, row.id)) {
      e["actor"] = e["actor_id"].is_null() ? nlohmann::json(nullptr) : Person(e["actor_id"].get<int64_t>(), e["actor_name"]);
      e.erase("actor_id");
      e.erase("actor_name");
      events.push_back(std::move(e));
    }
    return nlohmann::json{{"data", events}};
  });
}

nlohmann::json CaseService::Transition(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    TransitionInput in = ParseTransitionInput(body);
    if (!IsState(in.to)) {
      throw core::Error::Validation({{"to", "invalid"}});
    }
    if (row.state == state::kAssessing && in.to == state::kPlanning && !HasAssessment(c, id, "initial")) {
      throw core::Error::Conflict("assessment_required", "record the initial assessment before planning");
    }
    Move(c, p, row, in.to, Via::kGeneric, in.reason);
  });
  return db_.Read([&](db::Connection& c) { return View(c, p, *FindCase(c, id)); });
}

nlohmann::json CaseService::WorkQueue(const access::Principal& p) {
  access::Require(p, perm::kCasesRead);
  std::string today = core::TodayShanghai();
  nlohmann::json out = {{"cases_by_state", nlohmann::json::object()},
                        {"recent", nlohmann::json::array()},
                        {"alerts", nlohmann::json::array()},
                        {"plans_awaiting_approval", nlohmann::json::array()},
                        {"closings_awaiting_sign_off", nlohmann::json::array()},
                        {"follow_ups_due", nlohmann::json::array()},
                        {"assessments_due", nlohmann::json::array()},
                        {"referrals_incoming", nlohmann::json::array()}};
  if (!p.organization_id || !p.Covers(perm::kCasesRead, access::OrganizationOnly(*p.organization_id))) {
    CaseFilter f;
    f.referred_by = p.user_id;
    return db_.Read([&](db::Connection& c) {
      out["recent"] = Summaries(ListCaseSummaries(c, f, 20, 0));
      out["cases_by_state"] = CountByState(c, f);
      return out;
    });
  }
  int64_t org = *p.organization_id;
  // An administrator oversees the whole organization; workers and supervisors see their own cases.
  bool overseer = !p.Covers(perm::kCasesWrite, access::OrganizationOnly(org));
  int64_t mine = overseer ? 0 : p.user_id;
  return db_.Read([&](db::Connection& c) {
    CaseFilter f;
    f.organization_id = org;
    f.worker_or_supervisor = mine;
    out["cases_by_state"] = CountByState(c, f);
    out["recent"] = Summaries(RecentCases(c, org, mine, 10));
    if (p.Covers(perm::kAlertsAcknowledge, access::OrganizationOnly(org))) {
      out["alerts"] = OpenAlerts(c, org, 0);
    }
    if (p.Covers(perm::kCasesApprove, access::OrganizationOnly(org))) {
      out["plans_awaiting_approval"] = Summaries(CasesInState(c, org, std::string(state::kPlanPendingApproval), mine, 50));
      out["closings_awaiting_sign_off"] = Summaries(CasesInState(c, org, std::string(state::kClosing), mine, 50));
    }
    for (const auto& due : FollowUpsDue(c, org, mine, today)) {
      auto summary = CaseSummary(c, due["case_id"].get<int64_t>());
      out["follow_ups_due"].push_back({{"case", Summary(*summary)}, {"follow_up", due}});
    }
    out["assessments_due"] = Summaries(AssessmentsDue(c, org, mine, core::AddMonths(today, -3)));
    if (p.Covers(perm::kReferralsDecide, access::OrganizationOnly(org))) {
      out["referrals_incoming"] = ListReferrals(c, org, "incoming", "pending", 0);
    }
    return out;
  });
}

nlohmann::json CaseService::DuplicateCheck(const access::Principal& p, const std::string& id_number,
                                           const std::string& name, const std::string& birth_date,
                                           const std::string& street_code) {
  access::Require(p, perm::kHouseholdsRead);
  if (!p.organization_id) {
    throw core::Error::Forbidden("the duplicate check is for organizations' intake");
  }
  access::Require(p, perm::kHouseholdsRead, access::OrganizationOnly(*p.organization_id));
  std::string today = core::TodayShanghai();
  std::vector<registry::PersonRow> found;
  std::string by;
  if (!id_number.empty()) {
    std::string why;
    auto parsed = core::ParseResidentId(id_number, today, &why);
    if (!parsed) {
      throw core::Error::Validation({{"id_number", why == "checksum" ? "checksum" : "format"}});
    }
    by = "id_number";
    found = db_.Read([&](db::Connection& c) { return registry::FindPersonsEverywhereByIdIndex(c, registry_.IdIndex(parsed->normalized)); });
  } else {
    core::FieldErrors errors;
    if (name.empty()) {
      errors.Add("name", "required");
    }
    if (!core::IsIsoDate(birth_date)) {
      errors.Add("birth_date", birth_date.empty() ? "required" : "format");
    }
    if (street_code.empty()) {
      errors.Add("street_code", "required");
    }
    errors.ThrowIfAny();
    by = "name";
    std::string key = core::NameKey(name);
    for (auto& person : db_.Read([&](db::Connection& c) {
           return registry::FindPersonsByBirthDateAndStreet(c, birth_date, street_code);
         })) {
      if (core::NameKey(person.name) == key) {
        found.push_back(std::move(person));
      }
    }
  }
  int64_t own = *p.organization_id;
  nlohmann::json data = db_.Write([&](db::Connection& c) {
    std::map<int64_t, nlohmann::json> by_org;
    for (const auto& person : found) {
      auto& entry = by_org[person.organization_id];
      if (entry.is_null()) {
        entry = {{"organization_id", person.organization_id},
                 {"organization_name", OrganizationName(c, person.organization_id)},
                 {"same_organization", person.organization_id == own},
                 {"cases", nlohmann::json::array()}};
      }
      CaseFilter f;
      f.organization_id = person.organization_id;
      f.household_id = person.household_id;
      bool shares = person.organization_id == own || registry::HasActiveConsent(c, person.id, "data_sharing");
      for (const auto& k : ListCaseSummaries(c, f, 20, 0)) {
        nlohmann::json item = {{"state", k["state"]}};
        if (shares) {
          item["case_number"] = k["case_number"];
          item["opened_on"] = k["opened_on"];
        }
        entry["cases"].push_back(item);
      }
      if (shares) {
        entry["person_id"] = person.id;
        entry["household_id"] = person.household_id;
        entry["person_name"] = person.name;
        entry["data_sharing_consent"] = person.organization_id != own;
      }
    }
    nlohmann::json list = nlohmann::json::array();
    for (auto& [org, entry] : by_org) {
      list.push_back(std::move(entry));
    }
    // A lookup across organizations by a person's identifiers is itself sensitive: on record.
    audit::Record(c, audit::ActorOf(p), {"person.duplicate_check", "person", std::nullopt, own,
                                         {{"by", {{"from", nullptr}, {"to", by}}},
                                          {"organizations_found", {{"from", nullptr}, {"to", list.size()}}}}});
    return list;
  });
  return {{"data", data}};
}

}  // namespace bangyi::cases
