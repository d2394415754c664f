// The reporting schedule and the tranche split, without a server.
#include <gtest/gtest.h>

#include "modules/projects/monitoring.hpp"

namespace bangyi::projects {

TEST(ReportSchedule, QuarterlyAndMonthlyPeriodsClippedToTheProject) {
  auto q = ReportSchedule("quarterly", "2026-02-15", "2026-08-10");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].period, "2026-Q1");
  EXPECT_EQ(q[0].start, "2026-02-15");
  EXPECT_EQ(q[0].end, "2026-03-31");
  EXPECT_EQ(q[0].due_on, "2026-04-15");
  EXPECT_EQ(q[2].period, "2026-Q3");
  EXPECT_EQ(q[2].end, "2026-08-10");

  auto m = ReportSchedule("monthly", "2026-11-20", "2027-02-28");
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[1].period, "2026-12");
  EXPECT_EQ(m[1].due_on, "2027-01-15");
  EXPECT_EQ(m[3].period, "2027-02");
  EXPECT_EQ(m[3].end, "2027-02-28");
  EXPECT_TRUE(ReportSchedule("monthly", "", "").empty());  // no agreement yet
}

TEST(TrancheAmounts, TheLastTrancheTakesTheRemainderSoTheSumIsTheGrant) {
  auto tranches = nlohmann::json::parse(R"([{"percent": 50}, {"percent": 30}, {"percent": 20}])");
  auto a = TrancheAmounts(10000001, tranches);  // 100,000.01 yuan
  EXPECT_EQ(a, (std::vector<int64_t>{5000000, 3000000, 2000001}));
  auto thirds = TrancheAmounts(100, nlohmann::json::parse(R"([{"percent": 33}, {"percent": 33}, {"percent": 34}])"));
  EXPECT_EQ(thirds[0] + thirds[1] + thirds[2], 100);
}

}  // namespace bangyi::projects
