#include "modules/projects/project_repository.hpp"

#include <map>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "modules/kpis/rollup.hpp"

namespace bangyi::projects {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO projects (organization_id, round_id, application_id, name, sub_brand, grant_cents, state,"
    " indicators, team, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'agreement_pending', $7, $8, $9, $9)"
    " RETURNING id";
constexpr std::string_view kInsertLine =
    "INSERT INTO project_budget_lines (organization_id, project_id, position, category, item, unit, quantity,"
    " unit_price_cents, amount_cents) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kSelect =
    "SELECT p.id, p.organization_id, o.name AS organization_name, p.round_id, r.title AS round_title,"
    " r.reporting, r.tranches, p.application_id, p.name, p.sub_brand, p.grant_cents, p.state,"
    " p.agreement_signed_on, p.starts_on, p.ends_on, p.indicators, p.team, p.version, p.created_at, p.updated_at"
    " FROM projects p JOIN organizations o ON o.id = p.organization_id JOIN rounds r ON r.id = p.round_id";
const std::string kFind = std::string(kSelect) + " WHERE p.id = $1";
constexpr std::string_view kFilter =
    " WHERE (CAST($1 AS BIGINT) = 0 OR p.organization_id = $1) AND (CAST($2 AS BIGINT) = 0 OR p.round_id = $2)";
const std::string kList = std::string(kSelect) + std::string(kFilter) + " ORDER BY p.id DESC LIMIT $3 OFFSET $4";
const std::string kCount = "SELECT COUNT(*) AS n FROM projects p" + std::string(kFilter);
constexpr std::string_view kLines =
    "SELECT id, position, category, item, unit, quantity, unit_price_cents, amount_cents FROM project_budget_lines"
    " WHERE project_id = $1 ORDER BY position";
constexpr std::string_view kSign =
    "UPDATE projects SET state = 'active', agreement_signed_on = $3, starts_on = $4, ends_on = $5,"
    " version = version + 1, updated_at = $6 WHERE id = $1 AND version = $2 AND state = 'agreement_pending'";

constexpr std::string_view kSetState = "UPDATE projects SET state = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kLinkCases =
    "UPDATE cases SET project_id = $1 WHERE organization_id = $2 AND project_id IS NULL AND opened_on >= $3"
    " AND opened_on <= $4";
constexpr std::string_view kLinkRecords =
    "UPDATE service_records SET project_id = $1 WHERE case_id IN (SELECT id FROM cases WHERE project_id = $1)"
    " AND project_id IS NULL AND served_on >= $2 AND served_on <= $3";

// The figures: records of the project, their participants (人次 = rows), distinct persons and
// their households, and the minutes volunteers gave (staff holding the volunteer role).
// $2 / $3 bound the service dates ('' = open).
#define BANGYI_MONTH "substr(r.served_on, 1, 7)"
#define BANGYI_RANGE " AND ($2 = '' OR r.served_on >= $2) AND ($3 = '' OR r.served_on <= $3)"
constexpr std::string_view kRecordMonths =
    "SELECT " BANGYI_MONTH " AS month, COUNT(*) AS services, SUM(r.duration_minutes) AS minutes"
    " FROM service_records r WHERE r.project_id = $1" BANGYI_RANGE " GROUP BY " BANGYI_MONTH " ORDER BY 1";
constexpr std::string_view kParticipantMonths =
    "SELECT " BANGYI_MONTH " AS month, COUNT(*) AS person_times, COUNT(DISTINCT sp.person_id) AS persons,"
    " COUNT(DISTINCT pe.household_id) AS households"
    " FROM service_record_participants sp JOIN service_records r ON r.id = sp.service_record_id"
    " JOIN persons pe ON pe.id = sp.person_id WHERE r.project_id = $1" BANGYI_RANGE " GROUP BY " BANGYI_MONTH;
constexpr std::string_view kParticipantTotal =
    "SELECT COUNT(*) AS person_times, COUNT(DISTINCT sp.person_id) AS persons,"
    " COUNT(DISTINCT pe.household_id) AS households"
    " FROM service_record_participants sp JOIN service_records r ON r.id = sp.service_record_id"
    " JOIN persons pe ON pe.id = sp.person_id WHERE r.project_id = $1" BANGYI_RANGE;
constexpr std::string_view kVolunteerMonths =
    "SELECT " BANGYI_MONTH " AS month, SUM(r.duration_minutes) AS minutes"
    " FROM service_record_staff st JOIN service_records r ON r.id = st.service_record_id"
    " WHERE r.project_id = $1" BANGYI_RANGE " AND EXISTS (SELECT 1 FROM role_assignments ra"
    " WHERE ra.user_id = st.user_id AND ra.role = 'volunteer') GROUP BY " BANGYI_MONTH;
// Survey responses by the day answered: satisfied = overall 满意 (4) or 非常满意 (5).
constexpr std::string_view kResponseMonths =
    "SELECT substr(answered_on, 1, 7) AS month, COUNT(*) AS responses,"
    " CAST(SUM(CASE WHEN overall >= 4 THEN 1 ELSE 0 END) AS BIGINT) AS satisfied FROM survey_responses"
    " WHERE project_id = $1 AND ($2 = '' OR answered_on >= $2) AND ($3 = '' OR answered_on <= $3)"
    " GROUP BY substr(answered_on, 1, 7)";
constexpr std::string_view kHouseholdCategories =
    "SELECT h.id, h.categories FROM households h WHERE h.id IN (SELECT pe.household_id"
    " FROM service_record_participants sp JOIN service_records r ON r.id = sp.service_record_id"
    " JOIN persons pe ON pe.id = sp.person_id WHERE r.project_id = $1" BANGYI_RANGE ") ORDER BY h.id";
#undef BANGYI_MONTH
#undef BANGYI_RANGE

nlohmann::json ProjectView(const db::Row& row) {
  nlohmann::json p = db::RowJson(row);
  for (const char* k : {"indicators", "team", "tranches"}) {
    p[k] = nlohmann::json::parse(p[k].get<std::string>());
  }
  p["grant_yuan"] = core::FormatYuan(p["grant_cents"].get<int64_t>());
  p.erase("grant_cents");
  p["organization"] = {{"id", p["organization_id"]}, {"name", p["organization_name"]}};
  p["round"] = {{"id", p["round_id"]}, {"title", p["round_title"]}, {"reporting", p["reporting"]}};
  for (const char* k : {"organization_name", "round_title", "reporting"}) {
    p.erase(k);
  }
  return p;
}

}  // namespace

int64_t CreateFromApplication(db::Connection& c, int64_t round_id, int64_t application_id, int64_t organization_id,
                              const nlohmann::json& document, int64_t grant_cents) {
  int64_t id = c.QueryOne(kInsert, {organization_id, round_id, application_id, document.value("project_name", ""),
                                    document.value("sub_brand", ""), grant_cents,
                                    document.value("indicators", nlohmann::json::array()).dump(),
                                    document.value("team", nlohmann::json::array()).dump(), core::NowIso()})
                   ->Int("id");
  int64_t position = 0;
  for (const auto& line : document.value("budget_lines", nlohmann::json::array())) {
    int64_t quantity = line["quantity"].get<int64_t>();
    int64_t price = *core::ParseYuan(line["unit_price_yuan"]);
    c.Execute(kInsertLine, {organization_id, id, ++position, line["category"].get<std::string>(),
                            line["item"].get<std::string>(), line["unit"].get<std::string>(), quantity, price,
                            quantity * price});
  }
  return id;
}

std::optional<nlohmann::json> FindProject(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFind, {id});
  return r ? std::optional(ProjectView(*r)) : std::nullopt;
}

nlohmann::json ListProjects(db::Connection& c, int64_t organization_id, int64_t round_id, int64_t limit,
                            int64_t offset) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kList, {organization_id, round_id, limit, offset})) {
    out.push_back(ProjectView(r));
  }
  return out;
}

int64_t CountProjects(db::Connection& c, int64_t organization_id, int64_t round_id) {
  return c.QueryOne(kCount, {organization_id, round_id})->Int("n");
}

nlohmann::json ListBudgetLines(db::Connection& c, int64_t project_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kLines, {project_id})) {
    out.push_back({{"id", r.Int("id")},
                   {"position", r.Int("position")},
                   {"category", r.Text("category")},
                   {"item", r.Text("item")},
                   {"unit", r.Text("unit")},
                   {"quantity", r.Int("quantity")},
                   {"unit_price_yuan", core::FormatYuan(r.Int("unit_price_cents"))},
                   {"amount_yuan", core::FormatYuan(r.Int("amount_cents"))}});
  }
  return out;
}

bool SignAgreement(db::Connection& c, int64_t id, int64_t version, const std::string& signed_on,
                   const std::string& starts_on, const std::string& ends_on) {
  return c.Execute(kSign, {id, version, signed_on, starts_on, ends_on, core::NowIso()}) == 1;
}

void SetProjectState(db::Connection& c, int64_t id, std::string_view state) {
  c.Execute(kSetState, {id, std::string(state), core::NowIso()});
}

void LinkCases(db::Connection& c, int64_t project_id, int64_t organization_id, const std::string& from,
               const std::string& to) {
  kpis::Reapply(c, kpis::AffectedByProjectLink(c, project_id, organization_id, from, to), [&] {
    c.Execute(kLinkCases, {project_id, organization_id, from, to});
    c.Execute(kLinkRecords, {project_id, from, to});
  });
}

CaseFigures ComputeCaseFigures(db::Connection& c, int64_t project_id, const std::string& from, const std::string& to) {
  std::map<std::string, MonthFigures> months;
  CaseFigures out;
  const db::Params range = {project_id, from, to};
  for (const auto& r : c.Query(kRecordMonths, range)) {
    auto& m = months[r.Text("month")];
    m.services = r.Int("services");
    m.service_minutes = r.Int("minutes");
    out.total.services += m.services;
    out.total.service_minutes += m.service_minutes;
  }
  for (const auto& r : c.Query(kParticipantMonths, range)) {
    auto& m = months[r.Text("month")];
    m.person_times = r.Int("person_times");
    m.persons = r.Int("persons");
    m.households = r.Int("households");
  }
  for (const auto& r : c.Query(kVolunteerMonths, range)) {
    auto& m = months[r.Text("month")];
    m.volunteer_minutes = r.Int("minutes");
    out.total.volunteer_minutes += m.volunteer_minutes;
  }
  for (const auto& r : c.Query(kResponseMonths, range)) {
    auto& m = months[r.Text("month")];
    m.responses = r.Int("responses");
    m.satisfied = r.Int("satisfied");
    out.total.responses += m.responses;
    out.total.satisfied += m.satisfied;
  }
  auto total = c.QueryOne(kParticipantTotal, range);
  out.total.person_times = total->Int("person_times");
  out.total.persons = total->Int("persons");
  out.total.households = total->Int("households");
  for (const auto& r : c.Query(kHouseholdCategories, range)) {
    out.household_categories.push_back(r.Text("categories"));
  }
  out.months.assign(months.begin(), months.end());
  return out;
}

}  // namespace bangyi::projects
