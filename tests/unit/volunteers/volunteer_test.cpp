// Rules of volunteering with no server: the suggestion score and its explanation, safeguarding
// validity, cadence, the pairing state table and visit input.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/volunteers/volunteer.hpp"

namespace bangyi::volunteers {
namespace {

uint64_t SkillMask(std::initializer_list<const char*> codes) {
  std::vector<std::string> v(codes.begin(), codes.end());
  return MaskOf(v, Skills());
}

uint64_t SlotMask(std::initializer_list<const char*> codes) {
  std::vector<std::string> v(codes.begin(), codes.end());
  return MaskOf(v, Slots());
}

Candidate Make(int64_t id, const std::string& street, uint64_t skills, uint64_t slots, int pairings,
               bool trained = true, bool check = true) {
  Candidate c;
  c.id = id;
  Need family;  // the families of these tests live on 310101002
  family.district_code = "310101";
  family.street_code = "310101002";
  c.place = PlaceOf(street.substr(0, 6), street, family);
  c.skills = skills;
  c.languages = MaskOf({"mandarin"}, Languages());
  c.slots = slots;
  c.training = trained;
  c.agreement = trained;
  c.check_valid = check;
  c.active_pairings = pairings;
  return c;
}

// A household on street 310101002 whose grandson needs tutoring and whose grandmother needs
// company; the family would like Saturday or Sunday mornings.
Need TutoringNeed() {
  Need n;
  n.district_code = "310101";
  n.street_code = "310101002";
  AddSkillGroup(n, SkillsForDomain("education"));
  AddSkillGroup(n, SkillsForDomain("social_support"));
  AddSkillGroup(n, SkillsForDomain("education"));  // repeated needs count once
  n.languages = MaskOf({"mandarin"}, Languages());
  n.slots = SlotMask({"sat_am", "sun_am"});
  n.has_minor = true;
  n.capacity = 3;
  return n;
}

TEST(PairingScore, RanksByDistanceSkillsAvailabilityAndLoadAndExplainsEachPart) {
  Need need = TutoringNeed();
  ASSERT_EQ(need.skill_groups.size(), 2u);
  std::vector<Candidate> pool = {
      // 1: same street, both needs, both slots, free → 30 + 25 + 10 + 15 + 10 + 10 = 100
      Make(1, "310101002", SkillMask({"tutoring_math", "companionship"}), SlotMask({"sat_am", "sun_am", "mon_eve"}), 0),
      // 2: same district, tutoring only, one slot, one pairing → 18 + 13 + 10 + 8 + 10 + 7 = 66
      Make(2, "310101007", SkillMask({"tutoring_english"}), SlotMask({"sat_am"}), 1),
      // 3: elsewhere, no matching skill, no slot, untrained → 5 + 0 + 10 + 0 + 0 + 10 = 25
      Make(3, "310104003", SkillMask({"legal"}), SlotMask({"tue_pm"}), 0, false),
      // 4: same as 2 but free: ties broken by fewer pairings first → 18 + 13 + 10 + 8 + 10 + 10 = 69
      Make(4, "310101007", SkillMask({"tutoring_math"}), SlotMask({"sun_am"}), 0),
      // 5: perfect but no valid background check, and the household has a minor → left out
      Make(5, "310101002", SkillMask({"tutoring_math", "companionship"}), SlotMask({"sat_am", "sun_am"}), 0, true, false),
      // 6: at the cap → left out
      Make(6, "310101002", SkillMask({"tutoring_math", "companionship"}), SlotMask({"sat_am", "sun_am"}), 3),
  };
  Ranking r = Rank(pool, need, 10);
  EXPECT_EQ(r.considered, 4);
  EXPECT_EQ(r.excluded_background_check, 1);
  EXPECT_EQ(r.excluded_at_capacity, 1);
  ASSERT_EQ(r.top.size(), 4u);
  std::vector<int64_t> order;
  std::vector<int> scores;
  for (const auto& s : r.top) {
    order.push_back(s.candidate->id);
    scores.push_back(s.score);
  }
  EXPECT_EQ(order, (std::vector<int64_t>{1, 4, 2, 3}));
  EXPECT_EQ(scores, (std::vector<int>{100, 69, 66, 25}));

  // The explanation of the second: each factor, its points out of its maximum, and why.
  const Scored& second = r.top[1];
  ASSERT_EQ(second.parts.size(), 6u);
  auto part = [&](const std::string& factor) {
    for (const auto& p : second.parts) {
      if (p.factor == factor) return p;
    }
    return ScorePart{};
  };
  EXPECT_EQ(part("distance").reason, "same_district");
  EXPECT_EQ(part("distance").points, 18);
  EXPECT_EQ(part("skills").reason, "some_matched");
  EXPECT_EQ(CodesOf(part("skills").matched, Skills()), std::vector<std::string>{"tutoring_math"});
  EXPECT_EQ(part("skills").points, 13);
  EXPECT_EQ(part("availability").reason, "overlap");
  EXPECT_EQ(CodesOf(part("availability").matched, Slots()), std::vector<std::string>{"sun_am"});
  EXPECT_EQ(part("availability").points, 8);
  EXPECT_EQ(part("language").reason, "spoken");
  EXPECT_EQ(part("load").points, 10);
  EXPECT_EQ(part("safeguarding").reason, "trained_and_signed");
  nlohmann::json j = PartJson(part("skills"));
  EXPECT_EQ(j["matched"], nlohmann::json({"tutoring_math"}));
  EXPECT_EQ(j["max"], 25);

  EXPECT_EQ(r.top[3].parts[0].reason, "elsewhere");
  EXPECT_EQ(r.top[3].parts[1].reason, "none_matched");
  EXPECT_EQ(r.top[3].parts[4].reason, "neither");

  // The limit keeps the best; without a minor the unchecked volunteer competes (and wins on id).
  EXPECT_EQ(Rank(pool, need, 1).top.size(), 1u);
  need.has_minor = false;
  Ranking open = Rank(pool, need, 2);
  EXPECT_EQ(open.top[0].candidate->id, 1);
  EXPECT_EQ(open.top[1].candidate->id, 5);
}

TEST(PairingScore, NeedsFromTextLanguageAndNoWishes) {
  Need n;
  n.district_code = "310101";
  n.street_code = "310101002";
  for (uint64_t g : SkillsForText("志愿者每周上门陪伴，协助康复训练")) {
    AddSkillGroup(n, g);
  }
  EXPECT_EQ(n.skill_groups.size(), 2u);
  n.languages = MaskOf({"shanghainese"}, Languages());
  Candidate c = Make(1, "310101002", SkillMask({"rehabilitation"}), SlotMask({"mon_am", "tue_am", "wed_am"}), 0);
  Scored s = Score(c, n);
  EXPECT_EQ(s.parts[1].points, 13);  // one of two needs
  EXPECT_EQ(s.parts[2].reason, "not_spoken");
  EXPECT_EQ(s.parts[2].points, 0);
  EXPECT_EQ(s.parts[3].reason, "slots_offered");
  EXPECT_EQ(s.parts[3].points, 8);  // 3 of 6 slots
  Need none;
  none.street_code = "x";
  EXPECT_EQ(Score(c, none).parts[1].reason, "no_needs");
  EXPECT_EQ(Score(c, none).parts[1].points, 12);
}

TEST(Safeguarding, BackgroundChecksLastThirtySixMonths) {
  EXPECT_TRUE(BackgroundCheckValid("passed", "2023-11-29", "2026-11-29"));
  EXPECT_FALSE(BackgroundCheckValid("passed", "2023-11-28", "2026-11-29"));
  EXPECT_FALSE(BackgroundCheckValid("pending", "2026-11-01", "2026-11-29"));
  EXPECT_FALSE(BackgroundCheckValid("failed", "2026-11-01", "2026-11-29"));
  EXPECT_FALSE(BackgroundCheckValid("passed", "", "2026-11-29"));
  EXPECT_FALSE(BackgroundCheckValid("passed", "2026-12-01", "2026-11-29"));  // not in the future
  EXPECT_EQ(AgeOn("2010-11-30", "2026-11-29"), 15);
  EXPECT_EQ(AgeOn("2010-11-29", "2026-11-29"), 16);
}

TEST(Pairings, CadenceAndStates) {
  EXPECT_EQ(NextDue("2026-11-01", "weekly"), "2026-11-08");
  EXPECT_FALSE(MissedCadence("2026-11-01", "weekly", "2026-11-15"));  // two periods is still on time
  EXPECT_TRUE(MissedCadence("2026-11-01", "weekly", "2026-11-16"));
  EXPECT_FALSE(MissedCadence("2026-11-01", "biweekly", "2026-11-29"));
  EXPECT_TRUE(MissedCadence("2026-09-01", "monthly", "2026-11-01"));
  EXPECT_TRUE(CanMovePairing("proposed", "active"));
  EXPECT_TRUE(CanMovePairing("proposed", "declined"));
  EXPECT_TRUE(CanMovePairing("paused", "active"));
  EXPECT_FALSE(CanMovePairing("proposed", "paused"));
  EXPECT_FALSE(CanMovePairing("ended", "active"));
  EXPECT_FALSE(CanMovePairing("declined", "active"));
  EXPECT_EQ(GivenName("王小明"), "小明");
  EXPECT_EQ(GivenName("李"), "李");
}

TEST(Visits, InputIsCheckedFieldByField) {
  auto v = ParseVisitInput({{"visited_on", "2026-11-20"}, {"duration_minutes", 90}, {"activities", " 陪伴 "},
                            {"concerns", {{{"type", "safety"}, {"note", "燃气味"}}}}},
                           "2026-10-01", "2026-11-29");
  EXPECT_EQ(v.activities, "陪伴");
  EXPECT_TRUE(v.safety);
  try {
    ParseVisitInput({{"visited_on", "2026-09-30"}, {"duration_minutes", 0}, {"concerns", {{{"type", "x"}}}}},
                    "2026-10-01", "2026-11-29");
    FAIL() << "accepted bad input";
  } catch (const core::Error& e) {
    std::vector<std::string> got;
    for (const auto& f : e.fields()) {
      got.push_back(f.field + ":" + f.code);
    }
    for (const char* want : {"visited_on:before_start", "duration_minutes:out_of_range", "activities:required",
                             "concerns[0].type:invalid", "concerns[0].note:required"}) {
      EXPECT_NE(std::find(got.begin(), got.end(), want), got.end()) << want;
    }
  }
}

}  // namespace
}  // namespace bangyi::volunteers
