#include "modules/rounds/round.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"

namespace bangyi::rounds {

namespace {

const std::vector<std::string_view> kOrder = {state::kDraft,   state::kOpen,    state::kClosed,  state::kNotice,
                                              state::kDecided, state::kRunning, state::kFinished};

// "YYYY-MM-DDTHH:MM", a real date and clock time (Asia/Shanghai local time).
bool IsLocalDateTime(const std::string& s) {
  if (s.size() != 16 || s[10] != 'T' || s[13] != ':' || !core::IsIsoDate(s.substr(0, 10))) {
    return false;
  }
  auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(s[i])) != 0; };
  return digit(11) && digit(12) && digit(14) && digit(15) && s.substr(11, 2) <= "23" && s.substr(14, 2) <= "59";
}

int64_t Money(core::JsonReader& in, const std::string& field) {
  if (!in.Has(field)) {
    in.Add(field, "required");
    return 0;
  }
  auto cents = core::ParseYuan(in.Raw(field));
  if (!cents || *cents == 0) {
    in.Add(field, "invalid");
    return 0;
  }
  return *cents;
}

}  // namespace

nlohmann::json Subset(core::JsonReader& in, const std::string& field,
                      const std::function<bool(const std::string&)>& valid) {
  nlohmann::json out = nlohmann::json::array();
  std::set<std::string> seen;
  for (const auto& v : in.StringArray(field, 50, 40)) {
    if (!valid(v)) {
      in.Add(field, "invalid");
      return nlohmann::json::array();
    }
    if (seen.insert(v).second) {
      out.push_back(v);
    }
  }
  return out;
}

bool IsTargetGroup(const std::string& v) {
  return v == "children" || v == "elderly" || v == "serious_illness" || v == "disabled" || v == "women" ||
         v == "policy_edge" || v == "other";
}

bool IsState(std::string_view s) { return std::find(kOrder.begin(), kOrder.end(), s) != kOrder.end(); }

std::string_view NextState(std::string_view from) {
  auto f = std::find(kOrder.begin(), kOrder.end(), from);
  return f == kOrder.end() || f + 1 == kOrder.end() ? std::string_view() : *(f + 1);
}

bool CanTransition(std::string_view from, std::string_view to) { return !to.empty() && NextState(from) == to; }

bool IsEditable(std::string_view s) { return s == state::kDraft || s == state::kOpen; }

bool IsPublic(std::string_view s) {
  return s == state::kNotice || s == state::kDecided || s == state::kRunning || s == state::kFinished;
}

nlohmann::json DefaultRubric() {
  return nlohmann::json::parse(R"([
    {"key": "need", "name": "需求分析", "weight": 20, "scale": "ten"},
    {"key": "design", "name": "项目设计", "weight": 25, "scale": "ten"},
    {"key": "innovation", "name": "创新性", "weight": 15, "scale": "ten"},
    {"key": "budget", "name": "预算合理性", "weight": 15, "scale": "ten"},
    {"key": "capacity", "name": "机构能力", "weight": 15, "scale": "ten"},
    {"key": "sustainability", "name": "可持续性", "weight": 10, "scale": "ten"}])");
}

nlohmann::json DefaultTranches() {
  return nlohmann::json::parse(R"([
    {"percent": 50, "gate": "agreement_signed"},
    {"percent": 30, "gate": "midterm_passed"},
    {"percent": 20, "gate": "final_passed"}])");
}

RoundInput ParseRoundInput(const nlohmann::json& body, const divisions::DivisionIndex& divisions) {
  core::JsonReader in(body);
  RoundInput r;
  r.title = in.String("title", true, 100);
  r.theme = in.String("theme", false, 200);
  r.guidelines = in.String("guidelines", false, 20000);
  r.total_budget_cents = Money(in, "total_budget_yuan");
  r.min_grant_cents = Money(in, "min_grant_yuan");
  r.max_grant_cents = Money(in, "max_grant_yuan");
  if (r.min_grant_cents > 0 && r.max_grant_cents > 0 && r.min_grant_cents > r.max_grant_cents) {
    in.Add("min_grant_yuan", "above_max");
  }
  if (r.max_grant_cents > 0 && r.total_budget_cents > 0 && r.max_grant_cents > r.total_budget_cents) {
    in.Add("max_grant_yuan", "above_total");
  }
  r.opens_at = in.String("opens_at", true, 16);
  r.closes_at = in.String("closes_at", true, 16);
  bool opens_ok = !r.opens_at.empty() && IsLocalDateTime(r.opens_at);
  bool closes_ok = !r.closes_at.empty() && IsLocalDateTime(r.closes_at);
  if (!r.opens_at.empty() && !opens_ok) {
    in.Add("opens_at", "format");
  }
  if (!r.closes_at.empty() && !closes_ok) {
    in.Add("closes_at", "format");
  }
  if (opens_ok && closes_ok && r.closes_at <= r.opens_at) {
    in.Add("closes_at", "before_opens");
  }
  r.reporting = in.OneOf("reporting", false, {"monthly", "quarterly"});
  if (r.reporting.empty()) {
    r.reporting = "quarterly";
  }
  r.min_reviewers = in.Int("min_reviewers", false, 1, 20).value_or(3);
  r.notice_days = in.Int("notice_days", false, 1, 30).value_or(7);

  const auto& elig = in.Raw("eligibility");
  if (!elig.is_null() && !elig.is_object()) {
    in.Add("eligibility", "invalid");
  } else if (elig.is_object()) {
    core::JsonReader e(elig);
    r.eligibility["org_types"] = Subset(e, "org_types", [](const std::string& v) {
      return v == "social_group" || v == "social_service_agency" || v == "foundation" || v == "other";
    });
    r.eligibility["ratings"] = Subset(e, "ratings", [](const std::string& v) {
      return v == "1A" || v == "2A" || v == "3A" || v == "4A" || v == "5A";
    });
    r.eligibility["target_groups"] = Subset(e, "target_groups", IsTargetGroup);
    r.eligibility["districts"] = Subset(e, "districts", [&](const std::string& v) { return divisions.IsDistrict(v); });
    for (const auto& err : e.errors().list()) {
      in.Add("eligibility." + err.field, err.code);
    }
  }
  for (const char* k : {"org_types", "ratings", "target_groups", "districts"}) {
    if (!r.eligibility.contains(k)) {
      r.eligibility[k] = nlohmann::json::array();  // empty: no restriction
    }
  }

  if (!in.Has("rubric")) {
    r.rubric = DefaultRubric();
  } else {
    std::set<std::string> keys;
    int64_t sum = 0;
    in.Objects("rubric", true, 20, [&](core::JsonReader& item, size_t) {
      std::string key = item.String("key", true, 40);
      bool key_ok = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
      });
      if (!key.empty() && (!key_ok || !keys.insert(key).second)) {
        item.Add("key", key_ok ? "duplicate" : "format");
      }
      std::string name = item.String("name", true, 50);
      int64_t weight = item.Int("weight", true, 1, 100).value_or(0);
      std::string scale = item.OneOf("scale", false, {"ten", "weight"});
      sum += weight;
      r.rubric.push_back({{"key", key}, {"name", name}, {"weight", weight}, {"scale", scale.empty() ? "ten" : scale}});
    });
    bool rubric_errors = std::any_of(in.errors().list().begin(), in.errors().list().end(),
                                     [](const auto& e) { return e.field.rfind("rubric", 0) == 0; });
    if (!rubric_errors && sum != 100) {
      in.Add("rubric", "weights_sum");  // weights are percentages of the total score
    }
  }

  if (!in.Has("tranches")) {
    r.tranches = DefaultTranches();
  } else {
    int64_t sum = 0;
    in.Objects("tranches", true, 6, [&](core::JsonReader& item, size_t) {
      int64_t percent = item.Int("percent", true, 1, 100).value_or(0);
      std::string gate = item.OneOf("gate", true, {"agreement_signed", "midterm_passed", "final_passed"});
      sum += percent;
      r.tranches.push_back({{"percent", percent}, {"gate", gate}});
    });
    bool tranche_errors = std::any_of(in.errors().list().begin(), in.errors().list().end(),
                                      [](const auto& e) { return e.field.rfind("tranches", 0) == 0; });
    if (!tranche_errors && sum != 100) {
      in.Add("tranches", "percent_sum");
    }
  }
  in.ThrowIfAny();
  return r;
}

}  // namespace bangyi::rounds
