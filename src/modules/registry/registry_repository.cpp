#include "modules/registry/registry_repository.hpp"

#include "core/clock.hpp"
#include "modules/kpis/rollup.hpp"

namespace bangyi::registry {

namespace {

constexpr std::string_view kInsertHousehold =
    "INSERT INTO households (organization_id, district_code, street_code, community, address_enc, address_masked,"
    " categories, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
constexpr std::string_view kHouseholdColumns =
    "SELECT id, organization_id, district_code, street_code, community, address_enc, address_masked, categories,"
    " notes, version, created_at, updated_at FROM households";
const std::string kSelectHousehold = std::string(kHouseholdColumns) + " WHERE id = $1";
// Filters: $1 organization, $2 street, $3 member name LIKE pattern, $4 category LIKE pattern.
constexpr std::string_view kHouseholdFilter =
    " WHERE organization_id = $1 AND merged_into_id IS NULL AND ($2 = '' OR street_code = $2)"
    " AND ($3 = '' OR EXISTS (SELECT 1 FROM persons p WHERE p.household_id = households.id"
    "   AND p.name LIKE $3 ESCAPE '\\'))"
    " AND ($4 = '' OR categories LIKE $4)";
const std::string kListHouseholds =
    std::string(kHouseholdColumns) + std::string(kHouseholdFilter) + " ORDER BY id DESC LIMIT $5 OFFSET $6";
const std::string kCountHouseholds = "SELECT COUNT(*) AS n FROM households" + std::string(kHouseholdFilter);
constexpr std::string_view kUpdateHousehold =
    "UPDATE households SET district_code = $3, street_code = $4, community = $5, address_enc = $6,"
    " address_masked = $7, categories = $8, notes = $9, version = version + 1, updated_at = $10"
    " WHERE id = $1 AND version = $2";
constexpr std::string_view kUpdatePerson =
    "UPDATE persons SET relation = $3, name = $4, gender = $5, birth_date = $6, id_number_enc = $7,"
    " id_number_bidx = $8, id_number_masked = $9, phone_enc = $10, phone_masked = $11, conditions_enc = $12,"
    " version = version + 1, updated_at = $13 WHERE id = $1 AND version = $2";
constexpr std::string_view kHasOpenCase =
    "SELECT 1 FROM cases WHERE household_id = $1 AND state NOT IN ('closed', 'follow_up', 'transferred', 'rejected')";
constexpr std::string_view kMergedInto = "SELECT merged_into_id FROM households WHERE id = $1";
constexpr std::string_view kMoveMembers = "UPDATE persons SET household_id = $2, updated_at = $3 WHERE household_id = $1";
constexpr std::string_view kMoveCases = "UPDATE cases SET household_id = $2, updated_at = $3 WHERE household_id = $1";
constexpr std::string_view kMoveFinances = "UPDATE household_finances SET household_id = $2 WHERE household_id = $1";
constexpr std::string_view kMarkMerged =
    "UPDATE households SET merged_into_id = $2, version = version + 1, updated_at = $3 WHERE id = $1";
constexpr std::string_view kInsertFinance =
    "INSERT INTO household_finances (organization_id, household_id, kind, category, amount_cents, period_month, note,"
    " recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kListFinances =
    "SELECT f.id, f.kind, f.category, f.amount_cents, f.period_month, f.note, f.recorded_by,"
    " u.display_name AS recorded_by_name, f.created_at FROM household_finances f"
    " LEFT JOIN users u ON u.id = f.recorded_by WHERE f.household_id = $1 ORDER BY f.period_month DESC, f.id DESC";
constexpr std::string_view kFinanceMonths =
    "SELECT period_month,"
    " CAST(SUM(CASE WHEN kind = 'income' THEN amount_cents ELSE 0 END) AS BIGINT) AS income_cents,"
    " CAST(SUM(CASE WHEN kind = 'expenditure' THEN amount_cents ELSE 0 END) AS BIGINT) AS expenditure_cents"
    " FROM household_finances WHERE household_id = $1 GROUP BY period_month ORDER BY period_month DESC LIMIT 24";

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

namespace {

db::Params FilterParams(const HouseholdFilter& f) {
  return {f.organization_id, f.street, db::LikeContains(f.q),
          f.category.empty() ? std::string() : "%\"category\":\"" + f.category + "\"%"};
}

}  // namespace

std::vector<HouseholdRow> ListHouseholds(db::Connection& c, const HouseholdFilter& f, int64_t limit, int64_t offset) {
  auto params = FilterParams(f);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<HouseholdRow> out;
  for (const auto& r : c.Query(kListHouseholds, params)) {
    out.push_back(HouseholdFrom(r));
  }
  return out;
}

int64_t CountHouseholds(db::Connection& c, const HouseholdFilter& f) {
  return c.QueryOne(kCountHouseholds, FilterParams(f))->Int("n");
}

bool UpdateHousehold(db::Connection& c, const HouseholdRow& h, int64_t version) {
  bool changed = false;
  kpis::Reapply(c, kpis::AffectedByHouseholds(c, {h.id}), [&] {
    changed = c.Execute(kUpdateHousehold, {h.id, version, h.district_code, h.street_code, h.community, h.address_enc,
                                           h.address_masked, h.categories, h.notes, core::NowIso()}) == 1;
  });
  return changed;
}

bool UpdatePerson(db::Connection& c, const PersonRow& p, int64_t version) {
  bool changed = false;
  kpis::Reapply(c, kpis::AffectedByHouseholds(c, {p.household_id}), [&] {
    changed = c.Execute(kUpdatePerson, {p.id, version, p.relation, p.name, p.gender, p.birth_date, p.id_number_enc,
                                        db::Nullable(p.id_number_bidx), p.id_number_masked, p.phone_enc,
                                        p.phone_masked, p.conditions_enc, core::NowIso()}) == 1;
  });
  return changed;
}

std::optional<int64_t> MergedInto(db::Connection& c, int64_t household_id) {
  auto r = c.QueryOne(kMergedInto, {household_id});
  return r ? r->OptInt("merged_into_id") : std::nullopt;
}

bool HasOpenCase(db::Connection& c, int64_t household_id) { return c.QueryOne(kHasOpenCase, {household_id}).has_value(); }

void MergeHouseholds(db::Connection& c, int64_t from, int64_t into) {
  std::string now = core::NowIso();
  kpis::Reapply(c, kpis::AffectedByHouseholds(c, {from, into}), [&] {
    c.Execute(kMoveMembers, {from, into, now});
    c.Execute(kMoveCases, {from, into, now});
    c.Execute(kMoveFinances, {from, into});
    c.Execute(kMarkMerged, {from, into, now});
  });
}

int64_t InsertFinance(db::Connection& c, const FinanceRow& row) {
  return c.QueryOne(kInsertFinance, {row.organization_id, row.household_id, row.kind, row.category, row.amount_cents,
                                     row.period_month, row.note, db::Nullable(row.recorded_by), core::NowIso()})
      ->Int("id");
}

nlohmann::json ListFinances(db::Connection& c, int64_t household_id) {
  return db::RowsJson(c.Query(kListFinances, {household_id}));
}

nlohmann::json FinanceMonths(db::Connection& c, int64_t household_id) {
  return db::RowsJson(c.Query(kFinanceMonths, {household_id}));
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
