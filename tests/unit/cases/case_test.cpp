// Case states, the transition table and the input rules of case work (no I/O).
#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "core/validation.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/case_state.hpp"

namespace bangyi::cases {
namespace {

std::vector<std::string> FieldsOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const core::Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields()) {
      out.push_back(f.field + ":" + f.code);
    }
    return out;
  }
  return {};
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(CaseState, TheMainPathIsAllowedStepByStep) {
  std::vector<std::string_view> path = {state::kReferred, state::kIntake, state::kAssessing, state::kPlanning,
                                        state::kPlanPendingApproval, state::kInService, state::kClosing,
                                        state::kClosed, state::kFollowUp};
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    EXPECT_NE(FindTransition(path[i], path[i + 1]), nullptr) << path[i] << " → " << path[i + 1];
  }
}

TEST(CaseState, SkippingAndGoingBackwardsAreRefused) {
  EXPECT_EQ(FindTransition(state::kIntake, state::kInService), nullptr);
  EXPECT_EQ(FindTransition(state::kAssessing, state::kClosed), nullptr);
  EXPECT_EQ(FindTransition(state::kClosed, state::kInService), nullptr);
  EXPECT_EQ(FindTransition(state::kRejected, state::kIntake), nullptr);
  EXPECT_EQ(FindTransition(state::kTransferred, state::kIntake), nullptr);
  EXPECT_EQ(FindTransition(state::kFollowUp, state::kClosed), nullptr);
}

TEST(CaseState, ApprovalsAndSignOffAreNotGenericMoves) {
  EXPECT_EQ(FindTransition(state::kPlanning, state::kPlanPendingApproval)->via, Via::kPlanSubmit);
  EXPECT_EQ(FindTransition(state::kPlanPendingApproval, state::kInService)->via, Via::kPlanDecision);
  EXPECT_EQ(FindTransition(state::kClosing, state::kClosed)->via, Via::kSignOff);
  EXPECT_EQ(FindTransition(state::kInService, state::kTransferred)->via, Via::kTransfer);
  EXPECT_EQ(GenericTargets(state::kIntake), (std::vector<std::string>{"assessing", "rejected"}));
  EXPECT_EQ(GenericTargets(state::kInService), (std::vector<std::string>{"suspended", "closing"}));
  EXPECT_TRUE(GenericTargets(state::kClosed).empty());
}

TEST(CaseState, RejectionSuspensionAndReopeningNeedAReason) {
  EXPECT_TRUE(FindTransition(state::kIntake, state::kRejected)->reason_required);
  EXPECT_TRUE(FindTransition(state::kInService, state::kSuspended)->reason_required);
  EXPECT_TRUE(FindTransition(state::kClosing, state::kInService)->reason_required);
  EXPECT_FALSE(FindTransition(state::kIntake, state::kAssessing)->reason_required);
}

TEST(CaseState, EveryStateInTheTableIsKnownAndOpenStatesAreTheRightOnes) {
  for (const auto& t : Transitions()) {
    EXPECT_TRUE(IsState(t.from)) << t.from;
    EXPECT_TRUE(IsState(t.to)) << t.to;
  }
  EXPECT_EQ(AllStates().size(), 12u);
  EXPECT_TRUE(IsOpen(state::kSuspended));
  EXPECT_FALSE(IsOpen(state::kClosed));
  EXPECT_FALSE(IsOpen(state::kRejected));
  EXPECT_FALSE(IsOpen("unknown"));
}

TEST(CaseInput, DomainsFallIntoTheThreeLevels) {
  std::set<std::string_view> levels;
  for (const auto& d : Domains()) {
    levels.insert(d.level);
  }
  EXPECT_EQ(levels, (std::set<std::string_view>{"individual", "interpersonal", "environment"}));
  EXPECT_EQ(Domains().size(), 11u);
  EXPECT_EQ(LevelOf("family_relations"), "interpersonal");
  EXPECT_EQ(LevelOf("housing"), "environment");
  EXPECT_EQ(LevelOf("nothing"), "");
}

TEST(CaseInput, AssessmentNeedsEveryDomainOnceWithinRange) {
  nlohmann::json scores = nlohmann::json::array();
  for (const auto& d : Domains()) {
    scores.push_back({{"domain", d.code}, {"score", 3}});
  }
  nlohmann::json body = {{"kind", "initial"}, {"assessed_on", "2026-01-02"}, {"risk_level", "low"}, {"scores", scores}};
  EXPECT_EQ(ParseAssessmentInput(body, "2026-02-01").scores.size(), 11u);
  auto dup = body;
  dup["scores"][1]["domain"] = "health";
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseAssessmentInput(dup, "2026-02-01"); }), "scores[1].domain:duplicate"));
  auto high = body;
  high["scores"][0]["score"] = 0;
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseAssessmentInput(high, "2026-02-01"); }), "scores[0].score:out_of_range"));
  auto future = body;
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseAssessmentInput(future, "2026-01-01"); }), "assessed_on:in_future"));
  auto bad_kind = body;
  bad_kind["kind"] = "final";
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseAssessmentInput(bad_kind, "2026-02-01"); }), "kind:invalid"));
}

TEST(CaseInput, PlanGoalsGetKeysAndInterventionsPointAtGoals) {
  nlohmann::json body = {{"goals", {{{"title", "a"}, {"indicator", "b"}, {"target_date", "2026-05-01"}}}},
                         {"interventions", {{{"description", "x"}, {"goal_index", 0}, {"responsible_user_id", 9}}}}};
  auto plan = ParsePlanInput(body);
  EXPECT_EQ(plan.goals[0]["key"], "g1");
  EXPECT_EQ(plan.responsible_user_ids, std::vector<int64_t>{9});
  body["interventions"][0]["goal_index"] = 1;
  EXPECT_TRUE(Contains(FieldsOf([&] { ParsePlanInput(body); }), "interventions[0].goal_index:out_of_range"));
  EXPECT_TRUE(Contains(FieldsOf([&] { ParsePlanInput(nlohmann::json::object()); }), "goals:required"));
}

TEST(CaseInput, ServiceRecordChecksClockDurationAndParticipants) {
  nlohmann::json body = {{"served_on", "2026-03-01"}, {"start_time", "09:30"}, {"duration_minutes", 60},
                         {"mode", "phone"},           {"service_type", "tutoring"}, {"participant_ids", {1, 2}},
                         {"content", "辅导"}};
  EXPECT_EQ(ParseServiceRecordInput(body, "2026-03-01").participant_ids.size(), 2u);
  for (const char* t : {"24:00", "9:30", "09:60", "ab:cd"}) {
    auto bad = body;
    bad["start_time"] = t;
    EXPECT_TRUE(Contains(FieldsOf([&] { ParseServiceRecordInput(bad, "2026-03-01"); }), "start_time:format")) << t;
  }
  auto dup = body;
  dup["participant_ids"] = {1, 1};
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseServiceRecordInput(dup, "2026-03-01"); }), "participant_ids:invalid"));
  auto none = body;
  none["participant_ids"] = nlohmann::json::array();
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseServiceRecordInput(none, "2026-03-01"); }), "participant_ids:required"));
  auto long_ = body;
  long_["duration_minutes"] = 1441;
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseServiceRecordInput(long_, "2026-03-01"); }), "duration_minutes:out_of_range"));
}

TEST(CaseInput, ReferralIsToAnOrganizationOrAnExternalResource) {
  EXPECT_EQ(ParseReferralInput({{"external_resource", "区残联"}, {"reason", "康复"}}).mode, "external");
  EXPECT_EQ(ParseReferralInput({{"to_organization_id", 3}, {"mode", "share"}, {"reason", "r"}}).mode, "share");
  EXPECT_TRUE(Contains(FieldsOf([] { ParseReferralInput({{"reason", "r"}}); }), "to_organization_id:required"));
  EXPECT_TRUE(Contains(FieldsOf([] { ParseReferralInput({{"to_organization_id", 3}, {"reason", "r"}}); }), "mode:required"));
  EXPECT_TRUE(Contains(FieldsOf([] {
                         ParseReferralInput({{"to_organization_id", 3}, {"mode", "share"}, {"external_resource", "x"},
                                             {"reason", "r"}});
                       }),
                       "external_resource:conflict"));
}

TEST(CaseInput, ClosingRatesEveryGoalOfThePlan) {
  std::vector<std::string> keys = {"g1", "g2"};
  nlohmann::json body = {{"reason", "goals_met"}, {"summary", "s"},
                         {"goal_attainment", {{{"goal_key", "g1"}, {"attainment", "achieved"}},
                                              {{"goal_key", "g2"}, {"attainment", "partly"}}}}};
  EXPECT_EQ(ParseClosingInput(body, keys).goal_attainment.size(), 2u);
  auto missing = body;
  missing["goal_attainment"].erase(1);
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseClosingInput(missing, keys); }), "goal_attainment:incomplete"));
  auto unknown = body;
  unknown["goal_attainment"][1]["goal_key"] = "g9";
  EXPECT_TRUE(Contains(FieldsOf([&] { ParseClosingInput(unknown, keys); }), "goal_attainment[1].goal_key:invalid"));
}

TEST(CoreDates, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(core::AddMonths("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(core::AddMonths("2028-01-31", 1), "2028-02-29");
  EXPECT_EQ(core::AddMonths("2026-11-15", 3), "2027-02-15");
  EXPECT_EQ(core::AddMonths("2026-03-15", -3), "2025-12-15");
  EXPECT_TRUE(core::IsIsoDate("2024-02-29"));
  EXPECT_FALSE(core::IsIsoDate("2023-02-29"));
  EXPECT_FALSE(core::IsIsoDate("2023-2-01"));
}

TEST(CoreNames, NameKeyIgnoresWidthAndSpaces) {
  EXPECT_EQ(core::NameKey("王 阿婆"), core::NameKey("王阿婆"));
  EXPECT_EQ(core::NameKey("王\u3000阿婆"), core::NameKey("王阿婆"));
  EXPECT_EQ(core::NameKey("ＬＩ　Ｌｅｉ"), core::NameKey("li lei"));
  EXPECT_NE(core::NameKey("王阿婆"), core::NameKey("汪阿婆"));
}

}  // namespace
}  // namespace bangyi::cases
