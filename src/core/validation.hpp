// Validation of the identifiers Bangyi stores: resident ID numbers (GB 11643-1999), mainland
// mobile numbers, unified social credit codes (GB 32100-2015). Plain functions, no I/O, so each
// rule is unit-tested on its own. Each Check* returns the empty string when the value is valid,
// otherwise the field error code ("format", "checksum", "invalid", ...).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bangyi::core {

// Replaces full-width ASCII (U+FF01..U+FF5E) with ASCII and U+3000 with a space; other text is kept.
std::string NormalizeWidth(std::string_view text);

struct ResidentId {
  std::string normalized;  // 18 chars, upper-case X
  std::string birth_date;  // YYYY-MM-DD
  bool male = false;       // sequence digit 17 odd
};

// Normalizes (width, spaces, lower-case x) then checks length, province code, calendar birth date
// not after `today` (YYYY-MM-DD) and the ISO 7064 MOD 11-2 check character.
// On failure `error` is set to one of "format", "province", "birth_date", "checksum".
std::optional<ResidentId> ParseResidentId(std::string_view input, std::string_view today,
                                          std::string* error = nullptr);

// The ISO 7064 MOD 11-2 check character for the first 17 digits (demo data and tests).
char ResidentIdCheckChar(std::string_view first17);

// Strips +86/0086, spaces and hyphens. Loose validity is ^1[3-9]\d{9}$ (DOMAIN.md); strict also
// requires an allocated public mobile prefix.
std::string NormalizeMobile(std::string_view input);
bool IsValidMobile(std::string_view normalized);
bool IsAllocatedMobile(std::string_view normalized);

// Returns "" when valid, else "format" or "checksum". Input is normalized (width, upper case).
std::string CheckCreditCode(std::string_view code);
// The check character for the first 17 characters of a credit code (used by demo data and tests).
char CreditCodeCheckChar(std::string_view first17);
std::string NormalizeCreditCode(std::string_view code);

bool IsValidEmail(std::string_view email);

// Number of Unicode code points in valid UTF-8 (invalid bytes count as one each).
size_t Utf8Length(std::string_view text);
bool IsValidUtf8(std::string_view text);

std::string Trim(std::string_view text);

// A real calendar date "YYYY-MM-DD" from 1900 on.
bool IsIsoDate(std::string_view text);
// The same day `months` later (clamped to the month's last day): AddMonths("2026-01-31", 1) is
// "2026-02-28". `date` must be IsIsoDate.
std::string AddMonths(std::string_view date, int months);
// The date `days` later (or earlier when negative). `date` must be IsIsoDate.
std::string AddDays(std::string_view date, int days);
// Comparison key for names typed in different ways: full-width folded to ASCII, all spaces
// removed, ASCII lower-cased ("王 小明" and "王小明" match; "ＬＩ　Ｌｅｉ" and "li lei" match).
std::string NameKey(std::string_view name);

}  // namespace bangyi::core
