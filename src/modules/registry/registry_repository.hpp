// Named SQL for households and persons. Values arrive here already encrypted.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::registry {

struct HouseholdRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  std::string district_code, street_code, community, address_enc, address_masked, categories, notes;
  int64_t version = 1;
  std::string created_at, updated_at;
};

struct PersonRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  int64_t household_id = 0;
  std::string relation, name, gender, birth_date;
  std::string id_number_enc, id_number_masked, phone_enc, phone_masked, conditions_enc;
  std::optional<std::string> id_number_bidx;
  int64_t version = 1;
  std::string created_at, updated_at;
};

int64_t InsertHousehold(db::Connection& c, const HouseholdRow& h);
std::optional<HouseholdRow> FindHousehold(db::Connection& c, int64_t id);
struct HouseholdFilter {
  int64_t organization_id = 0;
  std::string street;    // "" any
  std::string q;         // part of a member's name, "" any
  std::string category;  // an assistance category held, "" any (must be a known category)
};
// Households of one organization (merged ones left out), newest first.
std::vector<HouseholdRow> ListHouseholds(db::Connection& c, const HouseholdFilter& f, int64_t limit, int64_t offset);
int64_t CountHouseholds(db::Connection& c, const HouseholdFilter& f);
// Optimistic update of everything but the owner; false when `version` is stale.
bool UpdateHousehold(db::Connection& c, const HouseholdRow& h, int64_t version);
bool UpdatePerson(db::Connection& c, const PersonRow& p, int64_t version);
std::optional<int64_t> MergedInto(db::Connection& c, int64_t household_id);
// True when the household has a case that is not closed, transferred or rejected.
bool HasOpenCase(db::Connection& c, int64_t household_id);
// Moves members, cases and finance records of `from` into `into`; `from` stays, marked merged.
void MergeHouseholds(db::Connection& c, int64_t from, int64_t into);

// Income and rigid expenditure records (amounts in fen).
struct FinanceRow {
  int64_t organization_id = 0;
  int64_t household_id = 0;
  std::string kind, category, period_month, note;
  int64_t amount_cents = 0;
  std::optional<int64_t> recorded_by;  // none for imported or demo records
};
int64_t InsertFinance(db::Connection& c, const FinanceRow& row);
nlohmann::json ListFinances(db::Connection& c, int64_t household_id);
// Per month, newest first: {period_month, income_cents, expenditure_cents}.
nlohmann::json FinanceMonths(db::Connection& c, int64_t household_id);

int64_t InsertPerson(db::Connection& c, const PersonRow& p);
std::optional<PersonRow> FindPerson(db::Connection& c, int64_t id);
std::vector<PersonRow> ListMembers(db::Connection& c, int64_t household_id);
// Persons with this blind index within one organization.
std::vector<PersonRow> FindPersonsByIdIndex(db::Connection& c, int64_t organization_id, const std::string& bidx);

// Copies a household and its members into another organization (a transfer referral); the
// ciphertexts stay valid (the key is platform-wide). Members already registered there (same blind
// index) are not copied twice. Returns the new household id.
int64_t CopyHousehold(db::Connection& c, int64_t household_id, int64_t to_organization_id);

// Persons of any organization with this blind index, or with this birth date in this street.
std::vector<PersonRow> FindPersonsEverywhereByIdIndex(db::Connection& c, const std::string& bidx);
std::vector<PersonRow> FindPersonsByBirthDateAndStreet(db::Connection& c, const std::string& birth_date,
                                                       const std::string& street_code);

// Consent (知情同意)
struct ConsentRow {
  int64_t organization_id = 0;
  int64_t person_id = 0;
  std::string type, given_on, note;
  int64_t recorded_by = 0;
};
int64_t InsertConsent(db::Connection& c, const ConsentRow& row);
std::optional<nlohmann::json> FindConsent(db::Connection& c, int64_t id);
nlohmann::json ListConsents(db::Connection& c, int64_t person_id);
bool WithdrawConsent(db::Connection& c, int64_t id, const std::string& withdrawn_on, const std::string& reason);
bool HasActiveConsent(db::Connection& c, int64_t person_id, const std::string& type);

}  // namespace bangyi::registry
