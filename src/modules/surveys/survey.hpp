// Satisfaction surveys (docs/outcomes.md): templates of items on the 5-point scale, and the
// checks of what a respondent sends.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "core/error.hpp"

namespace bangyi::surveys {

// 5 非常满意, 4 满意, 3 一般, 2 不满意, 1 非常不满意; satisfied = 4 or 5.
inline constexpr int kSatisfiedFrom = 4;
inline constexpr std::string_view kOverall = "overall";

struct TemplateInput {
  std::string name;
  nlohmann::json items = nlohmann::json::array();  // [{code, label_zh, label_en}]
};
// 1–12 items with unique codes [a-z_]{2,32}, labels 1–60 characters, "overall" among them.
TemplateInput ParseTemplateInput(const nlohmann::json& body, core::FieldErrors& errors);

struct Answers {
  std::map<std::string, int> values;  // code → 1..5
  std::string comment;
};
// Answers to `items` (the template's): overall required, others optional; unknown codes and
// values outside 1–5 name `answers.<code>`; comment up to 1,000 characters.
Answers ParseAnswers(const nlohmann::json& body, const nlohmann::json& items, core::FieldErrors& errors);

}  // namespace bangyi::surveys
