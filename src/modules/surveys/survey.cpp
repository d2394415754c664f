#include "modules/surveys/survey.hpp"

#include <regex>
#include <set>

#include "core/validation.hpp"

namespace bangyi::surveys {

namespace {

const std::regex kCode("[a-z_]{2,32}");

bool HasItem(const nlohmann::json& items, const std::string& code) {
  for (const auto& i : items) {
    if (i.value("code", "") == code) {
      return true;
    }
  }
  return false;
}

}  // namespace

TemplateInput ParseTemplateInput(const nlohmann::json& body, core::FieldErrors& errors) {
  TemplateInput in;
  if (!body.contains("name") || !body["name"].is_string() || body["name"].get<std::string>().empty() ||
      core::Utf8Length(body["name"].get<std::string>()) > 60) {
    errors.Add("name", "required");
  } else {
    in.name = body["name"].get<std::string>();
  }
  if (!body.contains("items") || !body["items"].is_array() || body["items"].empty() || body["items"].size() > 12) {
    errors.Add("items", "count_1_to_12");
    return in;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const auto& item = body["items"][i];
    std::string at = "items[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      errors.Add(at, "invalid");
      continue;
    }
    std::string code = item.contains("code") && item["code"].is_string() ? item["code"].get<std::string>() : "";
    if (!std::regex_match(code, kCode)) {
      errors.Add(at + ".code", "invalid");
    } else if (!seen.insert(code).second) {
      errors.Add(at + ".code", "duplicate");
    }
    nlohmann::json clean = {{"code", code}};
    for (const char* label : {"label_zh", "label_en"}) {
      std::string v = item.contains(label) && item[label].is_string() ? item[label].get<std::string>() : "";
      if (v.empty() || core::Utf8Length(v) > 60) {
        errors.Add(at + "." + label, "required");
      }
      clean[label] = v;
    }
    in.items.push_back(clean);
  }
  if (!seen.count(std::string(kOverall))) {
    errors.Add("items", "overall_missing");
  }
  return in;
}

Answers ParseAnswers(const nlohmann::json& body, const nlohmann::json& items, core::FieldErrors& errors) {
  Answers out;
  if (!body.contains("answers") || !body["answers"].is_object()) {
    errors.Add("answers", "required");
    return out;
  }
  for (const auto& [code, value] : body["answers"].items()) {
    if (!HasItem(items, code)) {
      errors.Add("answers." + code, "unknown");
    } else if (!value.is_number_integer() || value.get<int64_t>() < 1 || value.get<int64_t>() > 5) {
      errors.Add("answers." + code, "out_of_range");
    } else {
      out.values[code] = static_cast<int>(value.get<int64_t>());
    }
  }
  if (!body["answers"].contains(std::string(kOverall))) {
    errors.Add("answers.overall", "required");
  }
  if (body.contains("comment") && !body["comment"].is_null()) {
    if (!body["comment"].is_string()) {
      errors.Add("comment", "invalid");
    } else if (core::Utf8Length(body["comment"].get<std::string>()) > 1000) {
      errors.Add("comment", "too_long");
    } else {
      out.comment = body["comment"].get<std::string>();
    }
  }
  return out;
}

}  // namespace bangyi::surveys
