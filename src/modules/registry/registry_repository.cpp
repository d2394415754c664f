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

const std::string kEverywhereByIndex = std::string(kPersonColumns) + " WHERE id_number_bidx = $1 ORDER BY id";
const std::string kByBirthDateAndStreet =
    std::string(kPersonColumns) +
    " WHERE birth_date = $1 AND household_id IN (SELECT id FROM households WHERE street_code = $2) ORDER BY id";
constexpr std::string_view kCopyHousehold =
    "INSERT INTO households (organization_id, district_code, street_code, community, address_enc, address_masked,"
    " categories, notes, created_at, updated_at) SELECT $2, district_code, street_code, community, address_enc,"
    " address_masked, categories, notes, $3, $3 FROM households WHERE id = $1 RETURNING id";
constexpr std::string_view kCopyMembers =
    "INSERT INTO persons (organization_id, household_id, relation, name, gender, birth_date, id_number_enc,"
    " id_number_bidx, id_number_masked, phone_enc, phone_masked, conditions_enc, created_at, updated_at)"
    " SELECT $2, $3, relation, name, gender, birth_date, id_number_enc, id_number_bidx, id_number_masked, phone_enc,"
    " phone_masked, conditions_enc, $4, $4 FROM persons p WHERE p.household_id = $1 AND (p.id_number_bidx IS NULL"
    " OR NOT EXISTS (SELECT 1 FROM persons q WHERE q.organization_id = $2 AND q.id_number_bidx = p.id_number_bidx))";

constexpr std::string_view kInsertConsent =
    "INSERT INTO consents (organization_id, person_id, type, given_on, note, recorded_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr std::string_view kConsentColumns =
    "SELECT k.id, k.organization_id, k.person_id, k.type, k.given_on, k.withdrawn_on, k.withdrawn_reason, k.note,"
    " k.recorded_by, u.display_name AS recorded_by_name, k.created_at FROM consents k"
    " LEFT JOIN users u ON u.id = k.recorded_by";
const std::string kFindConsent = std::string(kConsentColumns) + " WHERE k.id = $1";
const std::string kListConsents = std::string(kConsentColumns) + " WHERE k.person_id = $1 ORDER BY k.id DESC";
constexpr std::string_view kWithdrawConsent =
    "UPDATE consents SET withdrawn_on = $2, withdrawn_reason = $3 WHERE id = $1 AND withdrawn_on IS NULL";
constexpr std::string_view kActiveConsent =
    "SELECT 1 FROM consents WHERE person_id = $1 AND type = $2 AND withdrawn_on IS NULL";

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

int64_t CopyHousehold(db::Connection& c, int64_t household_id, int64_t to_organization_id) {
  std::string now = core::NowIso();
  int64_t id = c.QueryOne(kCopyHousehold, {household_id, to_organization_id, now})->Int("id");
  c.Execute(kCopyMembers, {household_id, to_organization_id, id, now});
  return id;
}

std::vector<PersonRow> FindPersonsEverywhereByIdIndex(db::Connection& c, const std::string& bidx) {
  std::vector<PersonRow> out;
  for (const auto& r : c.Query(kEverywhereByIndex, {bidx})) {
    out.push_back(PersonFrom(r));
  }
  return out;
}

std::vector<PersonRow> FindPersonsByBirthDateAndStreet(db::Connection& c, const std::string& birth_date,
                                                       const std::string& street_code) {
  std::vector<PersonRow> out;
  for (const auto& r : c.Query(kByBirthDateAndStreet, {birth_date, street_code})) {
    out.push_back(PersonFrom(r));
  }
  return out;
}

int64_t InsertConsent(db::Connection& c, const ConsentRow& row) {
  return c.QueryOne(kInsertConsent, {row.organization_id, row.person_id, row.type, row.given_on, row.note,
                                     row.recorded_by, core::NowIso()})
      ->Int("id");
}

std::optional<nlohmann::json> FindConsent(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindConsent, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

nlohmann::json ListConsents(db::Connection& c, int64_t person_id) {
  return db::RowsJson(c.Query(kListConsents, {person_id}));
}

bool WithdrawConsent(db::Connection& c, int64_t id, const std::string& withdrawn_on, const std::string& reason) {
  return c.Execute(kWithdrawConsent, {id, withdrawn_on, reason}) == 1;
}

bool HasActiveConsent(db::Connection& c, int64_t person_id, const std::string& type) {
  return c.QueryOne(kActiveConsent, {person_id, type}).has_value();
}

}  // namespace bangyi::registry
