// Case work: vocabularies and input rules (no HTTP, no SQL). docs/case-work.md is the contract.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace bangyi::cases {

// Assessment domains in display order, each with its level: individual, interpersonal, environment.
struct Domain {
  std::string_view code;
  std::string_view level;
};
const std::vector<Domain>& Domains();
// The level of a domain, or "" when it is not one.
std::string_view LevelOf(std::string_view domain);
bool IsHighRisk(std::string_view risk_level);  // high or critical: raises an alert

struct CaseInput {
  int64_t household_id = 0;
  std::optional<int64_t> primary_person_id;
  std::optional<int64_t> project_id;
  std::optional<int64_t> referred_by_user_id;  // the community adviser who referred the household
  std::string referral_source, referral_note, presenting_problem, urgency;
  int64_t social_worker_id = 0;
  int64_t supervisor_id = 0;
  std::string consent_given_on;  // "" when not captured now
};
CaseInput ParseCaseInput(const nlohmann::json& body, const std::string& today);

struct TransitionInput {
  std::string to;
  std::string reason;
};
TransitionInput ParseTransitionInput(const nlohmann::json& body);

struct Score {
  std::string domain, level;
  int score = 0;
  std::string evidence, strengths;
};
struct AssessmentInput {
  std::string kind, assessed_on, risk_level, summary;
  std::vector<Score> scores;  // every domain exactly once
};
AssessmentInput ParseAssessmentInput(const nlohmann::json& body, const std::string& today);

// Goals get stable keys ("g1", "g2", …) so closing can rate each one.
struct PlanInput {
  nlohmann::json goals = nlohmann::json::array();          // [{key, title, indicator, target_date}]
  nlohmann::json interventions = nlohmann::json::array();  // [{description, goal_index?, responsible_user_id?, responsible_name}]
  nlohmann::json resources = nlohmann::json::array();      // [{name, note}]
  std::vector<int64_t> responsible_user_ids;               // to check against the organization's staff
};
PlanInput ParsePlanInput(const nlohmann::json& body);

struct ServiceRecordInput {
  std::string served_on, start_time, mode, service_type, content, outcome, next_step;
  int64_t duration_minutes = 0;
  std::vector<int64_t> participant_ids, staff_ids;
  bool crisis = false;
};
ServiceRecordInput ParseServiceRecordInput(const nlohmann::json& body, const std::string& today);

struct ReferralInput {
  std::optional<int64_t> to_organization_id;
  std::string external_resource, mode, reason;  // mode: share | transfer | external
};
ReferralInput ParseReferralInput(const nlohmann::json& body);

struct DecisionInput {
  std::string decision, comment;
};
// `allowed` are the two decisions ("approve"/"return" or "accept"/"decline"); the comment is
// required for the second.
DecisionInput ParseDecisionInput(const nlohmann::json& body, std::string_view yes, std::string_view no,
                                 const std::string& comment_field);

struct ClosingInput {
  std::string reason, summary;
  nlohmann::json goal_attainment = nlohmann::json::array();  // [{goal_key, attainment}]
};
// `goal_keys` are the keys of the approved plan's goals; each must be rated once.
ClosingInput ParseClosingInput(const nlohmann::json& body, const std::vector<std::string>& goal_keys);

}  // namespace bangyi::cases
