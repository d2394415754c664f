// Units the program reports in: minutes of service shown as hours, rounded to hundredths, the
// same figure on a project's indicators, a volunteer's hours and a certificate check.
#pragma once

#include <cmath>
#include <cstdint>

namespace bangyi::core {

inline double Hours(int64_t minutes) { return std::round(static_cast<double>(minutes) * 100.0 / 60.0) / 100.0; }

}  // namespace bangyi::core
