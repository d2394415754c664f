// Rules of project monitoring (docs/projects.md), without HTTP or SQL: the reporting schedule
// and the tranche amounts.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace bangyi::projects {

struct ReportPeriod {
  std::string period;        // "YYYY-MM" (monthly) or "YYYY-Qn" (quarterly)
  std::string start, end;    // within the project period
  std::string due_on;        // 15 days after the end
};

inline constexpr int kReportDueDays = 15;

// The periods of `reporting` (monthly | quarterly) overlapping [starts_on, ends_on].
std::vector<ReportPeriod> ReportSchedule(const std::string& reporting, const std::string& starts_on,
                                         const std::string& ends_on);

// Each tranche's amount in fen: percent × grant rounded down, the last taking the remainder so
// the tranches sum to the grant exactly.
std::vector<int64_t> TrancheAmounts(int64_t grant_cents, const nlohmann::json& tranches);

}  // namespace bangyi::projects
