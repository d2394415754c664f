// A project's indicators, computed from its case work and never typed in (docs/projects.md):
// persons and households distinct, 人次 as participation rows, services, service and volunteer
// hours, per month and in total, against the targets the application set.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/projects/project_repository.hpp"

namespace bangyi::projects {

// {total, months[], households_by_category, targets[{key, name, unit, target, actual, percent}]}.
// `targets` are the project's indicators. satisfaction_rate = (满意 + 非常满意) / responses on the
// survey's "overall" item, in percent with one decimal; null without responses.
nlohmann::json BuildIndicators(const CaseFigures& figures, const nlohmann::json& targets);

// Minutes as hours with two decimals.

}  // namespace bangyi::projects
