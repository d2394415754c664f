// Round states and terms (no I/O).
#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "modules/rounds/round.hpp"
#include "unit/support/divisions.hpp"

namespace bangyi::rounds {
namespace {

TEST(RoundState, MovesOnlyToTheNextState) {
  EXPECT_TRUE(CanTransition(state::kDraft, state::kOpen));
  EXPECT_TRUE(CanTransition(state::kRunning, state::kFinished));
  EXPECT_FALSE(CanTransition(state::kDraft, state::kClosed));
  EXPECT_FALSE(CanTransition(state::kOpen, state::kDraft));
  EXPECT_FALSE(CanTransition(state::kFinished, state::kDraft));
  EXPECT_FALSE(CanTransition("nowhere", state::kOpen));
  EXPECT_TRUE(IsEditable(state::kOpen));
  EXPECT_FALSE(IsEditable(state::kClosed));
}

TEST(RoundInputRules, DefaultsSumToOneHundred) {
  int64_t weights = 0;
  for (const auto& c : DefaultRubric()) {
    weights += c["weight"].get<int64_t>();
  }
  int64_t percents = 0;
  for (const auto& t : DefaultTranches()) {
    percents += t["percent"].get<int64_t>();
  }
  EXPECT_EQ(weights, 100);
  EXPECT_EQ(percents, 100);
}

TEST(RoundInputRules, NamesEveryBadField) {
  const auto& divisions = testing::TestDivisions();
  nlohmann::json body = {{"title", "t"},
                         {"total_budget_yuan", "100"},
                         {"min_grant_yuan", "10"},
                         {"max_grant_yuan", "20"},
                         {"opens_at", "2027-01-01T09:00"},
                         {"closes_at", "2027-02-01T25:00"},
                         {"rubric", {{{"key", "a"}, {"name", "A"}, {"weight", 99}}}}};
  try {
    ParseRoundInput(body, divisions);
    FAIL() << "accepted";
  } catch (const core::Error& e) {
    std::set<std::string> fields;
    for (const auto& f : e.fields()) {
      fields.insert(f.field + ":" + f.code);
    }
    EXPECT_EQ(fields.count("closes_at:format"), 1u);
    EXPECT_EQ(fields.count("rubric:weights_sum"), 1u);
  }
  body["closes_at"] = "2027-02-01T17:00";
  body["rubric"][0]["weight"] = 100;
  auto r = ParseRoundInput(body, divisions);
  EXPECT_EQ(r.total_budget_cents, 10000);
  EXPECT_EQ(r.reporting, "quarterly");
  EXPECT_EQ(r.tranches, DefaultTranches());
}

}  // namespace
}  // namespace bangyi::rounds
