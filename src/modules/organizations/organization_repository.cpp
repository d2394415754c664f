#include "modules/organizations/organization_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::organizations {

namespace {

constexpr std::string_view kColumns =
    "SELECT o.id, o.name, o.credit_code, o.org_type, o.rating, o.registered_district, o.contact_name,"
    " o.contact_phone, o.contact_email, o.address, o.status, o.version, o.created_at, o.updated_at,"
    " (SELECT COUNT(*) FROM users u WHERE u.organization_id = o.id) AS staff_count FROM organizations o";
const std::string kSelectById = std::string(kColumns) + " WHERE o.id = $1";
constexpr std::string_view kSelectIdByCreditCode = "SELECT id FROM organizations WHERE credit_code = $1";

// An empty parameter disables its filter. Visibility lists are comma-joined ($6 ids, $7 area
// codes) and matched with LIKE, which both engines support the same way.
constexpr std::string_view kFilter =
    " WHERE ($1 = '' OR o.name LIKE $1 ESCAPE '\\' OR o.credit_code LIKE UPPER($1) ESCAPE '\\')"
    " AND ($2 = '' OR o.registered_district = $2 OR EXISTS (SELECT 1 FROM organization_service_areas a"
    "      WHERE a.organization_id = o.id AND a.division_code = $2))"
    " AND ($3 = '' OR o.status = $3)"
    " AND ($4 = '' OR o.org_type = $4)"
    " AND (CAST($5 AS BIGINT) = 1 OR (',' || $6 || ',') LIKE ('%,' || CAST(o.id AS TEXT) || ',%')"
    "      OR (',' || $7 || ',') LIKE ('%,' || o.registered_district || ',%')"
    "      OR EXISTS (SELECT 1 FROM organization_service_areas a WHERE a.organization_id = o.id"
    "                 AND (',' || $7 || ',') LIKE ('%,' || a.division_code || ',%')))";
const std::string kList = std::string(kColumns) + std::string(kFilter) + " ORDER BY o.id LIMIT $8 OFFSET $9";
const std::string kCount = "SELECT COUNT(*) AS n FROM organizations o" + std::string(kFilter);

constexpr std::string_view kSelectAreas =
    "SELECT a.division_code, d.level FROM organization_service_areas a JOIN divisions d ON d.code = a.division_code"
    " WHERE a.organization_id = $1 ORDER BY d.level, d.sort_order";
constexpr std::string_view kDeleteAreas = "DELETE FROM organization_service_areas WHERE organization_id = $1";
constexpr std::string_view kInsertArea =
    "INSERT INTO organization_service_areas (organization_id, division_code) VALUES ($1, $2)";

constexpr std::string_view kInsert =
    "INSERT INTO organizations (name, credit_code, org_type, rating, registered_district, contact_name,"
    " contact_phone, contact_email, address, status, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE organizations SET name = $2, credit_code = $3, org_type = $4, rating = $5, registered_district = $6,"
    " contact_name = $7, contact_phone = $8, contact_email = $9, address = $10, status = $11,"
    " version = version + 1, updated_at = $12 WHERE id = $1 AND version = $13";

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    out += out.empty() ? s : "," + s;
  }
  return out;
}

db::Params FilterParams(const OrganizationFilter& f) {
  std::vector<std::string> ids;
  for (auto id : f.visible_ids) {
    ids.push_back(std::to_string(id));
  }
  return {db::LikeContains(f.q), f.district, f.status, f.org_type, int64_t{f.all_visible ? 1 : 0}, Join(ids),
          Join(f.visible_areas)};
}

Organization FromRow(db::Connection& c, const db::Row& row) {
  Organization o;
  o.id = row.Int("id");
  o.name = row.Text("name");
  o.credit_code = row.Text("credit_code");
  o.org_type = row.Text("org_type");
  o.rating = row.Text("rating");
  o.registered_district = row.Text("registered_district");
  o.contact_name = row.Text("contact_name");
  o.contact_phone = row.Text("contact_phone");
  o.contact_email = row.Text("contact_email");
  o.address = row.Text("address");
  o.status = row.Text("status");
  o.version = row.Int("version");
  o.created_at = row.Text("created_at");
  o.updated_at = row.Text("updated_at");
  o.staff_count = row.Int("staff_count");
  for (const auto& a : c.Query(kSelectAreas, {o.id})) {
    (a.Text("level") == "district" ? o.districts_served : o.streets_served).push_back(a.Text("division_code"));
  }
  return o;
}

void WriteAreas(db::Connection& c, const Organization& o) {
  c.Execute(kDeleteAreas, {o.id});
  for (const auto* list : {&o.districts_served, &o.streets_served}) {
    for (const auto& code : *list) {
      c.Execute(kInsertArea, {o.id, code});
    }
  }
}

}  // namespace

std::optional<Organization> FindOrganization(db::Connection& c, int64_t id) {
  auto row = c.QueryOne(kSelectById, {id});
  if (!row) {
    return std::nullopt;
  }
  return FromRow(c, *row);
}

std::optional<int64_t> FindOrganizationIdByCreditCode(db::Connection& c, const std::string& credit_code) {
  auto row = c.QueryOne(kSelectIdByCreditCode, {credit_code});
  if (!row) {
    return std::nullopt;
  }
  return row->Int("id");
}

std::vector<Organization> ListOrganizations(db::Connection& c, const OrganizationFilter& f, int64_t limit,
                                            int64_t offset) {
  auto params = FilterParams(f);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<Organization> out;
  for (const auto& row : c.Query(kList, params)) {
    out.push_back(FromRow(c, row));
  }
  return out;
}

int64_t CountOrganizations(db::Connection& c, const OrganizationFilter& f) {
  return c.QueryOne(kCount, FilterParams(f))->Int("n");
}

int64_t InsertOrganization(db::Connection& c, const Organization& o) {
  int64_t id = c.QueryOne(kInsert, {o.name, o.credit_code, o.org_type, o.rating, o.registered_district,
                                    o.contact_name, o.contact_phone, o.contact_email, o.address, o.status,
                                    core::NowIso()})
                   ->Int("id");
  Organization with_id = o;
  with_id.id = id;
  WriteAreas(c, with_id);
  return id;
}

bool UpdateOrganization(db::Connection& c, const Organization& o) {
  int64_t changed = c.Execute(kUpdate, {o.id, o.name, o.credit_code, o.org_type, o.rating, o.registered_district,
                                        o.contact_name, o.contact_phone, o.contact_email, o.address, o.status,
                                        core::NowIso(), o.version});
  if (changed == 0) {
    return false;
  }
  WriteAreas(c, o);
  return true;
}

}  // namespace bangyi::organizations
