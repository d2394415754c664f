#include "modules/accounts/password.hpp"

#include <cctype>

#include "core/validation.hpp"

namespace bangyi::accounts {

std::string NormalizeUsername(std::string_view username) {
  std::string out = core::Trim(username);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string CheckPasswordPolicy(std::string_view password, std::string_view username) {
  size_t n = core::Utf8Length(password);
  if (n < kMinPasswordLength) {
    return "too_short";
  }
  if (n > kMaxPasswordLength) {
    return "too_long";
  }
  if (NormalizeUsername(password) == NormalizeUsername(username)) {
    return "same_as_username";
  }
  return "";
}

std::string CheckUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 64) {
    return "format";
  }
  for (char c : username) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
          c == '_' || c == '-')) {
      return "format";
    }
  }
  return "";
}

}  // namespace bangyi::accounts
