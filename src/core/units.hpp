// Units the program reports in: minutes of service shown as hours, rounded to hundredths, the
// same figure on a project's indicators, a volunteer's hours and a certificate check; rates in
// percent with one decimal, the same on a dashboard, a project and survey results.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>

namespace bangyi::core {

inline double Hours(int64_t minutes) { return std::round(static_cast<double>(minutes) * 100.0 / 60.0) / 100.0; }

// part / whole in percent with one decimal (197 of 200 → 98.5); nothing when whole is 0.
inline std::optional<double> Percent(int64_t part, int64_t whole) {
  if (whole == 0) {
    return std::nullopt;
  }
  return std::round(static_cast<double>(part) * 1000.0 / static_cast<double>(whole)) / 10.0;
}

}  // namespace bangyi::core
