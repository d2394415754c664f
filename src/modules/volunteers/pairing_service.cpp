#include "modules/volunteers/pairing_service.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/units.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_state.hpp"
#include "modules/registry/registry.hpp"
#include "modules/registry/registry_repository.hpp"

namespace bangyi::volunteers {

namespace perm = access::permission;

namespace {

bool CaseIsOver(const cases::CaseRow& row) {
  return row.state == cases::state::kClosed || row.state == cases::state::kTransferred ||
         row.state == cases::state::kRejected;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item = core::Trim(item);
    if (!item.empty()) {
      out.push_back(item);
    }
  }
  return out;
}

nlohmann::json Transition(const std::string& from, const std::string& to) { return {{"from", from}, {"to", to}}; }

// The needs of a case: the domains its latest assessment scored 2 or lower.
std::vector<std::string> LowDomains(db::Connection& c, int64_t case_id) {
  std::vector<std::string> out;
  auto assessments = cases::ListAssessments(c, case_id);
  if (!assessments.empty()) {
    for (const auto& s : assessments.back()["scores"]) {
      if (s["score"].get<int64_t>() <= 2) {
        out.push_back(s["domain"].get<std::string>());
      }
    }
  }
  return out;
}

// The volunteer leaves the case's team (a declined or ended pairing: at most one is open per
// volunteer and family, so nothing else keeps them on it).
void LeaveTeam(db::Connection& c, int64_t case_id, int64_t volunteer_id, const std::string& on,
               const std::string& reason) {
  if (auto m = ActiveMember(c, case_id, "volunteer", volunteer_id)) {
    EndTeamMember(c, m->id, on, reason);
  }
}

}  // namespace

cases::CaseRow PairingService::ManagedCase(db::Connection& c, const access::Principal& p, int64_t case_id) const {
  access::Require(p, perm::kPairingsManage);
  auto row = cases::FindCase(c, case_id);
  if (!row) {
    throw core::Error::NotFound("case");
  }
  access::Require(p, perm::kPairingsManage, access::OrganizationOnly(row->organization_id));
  return *row;
}

VolunteerRow PairingService::Self(db::Connection& c, const access::Principal& p, bool active) const {
  access::Require(p, perm::kVolunteeringSelf);
  auto v = FindVolunteerByUser(c, p.user_id);
  if (!v) {
    throw core::Error::NotFound("volunteer profile");
  }
  if (active && v->status != "active") {
    throw core::Error(core::ErrorKind::kConflict, "volunteer_not_active",
                      "your volunteering is " + v->status + "; ask your organization", {});
  }
  return *v;
}

void PairingService::RaiseSafetyAlert(db::Connection& c, const access::Principal& p, const cases::CaseRow& row,
                                      const std::string& visited_on, int64_t visit_id) const {
  // A safety concern cannot wait for the weekly review: the case's crisis alert goes up now.
  std::string message = "志愿者探访报告安全隐患：" + visited_on;
  int64_t alert = cases::InsertAlert(c, row.organization_id, row.id, "crisis", "critical", message, visit_id);
  CaseEvent(c, p, row, "alert", alert, message);
  audit::Record(c, audit::ActorOf(p), {"alert.raise", "alert", std::to_string(alert), row.organization_id,
                                       {{"case_id", {{"from", nullptr}, {"to", row.id}}},
                                        {"level", {{"from", nullptr}, {"to", "critical"}}}}});
}

std::optional<PairingRow> PairingService::OwnPairing(db::Connection& c, const VolunteerRow& self, int64_t id) const {
  auto pr = FindPairing(c, id);
  if (!pr) {
    throw core::Error::NotFound("pairing");
  }
  if (pr->volunteer_id != self.id) {
    throw core::Error::Forbidden("this pairing is not yours");
  }
  return pr;
}

void PairingService::CaseEvent(db::Connection& c, const access::Principal& p, const cases::CaseRow& row,
                               const std::string& kind, int64_t ref_id, const std::string& summary) const {
  cases::InsertEvent(c, cases::EventRow{row.organization_id, row.id, kind, std::nullopt, std::nullopt, "", ref_id,
                                        summary, p.user_id});
  cases::TouchCase(c, row.id);
}

// --- Teams -------------------------------------------------------------------------------------

nlohmann::json PairingService::Team(const access::Principal& p, int64_t case_id) {
  return db_.Read([&](db::Connection& c) {
    auto row = cases::FindCase(c, case_id);
    if (!row) {
      access::Require(p, perm::kCasesRead);
      throw core::Error::NotFound("case");
    }
    auto org = access::OrganizationOnly(row->organization_id);
    bool manages = p.Covers(perm::kPairingsManage, org);
    if (!manages && !p.Covers(perm::kCasesRead, org)) {
      auto self = p.Has(perm::kVolunteeringSelf) ? FindVolunteerByUser(c, p.user_id) : std::nullopt;
      if (!self || !ActiveMember(c, case_id, "volunteer", self->id)) {
        throw core::Error::Forbidden("only the case's organization and its team see the team");
      }
    }
    nlohmann::json lead = nullptr;
    if (row->social_worker_id) {
      lead = {{"user_id", *row->social_worker_id}, {"name", cases::DisplayName(c, *row->social_worker_id)}};
    }
    return nlohmann::json{{"case_id", case_id}, {"lead", lead}, {"members", ListTeam(c, case_id)}, {"can_manage", manages}};
  });
}

nlohmann::json PairingService::AddMember(const access::Principal& p, int64_t case_id, const nlohmann::json& body) {
  core::JsonReader in(body);
  TeamMemberRow m;
  m.kind = in.OneOf("kind", true, {"social_worker", "adviser", "volunteer", "professional"});
  m.role = in.String("role", false, 50);
  m.started_on = in.Date("started_on", true);
  const char* ref_field = m.kind == "volunteer" ? "volunteer_id" : m.kind == "professional" ? "professional_id" : "user_id";
  std::optional<int64_t> ref = m.kind.empty() ? std::nullopt : in.Int(ref_field, true, 1, INT64_MAX);
  if (!m.started_on.empty() && m.started_on > core::TodayShanghai()) {
    in.Add("started_on", "out_of_range");
  }
  in.ThrowIfAny();
  int64_t id = db_.Write([&](db::Connection& c) {
    auto row = ManagedCase(c, p, case_id);
    if (CaseIsOver(row)) {
      throw core::Error::Conflict("case_closed", "the case is " + row.state);
    }
    m.organization_id = row.organization_id;
    m.case_id = case_id;
    if (m.kind == "volunteer") {
      auto status = MembershipStatus(c, row.organization_id, *ref);
      if (!FindVolunteer(c, *ref) || status != "approved") {
        throw core::Error::Validation({{"volunteer_id", FindVolunteer(c, *ref) ? "not_member" : "unknown"}});
      }
      m.volunteer_id = ref;
    } else if (m.kind == "professional") {
      auto pro = FindProfessional(c, *ref);
      if (!pro || (*pro)["organization_id"].get<int64_t>() != row.organization_id) {
        throw core::Error::Validation({{"professional_id", "unknown"}});
      }
      m.professional_id = ref;
    } else if (m.kind == "adviser") {
      if (!cases::IsCommunityAdviser(c, *ref)) {
        throw core::Error::Validation({{"user_id", "not_adviser"}});
      }
      m.user_id = ref;
    } else {
      if (!cases::HoldsRoleIn(c, *ref, row.organization_id, "social_worker") &&
          !cases::HoldsRoleIn(c, *ref, row.organization_id, "supervisor")) {
        throw core::Error::Validation({{"user_id", "not_staff"}});
      }
      m.user_id = ref;
    }
    if (ActiveMember(c, case_id, m.kind, *ref)) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "already on the team", {{ref_field, "duplicate"}});
    }
    int64_t new_id = InsertTeamMember(c, m, p.user_id);
    CaseEvent(c, p, row, "team_member", new_id, m.kind + " · " + TeamMemberJson(c, new_id)["name"].get<std::string>());
    audit::Changes changes;
    changes.Set("kind", m.kind).Set(ref_field, *ref).Set("role", m.role);
    audit::Record(c, audit::ActorOf(p), {"team.add", "case", std::to_string(case_id), row.organization_id, changes.json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return TeamMemberJson(c, id); });
}

nlohmann::json PairingService::EndMember(const access::Principal& p, int64_t case_id, int64_t member_id,
                                         const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string ended_on = in.Date("ended_on", true);
  std::string reason = in.String("reason", true, 200);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    auto row = ManagedCase(c, p, case_id);
    auto m = FindTeamMember(c, member_id);
    if (!m || m->case_id != case_id) {
      throw core::Error::NotFound("team member");
    }
    if (m->ended_on) {
      throw core::Error::Conflict("already_ended", "this member left the team on " + *m->ended_on);
    }
    if (ended_on < m->started_on) {
      throw core::Error::Validation({{"ended_on", "before_start"}});
    }
    EndTeamMember(c, member_id, ended_on, reason);
    audit::Record(c, audit::ActorOf(p), {"team.end", "case", std::to_string(case_id), row.organization_id,
                                         {{"member_id", Transition("", std::to_string(member_id))},
                                          {"reason", {{"from", nullptr}, {"to", reason}}}}});
  });
  return db_.Read([&](db::Connection& c) { return TeamMemberJson(c, member_id); });
}

nlohmann::json PairingService::SetGrants(const access::Principal& p, int64_t case_id, int64_t member_id,
                                         const nlohmann::json& body) {
  core::JsonReader in(body);
  std::vector<std::string> grants = in.StringArray("grants", 3, 16);
  if (!in.Has("grants")) {
    in.Add("grants", "required");
  }
  for (const auto& g : grants) {
    if (g != "id_number" && g != "income" && g != "health") {
      in.Add("grants", "invalid");
      break;
    }
  }
  std::string reason = in.String("reason", true, 200);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    auto row = ManagedCase(c, p, case_id);
    // The lead decides what a volunteer may know; a supervisor may stand in.
    bool lead = row.social_worker_id == p.user_id;
    if (!lead && !p.Covers(perm::kCasesApprove, access::OrganizationOnly(row.organization_id))) {
      throw core::Error::Forbidden("only the case's lead social worker or a supervisor grants access");
    }
    auto m = FindTeamMember(c, member_id);
    if (!m || m->case_id != case_id) {
      throw core::Error::NotFound("team member");
    }
    if (m->kind != "volunteer" || m->ended_on) {
      throw core::Error::Conflict("not_active_volunteer", "grants are for current volunteer members");
    }
    volunteers::SetGrants(c, member_id, grants);
    audit::Record(c, audit::ActorOf(p), {"team.grant", "case", std::to_string(case_id), row.organization_id,
                                         {{"member_id", {{"from", nullptr}, {"to", member_id}}},
                                          {"grants", {{"from", m->grants}, {"to", grants}}},
                                          {"reason", {{"from", nullptr}, {"to", reason}}}}});
  });
  return db_.Read([&](db::Connection& c) { return TeamMemberJson(c, member_id); });
}

nlohmann::json PairingService::VolunteerView(const access::Principal& p, int64_t case_id) {
  nlohmann::json grants;
  int64_t org = 0;
  nlohmann::json out = db_.Read([&](db::Connection& c) {
    VolunteerRow self = Self(c, p, /*active=*/true);
    auto row = cases::FindCase(c, case_id);
    if (!row) {
      throw core::Error::NotFound("case");
    }
    auto member = ActiveMember(c, case_id, "volunteer", self.id);
    if (!member) {
      throw core::Error::Forbidden("you are not on this case's team");
    }
    org = row->organization_id;
    grants = member->grants;
    auto has = [&](const char* g) { return std::find(grants.begin(), grants.end(), g) != grants.end(); };
    auto household = registry::FindHousehold(c, row->household_id);
    std::string today = core::TodayShanghai();
    std::vector<int64_t> persons;
    nlohmann::json pairings = nlohmann::json::array();
    PairingFilter f;
    f.case_id = case_id;
    f.volunteer_id = self.id;
    for (const auto& pr : ListPairings(c, f)) {
      for (const auto& id : pr["person_ids"]) {
        persons.push_back(id.get<int64_t>());
      }
      pairings.push_back({{"id", pr["id"]}, {"status", pr["status"]}, {"purpose", pr["purpose"]},
                          {"cadence", pr["cadence"]}, {"started_on", pr["started_on"]}});
    }
    nlohmann::json members = nlohmann::json::array();
    nlohmann::json id_numbers = nlohmann::json::array();
    nlohmann::json health = nlohmann::json::array();
    for (const auto& person : registry::ListMembers(c, row->household_id)) {
      if (std::find(persons.begin(), persons.end(), person.id) == persons.end()) {
        continue;  // only the people the pairing serves
      }
      members.push_back({{"person_id", person.id}, {"given_name", GivenName(person.name)},
                         {"relation", person.relation}, {"age", AgeOn(person.birth_date, today)}});
      if (has("id_number") && !person.id_number_enc.empty()) {
        id_numbers.push_back({{"person_id", person.id},
                              {"id_number", cipher_.Decrypt(person.id_number_enc, registry::kIdNumberAad).value_or("")}});
      }
      if (has("health")) {
        auto text = person.conditions_enc.empty() ? std::optional<std::string>("{}")
                                                  : cipher_.Decrypt(person.conditions_enc, registry::kConditionsAad);
        health.push_back({{"person_id", person.id}, {"conditions", nlohmann::json::parse(text.value_or("{}"))}});
      }
    }
    nlohmann::json needs = LowDomains(c, case_id);
    nlohmann::json view = {{"case_id", case_id},
                           {"case_number", row->case_number},
                           {"district_code", household ? household->district_code : ""},
                           {"street_code", household ? household->street_code : ""},
                           {"members", members},
                           {"needs", needs},
                           {"pairings", pairings},
                           {"grants", grants},
                           {"granted", nlohmann::json::object()}};
    if (has("id_number")) view["granted"]["id_numbers"] = id_numbers;
    if (has("health")) view["granted"]["health"] = health;
    if (has("income")) view["granted"]["income"] = registry::FinanceMonths(c, row->household_id);
    return view;
  });
  if (!grants.empty()) {
    // Granted details left the system to a volunteer: on record, without the values.
    db_.Write([&](db::Connection& c) {
      audit::Record(c, audit::ActorOf(p), {"case.volunteer_view", "case", std::to_string(case_id), org,
                                           {{"granted", {{"from", nullptr}, {"to", grants}}}}});
    });
  }
  return out;
}

// --- Pairing -----------------------------------------------------------------------------------

nlohmann::json PairingService::Suggestions(const access::Principal& p, int64_t case_id, int64_t limit,
                                           const std::string& languages, const std::string& slots) {
  core::FieldErrors errors;
  auto language_codes = SplitCodes(languages);
  auto slot_codes = SplitCodes(slots);
  for (const auto& code : language_codes) {
    if (!IsIn(Languages(), code)) {
      errors.Add("languages", "invalid");
      break;
    }
  }
  for (const auto& code : slot_codes) {
    if (!IsIn(Slots(), code)) {
      errors.Add("slots", "invalid");
      break;
    }
  }
  if (limit < 1 || limit > 50) {
    errors.Add("limit", "out_of_range");
  }
  errors.ThrowIfAny();
  auto started = std::chrono::steady_clock::now();
  std::string today = core::TodayShanghai();
  return db_.Read([&](db::Connection& c) {
    auto row = ManagedCase(c, p, case_id);
    Need need;
    need.capacity = volunteers_.settings().max_active_pairings;
    auto household = registry::FindHousehold(c, row.household_id);
    if (household) {
      need.district_code = household->district_code;
      need.street_code = household->street_code;
    }
    bool elderly = false;
    for (const auto& person : registry::ListMembers(c, row.household_id)) {
      int age = AgeOn(person.birth_date, today);
      need.has_minor = need.has_minor || age < 18;
      elderly = elderly || age >= 70;
    }
    need.languages = !language_codes.empty() ? MaskOf(language_codes, Languages())
                                             : MaskOf({elderly ? "shanghainese" : "mandarin"}, Languages());
    need.slots = MaskOf(slot_codes, Slots());
    for (const auto& domain : LowDomains(c, case_id)) {
      AddSkillGroup(need, SkillsForDomain(domain));
    }
    if (auto plan = cases::CurrentPlan(c, case_id)) {
      for (const auto& item : (*plan)["interventions"]) {
        for (uint64_t group : SkillsForText(item.value("description", ""))) {
          AddSkillGroup(need, group);
        }
      }
    }
    auto candidates = CandidatesOf(c, row.organization_id, today, need);
    // Volunteers already paired with this family are not suggested again.
    PairingFilter open;
    open.case_id = case_id;
    open.status = "open";
    std::vector<int64_t> paired;
    for (const auto& pr : ListPairings(c, open)) {
      paired.push_back(pr["volunteer_id"].get<int64_t>());
    }
    std::sort(paired.begin(), paired.end());
    auto before = candidates.size();
    std::erase_if(candidates,
                  [&](const Candidate& k) { return std::binary_search(paired.begin(), paired.end(), k.id); });
    int already_paired = static_cast<int>(before - candidates.size());
    Ranking ranking = Rank(candidates, need, static_cast<size_t>(limit));
    nlohmann::json data = nlohmann::json::array();
    for (const auto& s : ranking.top) {
      auto v = FindVolunteer(c, s.candidate->id);
      nlohmann::json parts = nlohmann::json::array();
      for (const auto& part : s.parts) {
        parts.push_back(PartJson(part));
      }
      data.push_back({{"volunteer_id", s.candidate->id},
                      {"name", v ? v->name : ""},
                      {"district_code", v ? v->district_code : ""},
                      {"street_code", v ? v->street_code : ""},
                      {"skills", CodesOf(s.candidate->skills, Skills())},
                      {"languages", CodesOf(s.candidate->languages, Languages())},
                      {"open_pairings", s.candidate->active_pairings},
                      {"score", s.score},
                      {"parts", parts}});
    }
    uint64_t all_needed = 0;
    for (uint64_t g : need.skill_groups) {
      all_needed |= g;
    }
    nlohmann::json groups = nlohmann::json::array();
    for (uint64_t g : need.skill_groups) {
      groups.push_back(CodesOf(g, Skills()));
    }
    auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    return nlohmann::json{{"data", data},
                          {"considered", ranking.considered},
                          {"excluded",
                           {{"background_check", ranking.excluded_background_check},
                            {"at_capacity", ranking.excluded_at_capacity},
                            {"already_paired", already_paired}}},
                          {"needs",
                           {{"skills", CodesOf(all_needed, Skills())},
                            {"skill_groups", groups},
                            {"languages", CodesOf(need.languages, Languages())},
                            {"slots", CodesOf(need.slots, Slots())},
                            {"has_minor", need.has_minor},
                            {"capacity", need.capacity}}},
                          {"took_ms", static_cast<double>(took.count()) / 1000.0}};
  });
}

nlohmann::json PairingService::Propose(const access::Principal& p, int64_t case_id, const nlohmann::json& body) {
  std::string today = core::TodayShanghai();
  core::JsonReader in(body);
  PairingRow pr;
  std::optional<int64_t> volunteer_id = in.Int("volunteer_id", true, 1, INT64_MAX);
  pr.purpose = in.String("purpose", true, 500);
  pr.cadence = in.OneOf("cadence", true, {"weekly", "biweekly", "monthly"});
  pr.started_on = in.Date("started_on", true);
  std::string planned_end = in.Date("planned_end_on", false);
  if (!planned_end.empty() && !pr.started_on.empty() && planned_end <= pr.started_on) {
    in.Add("planned_end_on", "before_start");
  }
  std::vector<int64_t> person_ids = in.IdArray("person_ids", 20);
  in.ThrowIfAny();
  pr.planned_end_on = planned_end.empty() ? std::nullopt : std::optional(planned_end);
  int64_t id = db_.Write([&](db::Connection& c) {
    auto row = ManagedCase(c, p, case_id);
    if (CaseIsOver(row)) {
      throw core::Error::Conflict("case_closed", "the case is " + row.state);
    }
    // Touching the volunteer's row first serializes concurrent proposals for one volunteer (a
    // row lock on PostgreSQL; SQLite has one writer), so the cap and the duplicate check hold.
    if (!LockVolunteer(c, *volunteer_id)) {
      throw core::Error::Validation({{"volunteer_id", "unknown"}});
    }
    auto v = FindVolunteer(c, *volunteer_id);
    if (MembershipStatus(c, row.organization_id, v->id) != "approved") {
      throw core::Error::Validation({{"volunteer_id", "not_member"}});
    }
    if (v->status != "active") {
      throw core::Error(core::ErrorKind::kConflict, "volunteer_not_active", "the volunteer is " + v->status,
                        {{"volunteer_id", "not_active"}});
    }
    auto members = registry::ListMembers(c, row.household_id);
    bool has_minor = std::any_of(members.begin(), members.end(),
                                 [&](const auto& m) { return AgeOn(m.birth_date, today) < 18; });
    if (has_minor &&
        !BackgroundCheckValid(v->background_check_status, v->background_check_on.value_or(""), today)) {
      throw core::Error(core::ErrorKind::kConflict, "background_check_missing",
                        "the household has a minor and the volunteer has no valid background check",
                        {{"volunteer_id", "background_check_missing"}});
    }
    if (OpenPairingsOf(c, v->id) >= volunteers_.settings().max_active_pairings) {
      throw core::Error(core::ErrorKind::kConflict, "at_capacity", "the volunteer already holds the most pairings allowed",
                        {{"volunteer_id", "at_capacity"}});
    }
    PairingFilter open;
    open.case_id = case_id;
    open.volunteer_id = v->id;
    open.status = "open";
    if (!ListPairings(c, open).empty()) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "this volunteer is already paired with this case",
                        {{"volunteer_id", "duplicate"}});
    }
    for (size_t i = 0; i < person_ids.size(); ++i) {
      bool member = std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.id == person_ids[i]; });
      if (!member) {
        throw core::Error::Validation({{"person_ids[" + std::to_string(i) + "]", "not_member"}});
      }
    }
    if (person_ids.empty()) {
      if (row.primary_person_id) {
        person_ids.push_back(*row.primary_person_id);
      } else {
        for (const auto& m : members) {
          person_ids.push_back(m.id);
        }
      }
    }
    pr.organization_id = row.organization_id;
    pr.case_id = case_id;
    pr.volunteer_id = v->id;
    pr.person_ids = person_ids;
    int64_t new_id = InsertPairing(c, pr, p.user_id);
    if (!ActiveMember(c, case_id, "volunteer", v->id)) {
      TeamMemberRow m;
      m.organization_id = row.organization_id;
      m.case_id = case_id;
      m.kind = "volunteer";
      m.role = "pairing";
      m.volunteer_id = v->id;
      m.started_on = pr.started_on < today ? pr.started_on : today;
      InsertTeamMember(c, m, p.user_id);
    }
    CaseEvent(c, p, row, "pairing", new_id, "结对 · " + v->name + " · " + pr.cadence);
    audit::Changes changes;
    changes.Set("volunteer_id", v->id).Set("cadence", pr.cadence).Set("started_on", pr.started_on).Set("status", "proposed");
    audit::Record(c, audit::ActorOf(p), {"pairing.propose", "pairing", std::to_string(new_id), row.organization_id,
                                         changes.json()});
    return new_id;
  });
  return Get(p, id);
}

nlohmann::json PairingService::PairingJson(const nlohmann::json& row, const std::string& today) {
  nlohmann::json out = row;
  std::string from = row["last_visit_on"].is_string() ? row["last_visit_on"].get<std::string>()
                                                      : row["started_on"].get<std::string>();
  std::string cadence = row["cadence"].get<std::string>();
  bool running = row["status"] == "active";
  out["next_due_on"] = running ? nlohmann::json(NextDue(from, cadence)) : nlohmann::json(nullptr);
  out["overdue"] = running && MissedCadence(from, cadence, today);
  return out;
}

nlohmann::json PairingService::List(const access::Principal& p, const PairingQuery& q, const http::Page& page) {
  access::Require(p, perm::kPairingsManage);
  if (!p.organization_id || !p.Covers(perm::kPairingsManage, access::OrganizationOnly(*p.organization_id))) {
    throw core::Error::Forbidden("the pairing board is an organization's");
  }
  if (!q.status.empty() && q.status != "open" && q.status != "proposed" && q.status != "active" &&
      q.status != "paused" && q.status != "ended" && q.status != "declined") {
    throw core::Error::Validation({{"status", "invalid"}});
  }
  std::string today = core::TodayShanghai();
  return db_.Read([&](db::Connection& c) {
    PairingFilter f;
    f.organization_id = *p.organization_id;
    f.status = q.status;
    f.social_worker_id = q.mine ? p.user_id : 0;
    std::vector<nlohmann::json> rows;
    for (const auto& r : ListPairings(c, f)) {
      auto j = PairingJson(r, today);
      if (!q.overdue || j["overdue"].get<bool>()) {
        rows.push_back(std::move(j));
      }
    }
    int64_t total = static_cast<int64_t>(rows.size());
    auto begin = std::min<size_t>(rows.size(), static_cast<size_t>(page.Offset()));
    auto end = std::min<size_t>(rows.size(), begin + static_cast<size_t>(page.per));
    return http::ListBody(std::vector<nlohmann::json>(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                                      rows.begin() + static_cast<std::ptrdiff_t>(end)),
                          total, page);
  });
}

PairingRow PairingService::ReadablePairing(db::Connection& c, const access::Principal& p, int64_t id,
                                           bool* manages) const {
  if (!p.Has(perm::kPairingsManage) && !p.Has(perm::kVolunteeringSelf)) {
    throw core::Error::Forbidden("missing permission pairings.manage");
  }
  auto pr = FindPairing(c, id);
  if (!pr) {
    throw core::Error::NotFound("pairing");
  }
  *manages = p.Covers(perm::kPairingsManage, access::OrganizationOnly(pr->organization_id));
  if (*manages) {
    return *pr;
  }
  auto self = p.Has(perm::kVolunteeringSelf) ? FindVolunteerByUser(c, p.user_id) : std::nullopt;
  if (self && self->id == pr->volunteer_id) {
    return *pr;
  }
  throw core::Error::Forbidden("this pairing is not yours");
}

nlohmann::json PairingService::Get(const access::Principal& p, int64_t id) {
  std::string today = core::TodayShanghai();
  return db_.Read([&](db::Connection& c) {
    bool manages = false;
    PairingRow pr = ReadablePairing(c, p, id, &manages);
    PairingFilter f;
    f.id = pr.id;
    nlohmann::json out = PairingJson(ListPairings(c, f).at(0), today);
    if (!manages) {
      out.erase("case_number");  // the volunteer knows the family, not the file
    }
    out["visits"] = ListVisits(c, id);
    bool mine = !manages;
    out["can"] = {{"manage", manages},
                  {"respond", mine && pr.status == "proposed"},
                  {"log", mine && pr.status == "active"}};
    return out;
  });
}

nlohmann::json PairingService::Respond(const access::Principal& p, int64_t id, bool accept, const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string reason = accept ? in.String("reason", false, 200) : in.String("reason", true, 200);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    VolunteerRow self = Self(c, p, /*active=*/true);
    auto pr = OwnPairing(c, self, id);
    std::string to = accept ? "active" : "declined";
    if (pr->status != "proposed" || !MovePairing(c, id, "proposed", to, reason, std::nullopt)) {
      throw core::Error::Conflict("not_proposed", "the pairing is " + pr->status);
    }
    auto row = cases::FindCase(c, pr->case_id);
    if (!accept) {
      LeaveTeam(c, pr->case_id, self.id, core::TodayShanghai(), "declined");
    }
    CaseEvent(c, p, *row, "pairing", id, std::string(accept ? "志愿者接受结对" : "志愿者婉拒结对") + " · " + self.name);
    audit::Record(c, audit::ActorOf(p), {"pairing." + std::string(accept ? "accept" : "decline"), "pairing",
                                         std::to_string(id), pr->organization_id,
                                         {{"status", Transition("proposed", to)}}});
  });
  return Get(p, id);
}

nlohmann::json PairingService::Move(const access::Principal& p, int64_t id, const std::string& action,
                                    const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string reason = in.String("reason", action != "resume", 200);
  in.ThrowIfAny();
  std::string to = action == "pause" ? "paused" : action == "resume" ? "active" : "ended";
  db_.Write([&](db::Connection& c) {
    auto pr = FindPairing(c, id);
    if (!pr) {
      access::Require(p, perm::kPairingsManage);
      throw core::Error::NotFound("pairing");
    }
    auto row = ManagedCase(c, p, pr->case_id);
    if (!CanMovePairing(pr->status, to)) {
      throw core::Error(core::ErrorKind::kConflict, "invalid_transition",
                        "the pairing is " + pr->status + " and cannot become " + to, {{"status", "invalid_transition"}});
    }
    std::string today = core::TodayShanghai();
    if (!MovePairing(c, id, pr->status, to, reason, to == "ended" ? std::optional(today) : std::nullopt)) {
      throw core::Error::Conflict("stale", "the pairing changed meanwhile; reload it");
    }
    if (to == "ended") {
      LeaveTeam(c, pr->case_id, pr->volunteer_id, today, reason);
    }
    CaseEvent(c, p, row, "pairing", id, "结对 · " + pr->status + " → " + to);
    audit::Changes changes;
    changes.Diff("status", pr->status, to);
    if (!reason.empty()) {
      changes.Set("reason", reason);
    }
    audit::Record(c, audit::ActorOf(p), {"pairing." + action, "pairing", std::to_string(id), pr->organization_id,
                                         changes.json()});
  });
  return Get(p, id);
}

nlohmann::json PairingService::Me(const access::Principal& p) {
  std::string today = core::TodayShanghai();
  return db_.Read([&](db::Connection& c) {
    VolunteerRow self = Self(c, p, /*active=*/false);
    PairingFilter f;
    f.volunteer_id = self.id;
    nlohmann::json pairings = nlohmann::json::array();
    for (const auto& r : ListPairings(c, f)) {
      if (r["status"] == "declined") {
        continue;
      }
      nlohmann::json j = PairingJson(r, today);
      auto row = cases::FindCase(c, r["case_id"].get<int64_t>());
      auto household = row ? registry::FindHousehold(c, row->household_id) : std::nullopt;
      nlohmann::json names = nlohmann::json::array();
      for (const auto& id : r["person_ids"]) {
        if (auto person = registry::FindPerson(c, id.get<int64_t>())) {
          names.push_back(GivenName(person->name));
        }
      }
      j.erase("case_number");
      j.erase("social_worker_id");
      j["family"] = {{"street_code", household ? household->street_code : ""},
                     {"district_code", household ? household->district_code : ""},
                     {"given_names", names}};
      j["visits"] = ListVisits(c, r["id"].get<int64_t>());
      pairings.push_back(std::move(j));
    }
    auto minutes = VolunteerMinutes(c, self.id, "", "");
    nlohmann::json certificates = ListCertificates(c, self.id);
    for (auto& cert : certificates) {
      cert["hours"] = core::Hours(cert["minutes"].get<int64_t>());
    }
    return nlohmann::json{{"volunteer", volunteers_.ProfileJson(c, self, self.organization_id)},
                          {"hours", {{"confirmed_minutes", minutes.confirmed}, {"pending_minutes", minutes.pending}}},
                          {"pairings", pairings},
                          {"certificates", certificates}};
  });
}

// --- Visits ------------------------------------------------------------------------------------

nlohmann::json PairingService::LogVisit(const access::Principal& p, int64_t pairing_id, const nlohmann::json& body) {
  std::string today = core::TodayShanghai();
  int64_t id = db_.Write([&](db::Connection& c) {
    VolunteerRow self = Self(c, p, /*active=*/true);
    auto pr = OwnPairing(c, self, pairing_id);
    if (pr->status != "active") {
      throw core::Error::Conflict("pairing_not_active", "visits are logged on an active pairing; this one is " + pr->status);
    }
    VisitInput in = ParseVisitInput(body, pr->started_on, today);
    if (!in.service_type.empty() && !cases::IsServiceType(c, in.service_type)) {
      throw core::Error::Validation({{"service_type", "invalid"}});
    }
    VisitRow v;
    v.organization_id = pr->organization_id;
    v.pairing_id = pairing_id;
    v.case_id = pr->case_id;
    v.volunteer_id = self.id;
    v.visited_on = in.visited_on;
    v.duration_minutes = in.duration_minutes;
    v.activities = in.activities;
    v.service_type = in.service_type.empty() ? "social_integration" : in.service_type;
    v.concerns = in.concerns;
    int64_t new_id = InsertVisit(c, v);
    auto row = cases::FindCase(c, pr->case_id);
    CaseEvent(c, p, *row, "visit", new_id, "志愿者探访 · " + in.visited_on + " · " + std::to_string(in.duration_minutes) + "min");
    audit::Record(c, audit::ActorOf(p), {"visit.log", "pairing", std::to_string(pairing_id), pr->organization_id,
                                         {{"visit_id", {{"from", nullptr}, {"to", new_id}}},
                                          {"duration_minutes", {{"from", nullptr}, {"to", in.duration_minutes}}}}});
    if (in.safety) {
      RaiseSafetyAlert(c, p, *row, in.visited_on, new_id);
    }
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return VisitJson(c, id); });
}

nlohmann::json PairingService::EditVisit(const access::Principal& p, int64_t visit_id, const nlohmann::json& body) {
  std::string today = core::TodayShanghai();
  db_.Write([&](db::Connection& c) {
    VolunteerRow self = Self(c, p, /*active=*/true);
    auto v = FindVisit(c, visit_id);
    if (!v) {
      throw core::Error::NotFound("visit");
    }
    if (v->volunteer_id != self.id) {
      throw core::Error::Forbidden("this visit is not yours");
    }
    if (v->status == "confirmed") {
      throw core::Error::Conflict("visit_confirmed", "a confirmed visit is part of the case record");
    }
    auto pr = FindPairing(c, v->pairing_id);
    VisitInput in = ParseVisitInput(body, pr->started_on, today);
    if (!in.service_type.empty() && !cases::IsServiceType(c, in.service_type)) {
      throw core::Error::Validation({{"service_type", "invalid"}});
    }
    VisitRow before = *v;
    v->visited_on = in.visited_on;
    v->duration_minutes = in.duration_minutes;
    v->activities = in.activities;
    v->service_type = in.service_type.empty() ? before.service_type : in.service_type;
    v->concerns = in.concerns;
    if (!UpdateVisit(c, *v)) {
      throw core::Error::Conflict("visit_confirmed", "the visit was confirmed meanwhile");
    }
    bool had_safety = std::any_of(before.concerns.begin(), before.concerns.end(),
                                  [](const auto& x) { return x["type"] == "safety"; });
    if (in.safety && !had_safety) {
      RaiseSafetyAlert(c, p, *cases::FindCase(c, v->case_id), in.visited_on, visit_id);
    }
    audit::Changes changes;
    changes.Diff("visited_on", before.visited_on, v->visited_on)
        .Diff("duration_minutes", before.duration_minutes, v->duration_minutes)
        .Diff("concerns", before.concerns, v->concerns)
        .Diff("status", before.status, "logged");
    audit::Record(c, audit::ActorOf(p), {"visit.update", "pairing", std::to_string(v->pairing_id), v->organization_id,
                                         changes.json()});
  });
  return db_.Read([&](db::Connection& c) { return VisitJson(c, visit_id); });
}

nlohmann::json PairingService::Visits(const access::Principal& p, int64_t pairing_id) {
  return db_.Read([&](db::Connection& c) {
    bool manages = false;
    ReadablePairing(c, p, pairing_id, &manages);
    return nlohmann::json{{"data", ListVisits(c, pairing_id)}};
  });
}

nlohmann::json PairingService::VisitQueue(const access::Principal& p, const std::string& status, bool mine) {
  access::Require(p, perm::kPairingsManage);
  if (!p.organization_id || !p.Covers(perm::kPairingsManage, access::OrganizationOnly(*p.organization_id))) {
    throw core::Error::Forbidden("the visit queue is an organization's");
  }
  if (status != "logged" && status != "queried" && status != "confirmed") {
    throw core::Error::Validation({{"status", "invalid"}});
  }
  return db_.Read([&](db::Connection& c) {
    return nlohmann::json{{"data", volunteers::VisitQueue(c, *p.organization_id, status, mine ? p.user_id : 0)}};
  });
}

nlohmann::json PairingService::ConfirmVisit(const access::Principal& p, int64_t visit_id) {
  db_.Write([&](db::Connection& c) {
    auto v = FindVisit(c, visit_id);
    if (!v) {
      access::Require(p, perm::kPairingsManage);
      throw core::Error::NotFound("visit");
    }
    auto row = ManagedCase(c, p, v->case_id);
    if (v->status != "logged") {
      throw core::Error::Conflict("not_pending", "the visit is " + v->status);
    }
    if (row.state != cases::state::kInService && row.state != cases::state::kClosing &&
        row.state != cases::state::kFollowUp) {
      throw core::Error::Conflict("case_not_in_service",
                                  "services are recorded once the plan is approved and until follow-up; the case is " +
                                      row.state);
    }
    auto pr = FindPairing(c, v->pairing_id);
    auto volunteer = FindVolunteer(c, v->volunteer_id);
    std::vector<cases::Participant> participants;
    for (const auto& id : pr->person_ids) {
      auto person = registry::FindPerson(c, id.get<int64_t>());
      if (person && person->household_id == row.household_id) {
        participants.push_back({person->id, row.id});
      }
    }
    bool safety = std::any_of(v->concerns.begin(), v->concerns.end(), [](const auto& x) { return x["type"] == "safety"; });
    cases::ServiceRecordRow r;
    r.organization_id = row.organization_id;
    r.case_id = row.id;
    r.project_id = row.project_id;
    r.served_on = v->visited_on;
    r.duration_minutes = v->duration_minutes;
    r.mode = "home_visit";
    r.service_type = v->service_type;
    r.content = "志愿者结对探访（" + volunteer->name + "）：" + v->activities;
    r.crisis = safety;
    r.created_by = p.user_id;
    std::vector<int64_t> staff;
    if (volunteer->user_id) {
      staff.push_back(*volunteer->user_id);  // the volunteer's minutes count as volunteer hours in indicators
    }
    int64_t record = cases::InsertServiceRecord(c, r, participants, staff);
    if (!volunteers::ConfirmVisit(c, visit_id, record, row.project_id, p.user_id)) {
      throw core::Error::Conflict("not_pending", "the visit changed meanwhile");
    }
    CaseEvent(c, p, row, "service_record", record,
              r.service_type + " · " + std::to_string(participants.size()) + "人次 · " +
                  std::to_string(r.duration_minutes) + "min · 志愿者探访");
    audit::Record(c, audit::ActorOf(p), {"visit.confirm", "pairing", std::to_string(v->pairing_id), row.organization_id,
                                         {{"visit_id", {{"from", nullptr}, {"to", visit_id}}},
                                          {"service_record_id", {{"from", nullptr}, {"to", record}}},
                                          {"status", Transition("logged", "confirmed")}}});
  });
  return db_.Read([&](db::Connection& c) { return VisitJson(c, visit_id); });
}

nlohmann::json PairingService::QueryVisit(const access::Principal& p, int64_t visit_id, const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string comment = in.String("comment", true, 500);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    auto v = FindVisit(c, visit_id);
    if (!v) {
      access::Require(p, perm::kPairingsManage);
      throw core::Error::NotFound("visit");
    }
    auto row = ManagedCase(c, p, v->case_id);
    if (!volunteers::QueryVisit(c, visit_id, comment)) {
      throw core::Error::Conflict("not_pending", "the visit is " + v->status);
    }
    audit::Record(c, audit::ActorOf(p), {"visit.query", "pairing", std::to_string(v->pairing_id), row.organization_id,
                                         {{"visit_id", {{"from", nullptr}, {"to", visit_id}}},
                                          {"status", Transition("logged", "queried")}}});
  });
  return db_.Read([&](db::Connection& c) { return VisitJson(c, visit_id); });
}

}  // namespace bangyi::volunteers
