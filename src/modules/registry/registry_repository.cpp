#include "modules/registry/registry_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::registry {

namespace {

constexpr std::string_view kInsertHousehold =
    "INSERT INTO households (organization_id, district_code, street_code, community, address_enc, address_masked,"
    " categories, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
constexpr std::string_view kHouseholdColumns =
    "SELECT id, organization_id, district_code, street_code, community, address_enc, address_masked, categories,"
    " notes, version, created_at, updated_at FROM households";
const std::string kSelectHousehold = std::string(kHouseholdColumns) + " WHERE id = $1";
const std::string kListHouseholds = std::string(kHouseholdColumns) +
                                    " WHERE organization_id = $1 AND ($2 = '' OR street_code = $2)"
                                    " ORDER BY id DESC LIMIT $3 OFFSET $4";
constexpr std::string_view kCountHouseholds =
    "SELECT COUNT(*) AS n FROM households WHERE organization_id = $1 AND ($2 = '' OR street_code = $2)";

constexpr std::string_view kInsertPerson =
    "INSERT INTO persons (organization_id, household_id, relation, name, gender, birth_date, id_number_enc,"
    " id_number_bidx, id_number_masked, phone_enc, phone_masked, conditions_enc, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id";
constexpr std::string_view kPersonColumns =
    "SELECT id, organization_id, household_id, relation, name, gender, birth_date, id_number_enc, id_number_bidx,"
    " id_number_masked, phone_enc, phone_masked, conditions_enc, version, created_at, updated_at FROM persons";
const std::string kSelectPerson = std::string(kPersonColumns) + " WHERE id = $1";
const std::string kListMembers = std::string(kPersonColumns) + " WHERE household_id = $1 ORDER BY id";
const std::string kFindByIndex =
    std::string(kPersonColumns) + " WHERE organization_id = $1 AND id_number_bidx = $2 ORDER BY id";

HouseholdRow HouseholdFrom(const db::Row& r) {
  return HouseholdRow{r.Int("id"),           r.Int("organization_id"), r.Text("district_code"), r.Text("street_code"),
                      r.Text("community"),   r.Text("address_enc"),    r.Text("address_masked"), r.Text("categories"),
                      r.Text("notes"),       r.Int("version"),         r.Text("created_at"),     r.Text("updated_at")};
}

PersonRow PersonFrom(const db::Row& r) {
  PersonRow p;
  p.id = r.Int("id");
  p.organization_id = r.Int("organization_id");
  p.household_id = r.Int("household_id");
  p.relation = r.Text("relation");
  p.name = r.Text("name");
  p.gender = r.Text("gender");
  p.birth_date = r.Text("birth_date");
  p.id_number_enc = r.Text("id_number_enc");
  p.id_number_bidx = r.OptText("id_number_bidx");
  p.id_number_masked = r.Text("id_number_masked");
  p.phone_enc = r.Text("phone_enc");
  p.phone_masked = r.Text("phone_masked");
  p.conditions_enc = r.Text("conditions_enc");
  p.version = r.Int("version");
  p.created_at = r.Text("created_at");
  p.updated_at = r.Text("updated_at");
  return p;
}

}  // namespace

int64_t InsertHousehold(db::Connection& c, const HouseholdRow& h) {
  return c.QueryOne(kInsertHousehold, {h.organization_id, h.district_code, h.street_code, h.community, h.address_enc,
                                       h.address_masked, h.categories, h.notes, core::NowIso()})
      ->Int("id");
}

std::optional<HouseholdRow> FindHousehold(db::Connection& c, int64_t id) {
  auto row = c.QueryOne(kSelectHousehold, {id});
  if (!row) {
    return std::nullopt;
  }
  return HouseholdFrom(*row);
}

std::vector<HouseholdRow> ListHouseholds(db::Connection& c, int64_t organization_id, const std::string& street,
                                         int64_t limit, int64_t offset) {
  std::vector<HouseholdRow> out;
  for (const auto& r : c.Query(kListHouseholds, {organization_id, street, limit, offset})) {
    out.push_back(HouseholdFrom(r));
  }
  return out;
}

int64_t CountHouseholds(db::Connection& c, int64_t organization_id, const std::string& street) {
  return c.QueryOne(kCountHouseholds, {organization_id, street})->Int("n");
}

int64_t InsertPerson(db::Connection& c, const PersonRow& p) {
  return c.QueryOne(kInsertPerson, {p.organization_id, p.household_id, p.relation, p.name, p.gender, p.birth_date,
                                    p.id_number_enc, db::Nullable(p.id_number_bidx), p.id_number_masked, p.phone_enc,
                                    p.phone_masked, p.conditions_enc, core::NowIso()})
      ->Int("id");
}

std::optional<PersonRow> FindPerson(db::Connection& c, int64_t id) {
  auto row = c.QueryOne(kSelectPerson, {id});
  if (!row) {
    return std::nullopt;
  }
  return PersonFrom(*row);
}

std::vector<PersonRow> ListMembers(db::Connection& c, int64_t household_id) {
  std::vector<PersonRow> out;
  for (const auto& r : c.Query(kListMembers, {household_id})) {
    out.push_back(PersonFrom(r));
  }
  return out;
}

std::vector<PersonRow> FindPersonsByIdIndex(db::Connection& c, int64_t organization_id, const std::string& bidx) {
  std::vector<PersonRow> out;
  for (const auto& r : c.Query(kFindByIndex, {organization_id, bidx})) {
    out.push_back(PersonFrom(r));
  }
  return out;
}

}  // namespace bangyi::registry
