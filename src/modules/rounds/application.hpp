// Applications to a round and their review: states, the document's rules and the review arithmetic
// (no HTTP, no SQL). docs/rounds.md is the contract.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/divisions/division_repository.hpp"

namespace bangyi::rounds {

namespace application_state {
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kSubmitted = "submitted";
inline constexpr std::string_view kEligible = "eligible";
inline constexpr std::string_view kIneligible = "ineligible";
inline constexpr std::string_view kProposed = "proposed";
inline constexpr std::string_view kFunded = "funded";
inline constexpr std::string_view kNotFunded = "not_funded";
}  // namespace application_state

// The application document, normalised: budget line amounts computed, unknown members dropped.
struct ApplicationDocument {
  nlohmann::json document = nlohmann::json::object();
  std::string project_name;
  int64_t requested_cents = 0;
};

// A draft checks types, lengths and vocabularies only (422 naming each field).
ApplicationDocument ParseApplication(const nlohmann::json& body, const divisions::DivisionIndex& divisions);

// What submitting adds: every part present, the request within the round's limits, the target
// groups, districts and the organization within its eligibility. Throws 422 naming each field.
struct RoundLimits {
  int64_t min_grant_cents = 0, max_grant_cents = 0;
  nlohmann::json eligibility = nlohmann::json::object();
};
// `org_type` and `rating` are the applying organization's, checked against the round's lists.
void CheckComplete(const ApplicationDocument& a, const RoundLimits& round, const std::string& org_type,
                   const std::string& rating);

// A reviewer's scores against the rubric: [{key, score, comment}] in rubric order. With
// `complete` every criterion needs a score. Returns the weighted total in hundredths of a point
// (score/10 × weight for scale "ten", the score itself for scale "weight"); throws 422.
struct ReviewInput {
  nlohmann::json scores = nlohmann::json::array();
  std::string comment;
  bool submit = false;
  int64_t total_centi = 0;
};
ReviewInput ParseReview(const nlohmann::json& body, const nlohmann::json& rubric);

// The figures of one application's submitted reviews (totals in hundredths).
struct ReviewStats {
  size_t count = 0;
  double mean = 0, trimmed_mean = 0, spread = 0;
  bool trimmed = false;  // five or more reviews: highest and lowest dropped
  bool spread_flag = false;  // reviewers more than 20 points apart
  double RankingScore() const { return trimmed ? trimmed_mean : mean; }
};
ReviewStats ComputeReviewStats(const std::vector<int64_t>& totals_centi);

// Points with two decimals, as reviewers read them.
double Points(int64_t centi);

}  // namespace bangyi::rounds
