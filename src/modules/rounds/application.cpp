#include "modules/rounds/application.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"
#include "modules/rounds/round.hpp"

namespace bangyi::rounds {

namespace {

constexpr size_t kLongText = 5000;

bool IsMonth(const std::string& s) { return s.size() == 7 && core::IsIsoDate(s + "-01"); }

bool IsIndicatorKey(std::string_view k) {
  return k == "persons" || k == "households" || k == "person_times" || k == "services" || k == "service_hours" ||
         k == "volunteer_hours" || k == "satisfaction_rate" || k == "custom";
}

bool HasErrorUnder(core::JsonReader& in, const std::string& prefix) {
  const auto& list = in.errors().list();
  return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.field.rfind(prefix, 0) == 0; });
}

}  // namespace

ApplicationDocument ParseApplication(const nlohmann::json& body, const divisions::DivisionIndex& divisions) {
  core::JsonReader in(body);
  ApplicationDocument a;
  auto& d = a.document;
  a.project_name = in.String("project_name", false, 100);
  d["project_name"] = a.project_name;
  d["sub_brand"] = in.String("sub_brand", false, 50);
  for (const char* k : {"summary", "need_analysis", "objectives", "risks"}) {
    d[k] = in.String(k, false, kLongText);
  }
  d["target_groups"] = Subset(in, "target_groups", IsTargetGroup);
  d["districts"] = Subset(in, "districts", [&](const std::string& v) { return divisions.IsDistrict(v); });
  d["streets"] = Subset(in, "streets", [&](const std::string& v) { return divisions.IsStreet(v); });

  d["activities"] = nlohmann::json::array();
  in.Objects("activities", false, 100, [&](core::JsonReader& item, size_t) {
    std::string month = item.String("month", true, 7);
    if (!month.empty() && !IsMonth(month)) {
      item.Add("month", "format");
    }
    d["activities"].push_back({{"month", month}, {"activity", item.String("activity", true, 500)}});
  });

  d["team"] = nlohmann::json::array();
  in.Objects("team", false, 50, [&](core::JsonReader& item, size_t) {
    std::string role = item.OneOf("role", true, {"social_worker", "community_adviser", "volunteer", "professional"});
    d["team"].push_back({{"role", role},
                         {"name", item.String("name", false, 100)},
                         {"count", item.Int("count", false, 1, 10000).value_or(1)}});
  });

  d["budget_lines"] = nlohmann::json::array();
  in.Objects("budget_lines", false, 100, [&](core::JsonReader& item, size_t) {
    std::string category = item.OneOf("category", true, {"personnel", "activity", "material", "admin", "other"});
    std::string name = item.String("item", true, 100);
    std::string unit = item.String("unit", false, 20);
    int64_t quantity = item.Int("quantity", true, 1, 1000000).value_or(0);
    int64_t price = 0;
    if (!item.Has("unit_price_yuan")) {
      item.Add("unit_price_yuan", "required");
    } else if (auto cents = core::ParseYuan(item.Raw("unit_price_yuan")); !cents || *cents <= 0) {
      item.Add("unit_price_yuan", "invalid");
    } else {
      price = *cents;
    }
    int64_t amount = quantity * price;
    a.requested_cents += amount;
    d["budget_lines"].push_back({{"category", category},
                                 {"item", name},
                                 {"unit", unit},
                                 {"quantity", quantity},
                                 {"unit_price_yuan", core::FormatYuan(price)},
                                 {"amount_yuan", core::FormatYuan(amount)}});
  });
  d["requested_yuan"] = core::FormatYuan(a.requested_cents);

  d["indicators"] = nlohmann::json::array();
  std::set<std::string> keys;
  in.Objects("indicators", false, 30, [&](core::JsonReader& item, size_t) {
    std::string key = item.String("key", true, 20);
    if (!key.empty() && !IsIndicatorKey(key)) {
      item.Add("key", "invalid");
    } else if (!key.empty() && key != "custom" && !keys.insert(key).second) {
      item.Add("key", "duplicate");
    }
    int64_t max = key == "satisfaction_rate" ? 100 : 100000000;
    int64_t target = item.Int("target", true, 0, max).value_or(0);
    bool custom = key == "custom";
    std::string name = item.String("name", custom, 50);
    std::string unit = item.String("unit", custom, 20);
    d["indicators"].push_back({{"key", key}, {"target", target}, {"name", name}, {"unit", unit}});
  });
  in.ThrowIfAny();
  return a;
}

void CheckComplete(const ApplicationDocument& a, const RoundLimits& round, const std::string& org_type,
                   const std::string& rating) {
  core::FieldErrors errors;
  const auto& d = a.document;
  for (const char* k : {"project_name", "summary", "need_analysis", "objectives"}) {
    if (d[k].get<std::string>().empty()) {
      errors.Add(k, "required");
    }
  }
  for (const char* k : {"target_groups", "districts", "activities", "team", "budget_lines", "indicators"}) {
    if (d[k].empty()) {
      errors.Add(k, "required");
    }
  }
  const auto& elig = round.eligibility;
  for (const char* k : {"target_groups", "districts"}) {
    const auto& allowed = elig[k];
    for (const auto& v : d[k]) {
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        errors.Add(k, "not_eligible");
        break;
      }
    }
  }
  auto listed = [](const nlohmann::json& list, const std::string& v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  if (!listed(elig["org_types"], org_type)) {
    errors.Add("organization_type", "not_eligible");
  }
  if (!listed(elig["ratings"], rating)) {
    errors.Add("organization_rating", "not_eligible");
  }
  if (!d["budget_lines"].empty()) {
    if (a.requested_cents < round.min_grant_cents) {
      errors.Add("requested_yuan", "below_min");
    } else if (a.requested_cents > round.max_grant_cents) {
      errors.Add("requested_yuan", "above_max");
    }
  }
  errors.ThrowIfAny();
}

ReviewInput ParseReview(const nlohmann::json& body, const nlohmann::json& rubric) {
  core::JsonReader in(body);
  ReviewInput r;
  r.comment = in.String("comment", false, 2000);
  r.submit = in.Bool("submit", false);
  // Scores arrive in any order; they are kept in rubric order.
  std::map<std::string, std::pair<std::optional<int64_t>, std::string>> given;
  in.Objects("scores", r.submit, 20, [&](core::JsonReader& item, size_t) {
    std::string key = item.String("key", true, 40);
    auto criterion = std::find_if(rubric.begin(), rubric.end(), [&](const auto& c) { return c["key"] == key; });
    if (!key.empty() && criterion == rubric.end()) {
      item.Add("key", "invalid");
      return;
    }
    if (key.empty()) {
      return;
    }
    int64_t max = (*criterion)["scale"] == "weight" ? (*criterion)["weight"].get<int64_t>() : 10;
    std::optional<int64_t> score;
    if (item.Has("score") && !item.Raw("score").is_null()) {
      score = item.Int("score", false, 0, max);
    } else if (r.submit) {
      item.Add("score", "required");
    }
    std::string comment = item.String("comment", false, 2000);
    if (!given.emplace(key, std::pair{score, comment}).second) {
      item.Add("key", "duplicate");
    }
  });
  for (size_t i = 0; i < rubric.size(); ++i) {
    const auto& c = rubric[i];
    std::string key = c["key"];
    auto it = given.find(key);
    nlohmann::json entry = {{"key", key}, {"score", nullptr}, {"comment", ""}};
    if (it != given.end()) {
      if (it->second.first) {
        int64_t s = *it->second.first;
        entry["score"] = s;
        r.total_centi += c["scale"] == "weight" ? s * 100 : s * c["weight"].get<int64_t>() * 10;
      }
      entry["comment"] = it->second.second;
    }
    if (r.submit && entry["score"].is_null() && !HasErrorUnder(in, "scores")) {
      in.Add("scores." + key, "required");
    }
    r.scores.push_back(std::move(entry));
  }
  in.ThrowIfAny();
  return r;
}

ReviewStats ComputeReviewStats(const std::vector<int64_t>& totals_centi) {
  ReviewStats s;
  s.count = totals_centi.size();
  if (totals_centi.empty()) {
    return s;
  }
  std::vector<int64_t> v = totals_centi;
  std::sort(v.begin(), v.end());
  int64_t sum = 0;
  for (auto t : v) {
    sum += t;
  }
  auto round2 = [](double x) { return std::round(x) / 100.0; };
  s.mean = round2(static_cast<double>(sum) / static_cast<double>(v.size()));
  s.spread = Points(v.back() - v.front());
  s.spread_flag = v.back() - v.front() > 2000;
  if (v.size() >= 5) {
    s.trimmed = true;
    s.trimmed_mean = round2(static_cast<double>(sum - v.front() - v.back()) / static_cast<double>(v.size() - 2));
  }
  return s;
}

double Points(int64_t centi) { return static_cast<double>(centi) / 100.0; }

}  // namespace bangyi::rounds
