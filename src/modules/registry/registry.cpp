#include "modules/registry/registry.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"

namespace bangyi::registry {

namespace {

const std::set<std::string> kCategories = {"dibao",           "low_income",           "expenditure_poverty",
                                           "extreme_poverty", "temporary_assistance", "policy_edge"};
const std::set<std::string> kRelations = {"head",        "spouse",  "child",   "parent", "grandchild",
                                          "grandparent", "sibling", "in_law", "other"};

}  // namespace

bool IsCategory(const std::string& category) { return kCategories.count(category) != 0; }
bool IsRelation(const std::string& relation) { return kRelations.count(relation) != 0; }

FinanceInput ParseFinanceInput(const nlohmann::json& body, const std::string& today) {
  core::JsonReader in(body);
  FinanceInput f;
  f.kind = in.OneOf("kind", true, {"income", "expenditure"});
  if (f.kind == "income") {
    f.category = in.OneOf("category", true, {"wages", "pension", "dibao_payment", "subsidy", "family_support", "other"});
  } else if (f.kind == "expenditure") {
    f.category = in.OneOf("category", true, {"medical", "education", "housing", "care", "other"});
  }
  f.period_month = in.String("period_month", true, 7);
  if (!f.period_month.empty() && (!core::IsIsoDate(f.period_month + "-01") || f.period_month > today.substr(0, 7))) {
    in.Add("period_month", core::IsIsoDate(f.period_month + "-01") ? "in_future" : "format");
  }
  if (!in.Has("amount_yuan")) {
    in.Add("amount_yuan", "required");
  } else if (auto cents = core::ParseYuan(in.Raw("amount_yuan"))) {
    f.amount_cents = *cents;
  } else {
    in.Add("amount_yuan", "invalid");
  }
  f.note = in.String("note", false, 500);
  in.ThrowIfAny();
  return f;
}

int AgeOn(const std::string& birth_date, const std::string& today) {
  int age = std::stoi(today.substr(0, 4)) - std::stoi(birth_date.substr(0, 4));
  if (today.substr(5) < birth_date.substr(5)) {
    --age;
  }
  return age;
}

HouseholdInput ParseHouseholdInput(const nlohmann::json& body, const divisions::DivisionIndex& divisions,
                                   core::FieldErrors& errors) {
  core::JsonReader in(body);
  HouseholdInput h;
  h.district_code = in.String("district_code", true, 32);
  if (!h.district_code.empty() && !divisions.IsDistrict(h.district_code)) {
    in.Add("district_code", "unknown");
  }
  h.street_code = in.String("street_code", true, 32);
  if (!h.street_code.empty()) {
    const auto* street = divisions.Find(h.street_code);
    if (street == nullptr || street->level != "street") {
      in.Add("street_code", "unknown");
    } else if (divisions.IsDistrict(h.district_code) && street->parent_code != h.district_code) {
      in.Add("street_code", "mismatch");  // the street is in another district
    }
  }
  h.community = in.String("community", false, 100);
  h.address_detail = in.String("address_detail", false, 200);
  h.notes = in.String("notes", false, 2000);
  const auto& raw = in.Raw("categories");
  if (!raw.is_null()) {
    if (!raw.is_array() || raw.size() > 10) {
      in.Add("categories", "invalid");
    } else {
      for (size_t i = 0; i < raw.size(); ++i) {
        const auto& c = raw[i];
        std::string field = "categories[" + std::to_string(i) + "]";
        if (!c.is_object() || !c.contains("category") || !c["category"].is_string() ||
            !IsCategory(c["category"].get<std::string>())) {
          in.Add(field + ".category", "invalid");
          continue;
        }
        std::string from = c.value("valid_from", "");
        std::string to = c.contains("valid_to") && c["valid_to"].is_string() ? c["valid_to"].get<std::string>() : "";
        if (!core::IsIsoDate(from)) {
          in.Add(field + ".valid_from", from.empty() ? "required" : "format");
          continue;
        }
        if (!to.empty() && (!core::IsIsoDate(to) || to < from)) {
          in.Add(field + ".valid_to", core::IsIsoDate(to) ? "out_of_range" : "format");
          continue;
        }
        std::string certificate =
            c.contains("certificate") && c["certificate"].is_string() ? core::Trim(c["certificate"].get<std::string>()) : "";
        if (core::Utf8Length(certificate) > 50) {
          in.Add(field + ".certificate", "too_long");
          continue;
        }
        h.categories.push_back({{"category", c["category"]},
                                {"certificate", certificate},
                                {"valid_from", from},
                                {"valid_to", to.empty() ? nlohmann::json(nullptr) : nlohmann::json(to)}});
      }
    }
  }
  for (const auto& e : in.errors().list()) {
    errors.Add(e.field, e.code);
  }
  return h;
}

PersonInput ParsePersonInput(const nlohmann::json& body, const std::string& today, core::FieldErrors& errors) {
  core::JsonReader in(body);
  PersonInput p;
  p.relation = in.String("relation", true, 32);
  if (!p.relation.empty() && !IsRelation(p.relation)) {
    in.Add("relation", "invalid");
  }
  p.name = in.String("name", true, 50);
  p.gender = in.String("gender", true, 8);
  if (!p.gender.empty() && p.gender != "male" && p.gender != "female") {
    in.Add("gender", "invalid");
  }
  p.birth_date = in.String("birth_date", true, 10);
  bool birth_ok = !p.birth_date.empty() && core::IsIsoDate(p.birth_date) && p.birth_date <= today;
  if (!p.birth_date.empty() && !birth_ok) {
    in.Add("birth_date", core::IsIsoDate(p.birth_date) ? "out_of_range" : "format");
  }
  std::string id = in.String("id_number", false, 40);
  if (!id.empty()) {
    std::string why;
    auto parsed = core::ParseResidentId(id, today, &why);
    if (!parsed) {
      // "checksum" for a wrong check character; "invalid" for an impossible province or date.
      in.Add("id_number", why == "checksum" ? "checksum" : why == "format" ? "format" : "invalid");
    } else {
      p.id_number = parsed->normalized;
      if (birth_ok && parsed->birth_date != p.birth_date) {
        in.Add("birth_date", "mismatch");
      }
      if ((p.gender == "male" || p.gender == "female") && parsed->male != (p.gender == "male")) {
        in.Add("gender", "mismatch");
      }
    }
  }
  std::string phone = in.String("phone", false, 32);
  if (!phone.empty()) {
    p.phone = core::NormalizeMobile(phone);
    if (!core::IsValidMobile(p.phone)) {
      in.Add("phone", "format");
    }
  }
  const auto& c = in.Raw("conditions");
  if (!c.is_null()) {
    if (!c.is_object()) {
      in.Add("conditions", "invalid");
    } else {
      for (const auto& [key, value] : c.items()) {
        bool ok = (key == "illness" && value.is_string() && core::Utf8Length(value.get<std::string>()) <= 200) ||
                  (key == "disability_type" && value.is_string() && core::Utf8Length(value.get<std::string>()) <= 50) ||
                  (key == "disability_grade" && value.is_number_integer() && value.get<int>() >= 1 &&
                   value.get<int>() <= 4) ||
                  (key == "living_alone" && value.is_boolean()) ||
                  (key == "school_work_status" && value.is_string() && core::Utf8Length(value.get<std::string>()) <= 50);
        if (!ok) {
          in.Add("conditions." + key, "invalid");
        }
      }
      p.conditions = c;
    }
  }
  for (const auto& e : in.errors().list()) {
    errors.Add(e.field, e.code);
  }
  return p;
}

}  // namespace bangyi::registry
