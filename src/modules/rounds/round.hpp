// Funding rounds (项目创投): states, the transition table and the input rules (no HTTP, no SQL).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_input.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::rounds {

namespace state {
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kOpen = "open";
inline constexpr std::string_view kClosed = "closed";      // applications in review
inline constexpr std::string_view kNotice = "notice";      // 公示
inline constexpr std::string_view kDecided = "decided";
inline constexpr std::string_view kRunning = "running";
inline constexpr std::string_view kFinished = "finished";
}  // namespace state

bool IsState(std::string_view s);
// The program's target groups (children, elderly, serious_illness, disabled, women, policy_edge, other).
bool IsTargetGroup(const std::string& v);
// A list of strings each passing `valid` ("invalid" otherwise), duplicates dropped.
nlohmann::json Subset(core::JsonReader& in, const std::string& field, const std::function<bool(const std::string&)>& valid);
// The one order of a round's life: each state moves only to the next one.
bool CanTransition(std::string_view from, std::string_view to);
// The state after `from` ("" after finished or for an unknown state).
std::string_view NextState(std::string_view from);
// The rubric and the money rules may change only before review starts.
bool IsEditable(std::string_view s);
// From 公示 on the proposed projects are public.
bool IsPublic(std::string_view s);

struct RoundInput {
  std::string title, theme, guidelines, opens_at, closes_at, reporting;
  int64_t total_budget_cents = 0, min_grant_cents = 0, max_grant_cents = 0;
  nlohmann::json eligibility = nlohmann::json::object();
  nlohmann::json rubric = nlohmann::json::array();    // [{key, name, weight, scale}]
  nlohmann::json tranches = nlohmann::json::array();  // [{percent, gate}]
  int64_t min_reviewers = 3, notice_days = 7;
};

// The program's usual rubric (need 20 / design 25 / innovation 15 / budget 15 / capacity 15 /
// sustainability 10) and tranche split (50/30/20 gated by agreement, mid-term, final evaluation).
nlohmann::json DefaultRubric();
nlohmann::json DefaultTranches();

// Throws 422 naming every bad field. Omitted rubric and tranches take the defaults. Weights must
// sum to 100 ("rubric": "weights_sum"), tranche percents too ("tranches": "percent_sum").
RoundInput ParseRoundInput(const nlohmann::json& body, const divisions::DivisionIndex& divisions);

}  // namespace bangyi::rounds
