// Money: yuan as the API writes it, fen (cents) as the database keeps it. Integers only, so
// sums and budget checks are exact.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace bangyi::core {

// "1234.50", or a JSON number with at most two decimals, to fen. nullopt for negative, malformed
// or absurd (≥ 1e9 yuan) amounts.
std::optional<int64_t> ParseYuan(const nlohmann::json& value);
// 123450 → "1234.50".
std::string FormatYuan(int64_t cents);

}  // namespace bangyi::core
