// Password policy: at least 10 characters, at most 256, and not the username. Returns the field
// error code ("too_short", "too_long", "same_as_username") or "" when acceptable.
#pragma once

#include <string>
#include <string_view>

namespace bangyi::accounts {

inline constexpr size_t kMinPasswordLength = 10;
inline constexpr size_t kMaxPasswordLength = 256;

std::string CheckPasswordPolicy(std::string_view password, std::string_view username);

// Usernames: 3–64 chars of a-z 0-9 . _ - (stored lower-case). Returns "" or "format".
std::string CheckUsername(std::string_view username);
std::string NormalizeUsername(std::string_view username);

}  // namespace bangyi::accounts
