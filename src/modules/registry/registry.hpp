// Registry of households and persons: types and input rules (no HTTP, no SQL).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/error.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::registry {

// The encrypted columns: table, column, and the associated data binding a value to its column.
struct EncryptedColumn {
  std::string_view table;
  std::string_view column;
  std::string_view aad;
};
inline constexpr std::string_view kIdNumberAad = "persons.id_number";
inline constexpr std::string_view kPhoneAad = "persons.phone";
inline constexpr std::string_view kConditionsAad = "persons.conditions";
inline constexpr std::string_view kAddressAad = "households.address";
inline constexpr std::string_view kIdIndexDomain = "resident_id";  // blind index of persons.id_number_bidx
inline constexpr EncryptedColumn kEncryptedColumns[] = {{"persons", "id_number_enc", kIdNumberAad},
                                                        {"persons", "phone_enc", kPhoneAad},
                                                        {"persons", "conditions_enc", kConditionsAad},
                                                        {"households", "address_enc", kAddressAad}};

// Assistance categories: Shanghai's "9+1" cash schemes plus the charity's policy-edge target.
bool IsCategory(const std::string& category);
bool IsRelation(const std::string& relation);

struct HouseholdInput {
  std::string district_code;
  std::string street_code;
  std::string community;       // 居委/村委
  std::string address_detail;  // sensitive
  nlohmann::json categories = nlohmann::json::array();
  std::string notes;
};

// Street must belong to the district; categories [{category, certificate?, valid_from, valid_to?}]
// with real dates and valid_to not before valid_from.
HouseholdInput ParseHouseholdInput(const nlohmann::json& body, const divisions::DivisionIndex& divisions,
                                   core::FieldErrors& errors);

struct PersonInput {
  std::string relation;
  std::string name;
  std::string gender;      // male | female
  std::string birth_date;  // YYYY-MM-DD
  std::string id_number;   // normalized, or "" when not given
  std::string phone;       // normalized mobile, or ""
  nlohmann::json conditions = nlohmann::json::object();  // sensitive: illness, disability, …
};

// Checks the resident ID (GB 11643) and cross-checks gender and birth date against it
// (field code "mismatch"), the phone, and the conditions object.
PersonInput ParsePersonInput(const nlohmann::json& body, const std::string& today, core::FieldErrors& errors);

struct FinanceInput {
  std::string kind, category, period_month, note;
  int64_t amount_cents = 0;
};
// kind income|expenditure with its categories; period_month "YYYY-MM" not after `today`'s month.
FinanceInput ParseFinanceInput(const nlohmann::json& body, const std::string& today);

// Whole years between birth and today (both YYYY-MM-DD).
int AgeOn(const std::string& birth_date, const std::string& today);

}  // namespace bangyi::registry
