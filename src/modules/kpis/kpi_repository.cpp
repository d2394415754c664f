#include "modules/kpis/kpi_repository.hpp"

#include "modules/kpis/rollup.hpp"

namespace bangyi::kpis {

namespace {

constexpr std::string_view kCellColumns =
    "dim_key, period, services, minutes, volunteer_minutes, person_times, persons, households, children, elderly,"
    " women, cases_opened, cases_closed, referrals_made, referrals_accepted, responses, satisfied";
constexpr const char* kFigureColumns[] = {"services",       "minutes",       "volunteer_minutes",  "person_times",
                                          "persons",        "households",    "children",           "elderly",
                                          "women",          "cases_opened",  "cases_closed",       "referrals_made",
                                          "referrals_accepted", "responses", "satisfied"};

const std::string kReadCells = "SELECT " + std::string(kCellColumns) +
                               " FROM kpi_cells WHERE dimension = $1 AND period = $2"
                               " AND ($3 = '' OR dim_key = $3)"
                               " AND ($4 = '' OR dim_key IN (SELECT code FROM divisions WHERE parent_code = $4))";
// Periods of one kind: a year is 4 characters, a quarter 'YYYY-Qn', a month 'YYYY-MM'.
const std::string kReadPeriods = "SELECT " + std::string(kCellColumns) +
                                 " FROM kpi_cells WHERE dimension = $1 AND dim_key = $2 AND period <> ''"
                                 " AND (($3 = 'year' AND length(period) = 4)"
                                 " OR ($3 = 'quarter' AND period LIKE '____-Q_')"
                                 " OR ($3 = 'month' AND length(period) = 7 AND period NOT LIKE '____-Q_'))"
                                 " AND ($4 = '' OR period >= $4) AND ($5 = '' OR period <= $5) ORDER BY period";

constexpr std::string_view kDivisionName = "SELECT name FROM divisions WHERE code = $1";
constexpr std::string_view kOrganizationName = "SELECT name FROM organizations WHERE CAST(id AS TEXT) = $1";
constexpr std::string_view kProjectName = "SELECT name FROM projects WHERE CAST(id AS TEXT) = $1";
constexpr std::string_view kRoundName = "SELECT title AS name FROM rounds WHERE CAST(id AS TEXT) = $1";
constexpr std::string_view kServiceTypeName = "SELECT name_zh AS name FROM service_types WHERE code = $1";
constexpr std::string_view kParentDivision = "SELECT parent_code FROM divisions WHERE code = $1 AND level = 'street'";
constexpr std::string_view kExtras =
    "SELECT (SELECT COUNT(*) FROM organizations WHERE status = 'active') AS organizations_active,"
    " (SELECT COUNT(*) FROM projects) AS projects,"
    " (SELECT COUNT(*) FROM volunteers WHERE status = 'active') AS volunteers_active";

// The records behind a cell, with what the list shows (never the content).
#define BANGYI_RECORD_FROM                                                                                       \
  " FROM service_records r JOIN organizations o ON o.id = r.organization_id JOIN cases c ON c.id = r.case_id"   \
  " JOIN households h ON h.id = c.household_id"                                                                  \
  " LEFT JOIN projects p ON p.id = r.project_id"                                                                 \
  " WHERE ($1 = '' OR ($1 = 'district' AND h.district_code = $2) OR ($1 = 'street' AND h.street_code = $2)"      \
  " OR ($1 = 'organization' AND CAST(r.organization_id AS TEXT) = $2)"                                          \
  " OR ($1 = 'project' AND CAST(r.project_id AS TEXT) = $2) OR ($1 = 'round' AND CAST(p.round_id AS TEXT) = $2)" \
  " OR ($1 = 'service_type' AND r.service_type = $2)"                                                            \
  " OR ($1 = 'category' AND ($2 = 'none' OR h.categories LIKE '%\"' || $2 || '\"%')))"                        \
  " AND ($3 = '' OR r.served_on >= $3) AND ($4 = '' OR r.served_on <= $4)"                                      \
  " AND (CAST($5 AS BIGINT) = 0 OR r.organization_id = $5)"
constexpr std::string_view kRecords =
    "SELECT r.id, r.served_on, r.organization_id, o.name AS organization_name, r.case_id, c.case_number, r.project_id,"
    " r.service_type, r.duration_minutes, r.person_times, h.categories" BANGYI_RECORD_FROM
    " ORDER BY r.served_on DESC, r.id DESC";
#undef BANGYI_RECORD_FROM

CellRow FromRow(const db::Row& r) {
  CellRow out{r.Text("dim_key"), r.Text("period"), nlohmann::json::object()};
  for (const char* column : kFigureColumns) {
    out.figures[column] = r.Int(column);
  }
  return out;
}

}  // namespace

std::vector<CellRow> ReadCells(db::Connection& c, const std::string& dimension, const std::string& period,
                               const std::optional<std::string>& key, const std::optional<std::string>& parent) {
  std::vector<CellRow> out;
  for (const auto& r : c.Query(kReadCells, {dimension, period, key.value_or(""), parent.value_or("")})) {
    out.push_back(FromRow(r));
  }
  return out;
}

std::vector<CellRow> ReadPeriods(db::Connection& c, const std::string& dimension, const std::string& key,
                                 const std::string& kind, const std::string& from, const std::string& to) {
  std::vector<CellRow> out;
  for (const auto& r : c.Query(kReadPeriods, {dimension, key, kind, from, to})) {
    out.push_back(FromRow(r));
  }
  return out;
}

std::string Label(db::Connection& c, const std::string& dimension, const std::string& key) {
  std::string_view sql;
  if (dimension == "district" || dimension == "street") {
    sql = kDivisionName;
  } else if (dimension == "organization") {
    sql = kOrganizationName;
  } else if (dimension == "project") {
    sql = kProjectName;
  } else if (dimension == "round") {
    sql = kRoundName;
  } else if (dimension == "service_type") {
    sql = kServiceTypeName;
  } else {
    return key;  // platform "", categories and periods: the web localizes the code
  }
  auto r = c.QueryOne(sql, {key});
  return r ? r->Text("name") : key;
}

nlohmann::json PlatformExtras(db::Connection& c) { return db::RowJson(*c.QueryOne(kExtras)); }

std::string DistrictOfStreet(db::Connection& c, const std::string& street) {
  auto r = c.QueryOne(kParentDivision, {street});
  return r ? r->Text("parent_code") : std::string();
}

nlohmann::json ListRecords(db::Connection& c, const RecordFilter& f, int64_t limit, int64_t offset) {
  nlohmann::json data = nlohmann::json::array();
  int64_t total = 0;
  // A category counts on the service day only: the LIKE narrows, the validity dates decide.
  c.ForEach(kRecords, {f.dimension, f.key, f.from, f.to, f.organization_id.value_or(0)}, [&](const db::Row& r) {
    if (f.dimension == "category") {
      auto held = CategoriesOn(r.Text("categories"), r.Text("served_on"));
      if (std::find(held.begin(), held.end(), f.key) == held.end()) {
        return;
      }
    }
    if (total >= offset && total < offset + limit) {
      auto row = db::RowJson(r);
      row.erase("categories");
      data.push_back(std::move(row));
    }
    ++total;
  });
  return {{"data", data}, {"total", total}};
}

}  // namespace bangyi::kpis
