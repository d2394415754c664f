#include "core/validation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <regex>

namespace bangyi::core {

namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
}

bool IsCalendarDate(int y, int m, int d) {
  return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(y, m);
}

// Province-level codes of GB/T 2260, including 71 (Taiwan), 81/82 (HK/Macau) and 83 (residence
// permits for Taiwan residents).
bool IsProvinceCode(int code) {
  static constexpr std::array<int, 35> kCodes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                                 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                                 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

constexpr std::string_view kCreditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                               29, 25, 13, 8, 24, 10, 30, 28};

}  // namespace

std::string NormalizeWidth(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF && i + 2 < text.size()) {
      auto b1 = static_cast<unsigned char>(text[i + 1]);
      auto b2 = static_cast<unsigned char>(text[i + 2]);
      // U+FF01..U+FF3F is EF BC 81..BF, U+FF40..U+FF5E is EF BD 80..9E.
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
        out.push_back(static_cast<char>(b2 - 0x81 + 0x21));
        i += 2;
        continue;
      }
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
        out.push_back(static_cast<char>(b2 - 0x80 + 0x60));
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string Trim(std::string_view text) {
  size_t b = 0;
  size_t e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) {
    ++b;
  }
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) {
    --e;
  }
  return std::string(text.substr(b, e - b));
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return false;
  }
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  return IsCalendarDate(std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
                        std::stoi(std::string(s.substr(8, 2))));
}

std::string AddMonths(std::string_view date, int months) {
  int y = std::stoi(std::string(date.substr(0, 4)));
  int m = std::stoi(std::string(date.substr(5, 2)));
  int d = std::stoi(std::string(date.substr(8, 2)));
  int index = y * 12 + (m - 1) + months;
  y = index / 12;
  m = index % 12 + 1;
  d = std::min(d, DaysIn(y, m));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string AddDays(std::string_view date, int days) {
  using namespace std::chrono;
  year_month_day ymd{year{std::stoi(std::string(date.substr(0, 4)))},
                     month{static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))))},
                     day{static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))))}};
  year_month_day out{sys_days{ymd} + std::chrono::days{days}};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                static_cast<unsigned>(out.day()));
  return buf;
}

std::string NameKey(std::string_view name) {
  std::string wide = NormalizeWidth(name);
  std::string out;
  out.reserve(wide.size());
  for (char ch : wide) {
    if (std::isspace(static_cast<unsigned char>(ch)) == 0) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
  }
  return out;
}

std::optional<ResidentId> ParseResidentId(std::string_view input, std::string_view today,
                                          std::string* error) {
  auto fail = [&](const char* code) -> std::optional<ResidentId> {
    if (error != nullptr) {
      *error = code;
    }
    return std::nullopt;
  };
  std::string id;
  for (char c : NormalizeWidth(input)) {
    if (c == ' ') {
      continue;
    }
    id.push_back(c == 'x' ? 'X' : c);
  }
  if (id.size() != 18) {
    return fail("format");
  }
  for (size_t i = 0; i < 17; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(id[i]))) {
      return fail("format");
    }
  }
  if (!std::isdigit(static_cast<unsigned char>(id[17])) && id[17] != 'X') {
    return fail("format");
  }
  if (!IsProvinceCode(std::stoi(id.substr(0, 2)))) {
    return fail("province");
  }
  int y = std::stoi(id.substr(6, 4));
  int m = std::stoi(id.substr(10, 2));
  int d = std::stoi(id.substr(12, 2));
  std::string birth = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
  if (!IsCalendarDate(y, m, d) || birth > today) {
    return fail("birth_date");
  }
  if (ResidentIdCheckChar(id.substr(0, 17)) != id[17]) {
    return fail("checksum");
  }
  return ResidentId{id, birth, ((id[16] - '0') % 2) == 1};
}

char ResidentIdCheckChar(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) {
    sum += (first17[i] - '0') * kWeights[i];
  }
  return "10X98765432"[sum % 11];
}

std::string NormalizeMobile(std::string_view input) {
  std::string s;
  for (char c : NormalizeWidth(input)) {
    if (c != ' ' && c != '-') {
      s.push_back(c);
    }
  }
  if (s.rfind("+86", 0) == 0) {
    s = s.substr(3);
  } else if (s.rfind("0086", 0) == 0) {
    s = s.substr(4);
  }
  return s;
}

bool IsValidMobile(std::string_view normalized) {
  static const std::regex kMobile("^1[3-9][0-9]{9}$");
  return std::regex_match(normalized.begin(), normalized.end(), kMobile);
}

bool IsAllocatedMobile(std::string_view normalized) {
  if (!IsValidMobile(normalized)) {
    return false;
  }
  // Three-digit prefixes issued for public mobile service (MIIT numbering plan).
  static constexpr std::string_view kPrefixes[] = {
      "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150",
      "151", "152", "153", "155", "156", "157", "158", "159", "162", "165", "166", "167", "170",
      "171", "172", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184", "185",
      "186", "187", "188", "189", "190", "191", "192", "193", "195", "197", "198", "199"};
  return std::ranges::find(kPrefixes, normalized.substr(0, 3)) != std::end(kPrefixes);
}

std::string NormalizeCreditCode(std::string_view code) {
  std::string s;
  for (char c : NormalizeWidth(code)) {
    if (c != ' ') {
      s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return s;
}

char CreditCodeCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) {
    auto pos = kCreditChars.find(first17[i]);
    sum += static_cast<int>(pos == std::string_view::npos ? 0 : pos) * kCreditWeights[i];
  }
  return kCreditChars[(31 - sum % 31) % 31];
}

std::string CheckCreditCode(std::string_view code) {
  if (code.size() != 18) {
    return "format";
  }
  for (char c : code) {
    if (kCreditChars.find(c) == std::string_view::npos) {
      return "format";
    }
  }
  // Characters 3-8 are the registering authority's administrative division code: digits only.
  for (size_t i = 2; i < 8; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) {
      return "format";
    }
  }
  return CreditCodeCheckChar(code.substr(0, 17)) == code[17] ? "" : "checksum";
}

bool IsValidEmail(std::string_view email) {
  static const std::regex kEmail(R"(^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$)");
  return email.size() <= 254 && std::regex_match(email.begin(), email.end(), kEmail);
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) {
      return false;
    }
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) {
        return false;
      }
    }
    i += n;
  }
  return true;
}

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

}  // namespace bangyi::core
