#include "modules/projects/indicators.hpp"

#include "core/json_optional.hpp"
#include "core/units.hpp"

#include <cmath>
#include <map>

namespace bangyi::projects {

namespace {

nlohmann::json FiguresJson(const MonthFigures& m) {
  return {{"persons", m.persons},
          {"households", m.households},
          {"person_times", m.person_times},
          {"services", m.services},
          {"service_hours", core::Hours(m.service_minutes)},
          {"volunteer_hours", core::Hours(m.volunteer_minutes)},
          {"responses", m.responses},
          {"satisfaction_rate", core::Percent(m.satisfied, m.responses)}};
}

}  // namespace


nlohmann::json BuildIndicators(const CaseFigures& figures, const nlohmann::json& targets) {
  nlohmann::json out;
  out["total"] = FiguresJson(figures.total);
  out["months"] = nlohmann::json::array();
  for (const auto& [month, m] : figures.months) {
    nlohmann::json row = FiguresJson(m);
    row["month"] = month;
    out["months"].push_back(std::move(row));
  }
  // A household counts once under each assistance category it holds (政策边缘 included).
  std::map<std::string, int64_t> categories;
  for (const auto& stored : figures.household_categories) {
    auto list = nlohmann::json::parse(stored, nullptr, false);
    if (!list.is_array() || list.empty()) {
      ++categories["none"];
      continue;
    }
    for (const auto& c : list) {
      if (c.is_object() && c.contains("category") && c["category"].is_string()) {
        ++categories[c["category"].get<std::string>()];
      }
    }
  }
  out["households_by_category"] = categories;
  out["targets"] = nlohmann::json::array();
  for (const auto& t : targets) {
    std::string key = t.value("key", "");
    nlohmann::json actual = out["total"].contains(key) && key != "custom" ? out["total"][key] : nlohmann::json(nullptr);
    int64_t target = t.value("target", int64_t{0});
    nlohmann::json percent = nullptr;
    if (actual.is_number() && target > 0) {
      percent = std::round(actual.get<double>() * 1000.0 / static_cast<double>(target)) / 10.0;
    }
    out["targets"].push_back({{"key", key},
                              {"name", t.value("name", "")},
                              {"unit", t.value("unit", "")},
                              {"target", target},
                              {"actual", actual},
                              {"percent", percent}});
  }
  return out;
}

}  // namespace bangyi::projects
