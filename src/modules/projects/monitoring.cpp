#include "modules/projects/monitoring.hpp"

#include <algorithm>
#include <cstdio>

#include "core/validation.hpp"

namespace bangyi::projects {

std::vector<ReportPeriod> ReportSchedule(const std::string& reporting, const std::string& starts_on,
                                         const std::string& ends_on) {
  std::vector<ReportPeriod> out;
  if (starts_on.empty() || ends_on.empty() || ends_on < starts_on) {
    return out;
  }
  int step = reporting == "monthly" ? 1 : 3;
  int year = std::stoi(starts_on.substr(0, 4));
  int month = std::stoi(starts_on.substr(5, 2));
  month = (month - 1) / step * step + 1;  // first month of the period holding starts_on
  char buf[40];
  while (true) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", year, month);
    std::string first = buf;
    if (first > ends_on) {
      break;
    }
    std::string last = core::AddDays(core::AddMonths(first, step), -1);
    ReportPeriod p;
    if (step == 1) {
      p.period = first.substr(0, 7);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-Q%d", year, (month - 1) / 3 + 1);
      p.period = buf;
    }
    p.start = std::max(first, starts_on);
    p.end = std::min(last, ends_on);
    p.due_on = core::AddDays(p.end, kReportDueDays);
    out.push_back(std::move(p));
    month += step;
    if (month > 12) {
      month -= 12;
      ++year;
    }
  }
  return out;
}

std::vector<int64_t> TrancheAmounts(int64_t grant_cents, const nlohmann::json& tranches) {
  std::vector<int64_t> out;
  int64_t sum = 0;
  for (size_t i = 0; i < tranches.size(); ++i) {
    int64_t amount = i + 1 == tranches.size() ? grant_cents - sum
                                              : grant_cents * tranches[i]["percent"].get<int64_t>() / 100;
    sum += amount;
    out.push_back(amount);
  }
  return out;
}

}  // namespace bangyi::projects
