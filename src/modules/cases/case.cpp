#include "modules/cases/case.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/json_input.hpp"
#include "core/validation.hpp"

namespace bangyi::cases {

namespace {

constexpr size_t kText = 4000;  // long free texts: problem, content, summaries

void RequireNotAfter(core::JsonReader& in, const std::string& field, const std::string& date, const std::string& today) {
  if (!date.empty() && date > today) {
    in.Add(field, "in_future");
  }
}

// "HH:MM", 24-hour clock.
bool IsClockTime(const std::string& t) {
  auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(t[i])) != 0; };
  return t.size() == 5 && t[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4) && t.substr(0, 2) <= "23" &&
         t.substr(3) <= "59";
}

bool HasError(core::JsonReader& in, const std::string& field) {
  const auto& list = in.errors().list();
  return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.field == field; });
}

}  // namespace

const std::vector<Domain>& Domains() {
  static const std::vector<Domain> kAll = {
      {"health", "individual"},          {"mental_health", "individual"}, {"care_needs", "individual"},
      {"education", "individual"},       {"employment", "individual"},    {"family_relations", "interpersonal"},
      {"guardianship", "interpersonal"}, {"social_support", "interpersonal"}, {"economy", "environment"},
      {"housing", "environment"},        {"safety_risk", "environment"}};
  return kAll;
}

std::string_view LevelOf(std::string_view domain) {
  for (const auto& d : Domains()) {
    if (d.code == domain) {
      return d.level;
    }
  }
  return {};
}

bool IsHighRisk(std::string_view risk_level) { return risk_level == "high" || risk_level == "critical"; }

CaseInput ParseCaseInput(const nlohmann::json& body, const std::string& today) {
  core::JsonReader in(body);
  CaseInput c;
  c.household_id = in.Int("household_id", true, 1, INT64_MAX).value_or(0);
  c.primary_person_id = in.Int("primary_person_id", false, 1, INT64_MAX);
  c.project_id = in.Int("project_id", false, 1, INT64_MAX);
  c.referred_by_user_id = in.Int("referred_by_user_id", false, 1, INT64_MAX);
  c.referral_source = in.OneOf("referral_source", true,
                               {"self", "neighbourhood_committee", "community_adviser", "street_office",
                                "civil_affairs", "other_organization"});
  c.referral_note = in.String("referral_note", false, 500);
  c.presenting_problem = in.String("presenting_problem", true, kText);
  c.urgency = in.OneOf("urgency", true, {"normal", "urgent", "crisis"});
  c.social_worker_id = in.Int("social_worker_id", true, 1, INT64_MAX).value_or(0);
  c.supervisor_id = in.Int("supervisor_id", true, 1, INT64_MAX).value_or(0);
  c.consent_given_on = in.Date("consent_given_on", false);
  RequireNotAfter(in, "consent_given_on", c.consent_given_on, today);
  in.ThrowIfAny();
  return c;
}

TransitionInput ParseTransitionInput(const nlohmann::json& body) {
  core::JsonReader in(body);
  TransitionInput t;
  t.to = in.String("to", true, 64);
  t.reason = in.String("reason", false, 1000);
  in.ThrowIfAny();
  return t;
}

AssessmentInput ParseAssessmentInput(const nlohmann::json& body, const std::string& today) {
  core::JsonReader in(body);
  AssessmentInput a;
  a.kind = in.OneOf("kind", true, {"initial", "midterm", "closing"});
  a.assessed_on = in.Date("assessed_on", true);
  RequireNotAfter(in, "assessed_on", a.assessed_on, today);
  a.risk_level = in.OneOf("risk_level", true, {"low", "medium", "high", "critical"});
  a.summary = in.String("summary", false, kText);
  std::set<std::string> seen;
  in.Objects("scores", true, Domains().size(), [&](core::JsonReader& item, size_t) {
    Score s;
    s.domain = item.String("domain", true, 64);
    s.level = std::string(LevelOf(s.domain));
    if (!s.domain.empty() && (s.level.empty() || !seen.insert(s.domain).second)) {
      item.Add("domain", s.level.empty() ? "invalid" : "duplicate");
    }
    s.score = static_cast<int>(item.Int("score", true, 1, 5).value_or(0));
    s.evidence = item.String("evidence", false, 1000);
    s.strengths = item.String("strengths", false, 1000);
    a.scores.push_back(std::move(s));
  });
  if (in.errors().list().empty() && seen.size() != Domains().size()) {
    in.Add("scores", "incomplete");  // every domain is scored, so assessments compare
  }
  in.ThrowIfAny();
  return a;
}

PlanInput ParsePlanInput(const nlohmann::json& body) {
  core::JsonReader in(body);
  PlanInput p;
  in.Objects("goals", true, 20, [&](core::JsonReader& item, size_t i) {
    std::string title = item.String("title", true, 200);
    std::string indicator = item.String("indicator", true, 500);
    std::string target = item.Date("target_date", true);
    p.goals.push_back({{"key", "g" + std::to_string(i + 1)},
                       {"title", title},
                       {"indicator", indicator},
                       {"target_date", target}});
  });
  size_t goal_count = p.goals.size();
  in.Objects("interventions", false, 50, [&](core::JsonReader& item, size_t) {
    std::string description = item.String("description", true, 1000);
    auto goal_index = item.Int("goal_index", false, 0, 1000);
    if (goal_index && static_cast<size_t>(*goal_index) >= goal_count) {
      item.Add("goal_index", "out_of_range");
    }
    auto user = item.Int("responsible_user_id", false, 1, INT64_MAX);
    std::string name = item.String("responsible_name", false, 100);
    if (user) {
      p.responsible_user_ids.push_back(*user);
    }
    p.interventions.push_back({{"description", description},
                               {"goal_index", goal_index ? nlohmann::json(*goal_index) : nlohmann::json(nullptr)},
                               {"responsible_user_id", user ? nlohmann::json(*user) : nlohmann::json(nullptr)},
                               {"responsible_name", name}});
  });
  in.Objects("resources", false, 50, [&](core::JsonReader& item, size_t) {
    std::string name = item.String("name", true, 200);
    std::string note = item.String("note", false, 500);
    p.resources.push_back({{"name", name}, {"note", note}});
  });
  in.ThrowIfAny();
  return p;
}

ServiceRecordInput ParseServiceRecordInput(const nlohmann::json& body, const std::string& today) {
  core::JsonReader in(body);
  ServiceRecordInput r;
  r.served_on = in.Date("served_on", true);
  RequireNotAfter(in, "served_on", r.served_on, today);
  r.start_time = in.String("start_time", false, 5);
  if (!r.start_time.empty() && !IsClockTime(r.start_time)) {
    in.Add("start_time", "format");
  }
  r.duration_minutes = in.Int("duration_minutes", true, 1, 1440).value_or(0);
  r.mode = in.OneOf("mode", true, {"home_visit", "phone", "centre", "online", "group_activity"});
  r.service_type = in.String("service_type", true, 64);
  r.participant_ids = in.IdArray("participant_ids", 200);
  if (r.participant_ids.empty() && !HasError(in, "participant_ids")) {
    in.Add("participant_ids", "required");  // 人次 counts people: a record without any is not a service
  }
  r.staff_ids = in.IdArray("staff_ids", 50);
  r.content = in.String("content", true, kText);
  r.outcome = in.String("outcome", false, kText);
  r.next_step = in.String("next_step", false, 1000);
  r.crisis = in.Bool("crisis", false);
  in.ThrowIfAny();
  return r;
}

ReferralInput ParseReferralInput(const nlohmann::json& body) {
  core::JsonReader in(body);
  ReferralInput r;
  r.to_organization_id = in.Int("to_organization_id", false, 1, INT64_MAX);
  r.external_resource = in.String("external_resource", false, 200);
  r.reason = in.String("reason", true, 1000);
  if (r.to_organization_id && !r.external_resource.empty()) {
    in.Add("external_resource", "conflict");  // one or the other
  } else if (!r.to_organization_id && r.external_resource.empty() && !in.Has("to_organization_id")) {
    in.Add("to_organization_id", "required");
  }
  if (r.to_organization_id) {
    r.mode = in.OneOf("mode", true, {"share", "transfer"});
  } else {
    r.mode = "external";
  }
  in.ThrowIfAny();
  return r;
}

DecisionInput ParseDecisionInput(const nlohmann::json& body, std::string_view yes, std::string_view no,
                                 const std::string& comment_field) {
  core::JsonReader in(body);
  DecisionInput d;
  d.decision = in.OneOf("decision", true, {yes, no});
  d.comment = in.String(comment_field, d.decision == no, 1000);
  in.ThrowIfAny();
  return d;
}

ClosingInput ParseClosingInput(const nlohmann::json& body, const std::vector<std::string>& goal_keys) {
  core::JsonReader in(body);
  ClosingInput c;
  c.reason = in.OneOf("reason", true,
                      {"goals_met", "client_request", "transferred", "moved_away", "died", "lost_contact",
                       "no_longer_eligible"});
  c.summary = in.String("summary", true, kText);
  std::set<std::string> rated;
  in.Objects("goal_attainment", !goal_keys.empty(), 20, [&](core::JsonReader& item, size_t) {
    std::string key = item.String("goal_key", true, 16);
    if (!key.empty() &&
        (std::find(goal_keys.begin(), goal_keys.end(), key) == goal_keys.end() || !rated.insert(key).second)) {
      item.Add("goal_key", "invalid");
    }
    std::string attainment = item.OneOf("attainment", true, {"achieved", "partly", "not_achieved"});
    c.goal_attainment.push_back({{"goal_key", key}, {"attainment", attainment}});
  });
  if (in.errors().list().empty() && rated.size() != goal_keys.size()) {
    in.Add("goal_attainment", "incomplete");
  }
  in.ThrowIfAny();
  return c;
}

}  // namespace bangyi::cases
