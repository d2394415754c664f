#include "core/money.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/validation.hpp"

namespace bangyi::core {

std::optional<int64_t> ParseYuan(const nlohmann::json& value) {
  std::string text;
  if (value.is_number_integer()) {
    text = std::to_string(value.get<int64_t>());
  } else if (value.is_number_float()) {
    double v = value.get<double>();
    double cents = v * 100.0;
    if (!(v >= 0) || v >= 1e9 || std::abs(cents - std::round(cents)) > 1e-6) {
      return std::nullopt;
    }
    return static_cast<int64_t>(std::llround(cents));
  } else if (value.is_string()) {
    text = core::Trim(value.get<std::string>());
  } else {
    return std::nullopt;
  }
  size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto digits = [](const std::string& d) {
    return std::all_of(d.begin(), d.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
  };
  if (whole.empty() || whole.size() > 9 || !digits(whole) || frac.size() > 2 || !digits(frac) ||
      (dot != std::string::npos && frac.empty())) {
    return std::nullopt;
  }
  while (frac.size() < 2) {
    frac += '0';
  }
  return std::stoll(whole) * 100 + std::stoll(frac);
}

std::string FormatYuan(int64_t cents) {
  // Negative amounts (an overspent line's remainder) keep one sign in front.
  std::string sign = cents < 0 ? "-" : "";
  uint64_t abs = cents < 0 ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
  std::string frac = std::to_string(abs % 100);
  return sign + std::to_string(abs / 100) + "." + (frac.size() < 2 ? "0" + frac : frac);
}

}  // namespace bangyi::core
