// The review arithmetic and the application document's rules, without a server.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "modules/rounds/application.hpp"
#include "modules/rounds/round.hpp"
#include "unit/support/divisions.hpp"

namespace bangyi::rounds {

TEST(ReviewStats, TrimmedMeanOnlyFromFiveReviewsAndSpreadFlagAbove20Points) {
  auto four = ComputeReviewStats({8000, 6000, 9000, 7000});
  EXPECT_EQ(four.count, 4u);
  EXPECT_DOUBLE_EQ(four.mean, 75.0);
  EXPECT_FALSE(four.trimmed);
  EXPECT_DOUBLE_EQ(four.RankingScore(), 75.0);
  EXPECT_DOUBLE_EQ(four.spread, 30.0);
  EXPECT_TRUE(four.spread_flag);

  // Five reviews: the highest (95) and the lowest (40) are dropped.
  auto five = ComputeReviewStats({8000, 9500, 4000, 7000, 7550});
  EXPECT_TRUE(five.trimmed);
  EXPECT_DOUBLE_EQ(five.mean, 72.1);
  EXPECT_DOUBLE_EQ(five.trimmed_mean, 75.17);  // (80 + 70 + 75.5) / 3, to the hundredth
  EXPECT_DOUBLE_EQ(five.RankingScore(), 75.17);
  EXPECT_DOUBLE_EQ(five.spread, 55.0);

  auto close = ComputeReviewStats({8000, 6000});
  EXPECT_FALSE(close.spread_flag);  // exactly 20 points apart is not flagged
  EXPECT_EQ(ComputeReviewStats({}).count, 0u);
}

TEST(ReviewInput, WeightedTotalInHundredthsForBothScales) {
  nlohmann::json rubric = nlohmann::json::parse(R"([
    {"key": "need", "name": "需求", "weight": 30, "scale": "ten"},
    {"key": "design", "name": "设计", "weight": 70, "scale": "weight"}])");
  auto r = ParseReview(nlohmann::json::parse(R"({"scores": [{"key": "design", "score": 55}, {"key": "need", "score": 7}],
                                                 "submit": true})"),
                       rubric);
  EXPECT_EQ(r.total_centi, 2100 + 5500);  // 7/10 × 30 + 55
  EXPECT_EQ(r.scores[0]["key"], "need");  // rubric order
  try {
    ParseReview(nlohmann::json::parse(R"({"scores": [{"key": "design", "score": 71}, {"key": "x", "score": 1}]})"), rubric);
    FAIL() << "expected 422";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.fields(), (std::vector<core::FieldError>{{"scores[0].score", "out_of_range"}, {"scores[1].key", "invalid"}}));
  }
}

TEST(ApplicationDocument, BudgetComputedExactlyAndCompletenessAgainstTheRound) {
  const auto& divisions = testing::TestDivisions();
  auto a = ParseApplication(nlohmann::json::parse(R"({
    "project_name": "向阳计划", "budget_lines": [
      {"category": "activity", "item": "小组", "quantity": 3, "unit_price_yuan": "0.10"},
      {"category": "material", "item": "书包", "quantity": 7, "unit_price_yuan": "33.33"}]})"),
                            divisions);
  EXPECT_EQ(a.requested_cents, 30 + 7 * 3333);
  EXPECT_EQ(a.document["requested_yuan"], "233.61");
  RoundLimits limits{50000, 100000, nlohmann::json::parse(
                                       R"({"org_types": ["social_group"], "ratings": [], "target_groups": [],
                                           "districts": []})")};
  try {
    CheckComplete(a, limits, "social_service_agency", "");
    FAIL() << "expected 422";
  } catch (const core::Error& e) {
    auto has = [&](const std::string& f, const std::string& code) {
      return std::find(e.fields().begin(), e.fields().end(), core::FieldError{f, code}) != e.fields().end();
    };
    EXPECT_TRUE(has("summary", "required"));
    EXPECT_TRUE(has("indicators", "required"));
    EXPECT_TRUE(has("organization_type", "not_eligible"));
    EXPECT_FALSE(has("organization_rating", "not_eligible"));  // no rating list: anyone
    EXPECT_TRUE(has("requested_yuan", "below_min"));
  }
}

}  // namespace bangyi::rounds
