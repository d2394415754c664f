// Named SQL for households and persons. Values arrive here already encrypted.
#pragma once

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
// Households of one organization, optionally of one street, newest first.
std::vector<HouseholdRow> ListHouseholds(db::Connection& c, int64_t organization_id, const std::string& street,
                                         int64_t limit, int64_t offset);
int64_t CountHouseholds(db::Connection& c, int64_t organization_id, const std::string& street);

int64_t InsertPerson(db::Connection& c, const PersonRow& p);
std::optional<PersonRow> FindPerson(db::Connection& c, int64_t id);
std::vector<PersonRow> ListMembers(db::Connection& c, int64_t household_id);
// Persons with this blind index within one organization.
std::vector<PersonRow> FindPersonsByIdIndex(db::Connection& c, int64_t organization_id, const std::string& bidx);

}  // namespace bangyi::registry
