#include "modules/kpis/kpi_service.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "core/error.hpp"
#include "core/units.hpp"
#include "modules/audit/audit.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/kpis/kpi_export.hpp"
#include "modules/kpis/kpi_repository.hpp"

namespace bangyi::kpis {

namespace {

namespace perm = access::permission;

const std::set<std::string> kKeyDimensions = {"district", "street",       "organization", "round",
                                              "project",  "service_type", "category"};
const std::set<std::string> kTimeDimensions = {"month", "quarter", "year"};
// Query parameter of each filter dimension.
const std::vector<std::pair<std::string, std::string>> kFilters = {
    {"district", "district"}, {"street", "street"},   {"organization", "organization_id"}, {"round", "round_id"},
    {"project", "project_id"}, {"service_type", "service_type"}, {"category", "category"}};
// Counts of persons or households: suppressed below 5 for government viewers and donors.
const std::set<std::string> kPersonCounts = {"persons",      "households",   "children",       "elderly",
                                             "women",        "person_times", "cases_opened",   "cases_closed",
                                             "referrals_made", "referrals_accepted", "responses", "satisfied"};
constexpr int64_t kSmallCell = 5;

const std::regex kYear(R"(\d{4})");
const std::regex kQuarter(R"(\d{4}-Q[1-4])");
const std::regex kMonth(R"(\d{4}-(0[1-9]|1[0-2]))");

bool IsPeriodOf(const std::string& kind, const std::string& v) {
  return std::regex_match(v, kind == "year" ? kYear : kind == "quarter" ? kQuarter : kMonth);
}
bool IsPeriod(const std::string& v) { return IsPeriodOf("year", v) || IsPeriodOf("quarter", v) || IsPeriodOf("month", v); }

// Who reads which figures.
struct Viewer {
  bool all = false;                     // platform kpis.read
  std::vector<std::string> organizations;  // organization-scoped kpis.read
  bool suppressed = false;              // kpis.read_suppressed
  bool every_district = false;          // … platform-wide
  std::vector<std::string> districts;   // … district-scoped
};

Viewer ViewerOf(const access::Principal& p) {
  Viewer v;
  for (const auto& r : p.ScopesFor(perm::kKpisRead)) {
    if (r.scope_type == access::kScopePlatform) {
      v.all = true;
    } else if (r.scope_type == access::kScopeOrganization) {
      v.organizations.push_back(r.scope_id);
    }
  }
  if (v.all || !v.organizations.empty()) {
    return v;
  }
  for (const auto& r : p.ScopesFor(perm::kKpisReadSuppressed)) {
    v.suppressed = true;
    if (r.scope_type == access::kScopePlatform) {
      v.every_district = true;
    } else if (r.scope_type == access::kScopeDistrict) {
      v.districts.push_back(r.scope_id);
    }
  }
  if (!v.suppressed) {
    throw core::Error::Forbidden("missing permission kpis.read");
  }
  return v;
}

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Applies the viewer's scope to the query: fills in their organization, refuses what lies outside.
void Authorize(const Viewer& v, KpiQuery& q) {
  if (v.all) {
    return;
  }
  if (!v.organizations.empty()) {
    if (q.filter.empty()) {
      q.filter = "organization";
      q.filter_key = v.organizations.front();
    }
    if (q.filter != "organization" || !Contains(v.organizations, q.filter_key)) {
      throw core::Error::Forbidden("figures are limited to your organization");
    }
    if (q.dimension != "platform" && q.dimension != "organization" && !kTimeDimensions.count(q.dimension)) {
      throw core::Error::Forbidden("figures across organizations are not available to organization staff");
    }
    return;
  }
  // Government viewers and donors: districts only.
  if (!q.filter.empty() && q.filter != "district") {
    throw core::Error::Forbidden("only district figures are available");
  }
  if (!q.filter.empty() && !v.every_district && !Contains(v.districts, q.filter_key)) {
    throw core::Error::Forbidden("this district lies outside your scope");
  }
  bool district_dims = q.dimension == "platform" || q.dimension == "district" || q.dimension == "street" ||
                       kTimeDimensions.count(q.dimension);
  if (!district_dims) {
    throw core::Error::Forbidden("only district figures are available");
  }
  if (q.filter.empty() && !v.every_district && q.dimension != "district") {
    throw core::Error::Forbidden("choose one of your districts");
  }
}

nlohmann::json Rate(int64_t satisfied, int64_t responses) {
  auto rate = core::Percent(satisfied, responses);
  return rate ? nlohmann::json(*rate) : nlohmann::json(nullptr);
}

nlohmann::json Present(const nlohmann::json& raw, bool suppressed) {
  nlohmann::json f = {{"services", raw["services"]},
                      {"service_hours", core::Hours(raw["minutes"].get<int64_t>())},
                      {"person_times", raw["person_times"]},
                      {"persons", raw["persons"]},
                      {"households", raw["households"]},
                      {"children", raw["children"]},
                      {"elderly", raw["elderly"]},
                      {"women", raw["women"]},
                      {"volunteer_hours", core::Hours(raw["volunteer_minutes"].get<int64_t>())},
                      {"cases_opened", raw["cases_opened"]},
                      {"cases_closed", raw["cases_closed"]},
                      {"referrals_made", raw["referrals_made"]},
                      {"referrals_accepted", raw["referrals_accepted"]},
                      {"responses", raw["responses"]},
                      {"satisfied", raw["satisfied"]},
                      {"satisfaction_rate", Rate(raw["satisfied"].get<int64_t>(), raw["responses"].get<int64_t>())}};
  if (suppressed) {
    if (raw["responses"].get<int64_t>() < kSmallCell) {
      f["satisfaction_rate"] = nullptr;
    }
    for (const auto& k : kPersonCounts) {
      if (f[k].get<int64_t>() < kSmallCell) {
        f[k] = "<5";
      }
    }
  }
  return f;
}

nlohmann::json EmptyRaw() {
  nlohmann::json raw = nlohmann::json::object();
  for (const char* k : {"services", "minutes", "volunteer_minutes", "person_times", "persons", "households",
                        "children", "elderly", "women", "cases_opened", "cases_closed", "referrals_made",
                        "referrals_accepted", "responses", "satisfied"}) {
    raw[k] = 0;
  }
  return raw;
}

// First and last day of a period ("" = open).
std::pair<std::string, std::string> DaysOf(const std::string& period) {
  if (period.empty()) {
    return {"", ""};
  }
  std::string y = period.substr(0, 4);
  if (period.size() == 4) {
    return {y + "-01-01", y + "-12-31"};
  }
  if (period[5] == 'Q') {
    int q = period[6] - '0';
    char from[16], to[16];
    std::snprintf(from, sizeof from, "%s-%02d-01", y.c_str(), q * 3 - 2);
    std::snprintf(to, sizeof to, "%s-%02d-31", y.c_str(), q * 3);
    return {from, to};
  }
  return {period + "-01", period + "-31"};
}

}  // namespace

const std::vector<FigureColumn>& FigureColumns() {
  static const std::vector<FigureColumn> kColumns = {
      {"services", "服务次数", 0},        {"service_hours", "服务时长（小时）", 2},
      {"person_times", "服务人次", 0},    {"persons", "服务人数", 0},
      {"households", "服务户数", 0},      {"children", "儿童", 0},
      {"elderly", "老年人", 0},           {"women", "女性", 0},
      {"volunteer_hours", "志愿服务时长（小时）", 2}, {"cases_opened", "开案数", 0},
      {"cases_closed", "结案数", 0},      {"referrals_made", "转介数", 0},
      {"referrals_accepted", "转介接收数", 0}, {"responses", "满意度回复数", 0},
      {"satisfied", "满意数", 0},         {"satisfaction_rate", "满意度（%）", 1}};
  return kColumns;
}

KpiQuery ParseKpiQuery(const std::function<std::optional<std::string>(const std::string&)>& param) {
  KpiQuery q;
  core::FieldErrors errors;
  q.dimension = param("dimension").value_or("platform");
  bool time = kTimeDimensions.count(q.dimension) != 0;
  if (q.dimension != "platform" && !time && !kKeyDimensions.count(q.dimension)) {
    errors.Add("dimension", "unknown");
  }
  q.period = param("period").value_or("");
  if (!q.period.empty()) {
    if (!IsPeriod(q.period)) {
      errors.Add("period", "invalid");
    } else if (time) {
      errors.Add("period", "not_with_time_dimension");
    }
  }
  for (const auto& [name, param_name] : kFilters) {
    auto v = param(param_name);
    if (!v) {
      continue;
    }
    if (!q.filter.empty()) {
      errors.Add(param_name, "only_one_filter");
      continue;
    }
    if (v->empty() || v->size() > 64) {
      errors.Add(param_name, "invalid");
      continue;
    }
    bool numeric = param_name.ends_with("_id");
    if (numeric && (v->find_first_not_of("0123456789") != std::string::npos || (*v)[0] == '0')) {
      errors.Add(param_name, "invalid");
      continue;
    }
    q.filter = name;
    q.filter_key = *v;
  }
  for (const char* bound : {"from", "to"}) {
    auto v = param(bound);
    if (!v || v->empty()) {
      continue;
    }
    if (!time) {
      errors.Add(bound, "only_with_time_dimension");
    } else if (!IsPeriodOf(q.dimension, *v)) {
      errors.Add(bound, "invalid");
    } else {
      (std::string(bound) == "from" ? q.from : q.to) = *v;
    }
  }
  if (kKeyDimensions.count(q.dimension) && !q.filter.empty() && q.filter != q.dimension &&
      !(q.dimension == "street" && q.filter == "district")) {
    errors.Add("dimension", "unsupported_combination");
  }
  errors.ThrowIfAny();
  return q;
}

nlohmann::json KpiService::Figures(const access::Principal& p, KpiQuery q) {
  Viewer v = ViewerOf(p);
  Authorize(v, q);
  return db_.Read([&](db::Connection& c) {
    nlohmann::json rows = nlohmann::json::array();
    auto add = [&](const std::string& key, const std::string& label, const nlohmann::json& raw) {
      rows.push_back({{"key", key}, {"label", label}, {"figures", Present(raw, v.suppressed)}});
    };
    if (q.dimension == "platform") {
      std::string dim = q.filter.empty() ? "platform" : q.filter;
      auto cells = ReadCells(c, dim, q.period, q.filter_key, std::nullopt);
      add(q.filter_key, q.filter.empty() ? "" : Label(c, q.filter, q.filter_key),
          cells.empty() ? EmptyRaw() : cells.front().figures);
      if (q.filter.empty() && !v.suppressed) {
        rows[0]["figures"].update(PlatformExtras(c));
      }
    } else if (kTimeDimensions.count(q.dimension)) {
      std::string dim = q.filter.empty() ? "platform" : q.filter;
      for (const auto& cell : ReadPeriods(c, dim, q.filter_key, q.dimension, q.from, q.to)) {
        add(cell.period, cell.period, cell.figures);
      }
    } else {
      std::optional<std::string> key, parent;
      if (q.filter == q.dimension) {
        key = q.filter_key;
      } else if (q.filter == "district") {
        parent = q.filter_key;
      }
      auto cells = ReadCells(c, q.dimension, q.period, key, parent);
      std::stable_sort(cells.begin(), cells.end(), [](const CellRow& a, const CellRow& b) {
        return a.figures["services"].get<int64_t>() > b.figures["services"].get<int64_t>();
      });
      for (const auto& cell : cells) {
        if (v.suppressed && q.dimension == "district" && !v.every_district && !Contains(v.districts, cell.key)) {
          continue;
        }
        add(cell.key, Label(c, q.dimension, cell.key), cell.figures);
      }
    }
    nlohmann::json filter = nullptr;
    if (!q.filter.empty()) {
      filter = {{"name", q.filter}, {"key", q.filter_key}, {"label", Label(c, q.filter, q.filter_key)}};
    }
    return nlohmann::json{{"dimension", q.dimension}, {"period", q.period}, {"filter", filter},
                          {"suppressed", v.suppressed}, {"rows", rows}};
  });
}

nlohmann::json KpiService::Records(const access::Principal& p, const KpiQuery& q, const http::Page& page) {
  Viewer v = ViewerOf(p);
  if (v.suppressed) {
    throw core::Error::Forbidden("records behind the figures are not available to this role");
  }
  RecordFilter f;
  f.dimension = q.filter;
  f.key = q.filter_key;
  std::tie(f.from, f.to) = DaysOf(q.period);
  if (!v.all) {
    KpiQuery scoped = q;
    Authorize(v, scoped);
    if (!p.Has(perm::kCasesRead)) {
      throw core::Error::Forbidden("missing permission cases.read");
    }
    f.organization_id = std::stoll(scoped.filter_key);
  } else if (!p.HasPlatform(perm::kCasesInspect)) {
    throw core::Error::Forbidden("missing permission cases.inspect");
  }
  if (f.dimension == "organization" && f.organization_id) {
    f.dimension.clear();
  }
  return db_.Read([&](db::Connection& c) {
    auto list = ListRecords(c, f, page.per, page.Offset());
    std::vector<nlohmann::json> data(list["data"].begin(), list["data"].end());
    return http::ListBody(std::move(data), list["total"].get<int64_t>(), page);
  });
}

KpiService::File KpiService::Export(const access::Principal& p, const KpiQuery& q, const std::string& format) {
  if (format != "xlsx" && format != "csv") {
    throw core::Error::Validation({{"format", "invalid"}});
  }
  nlohmann::json figures = Figures(p, q);
  std::string name = "kpis-" + q.dimension + (q.period.empty() ? "" : "-" + q.period);
  File file;
  if (format == "xlsx") {
    file = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx", Xlsx(figures)};
  } else {
    file = {"text/csv; charset=utf-8", name + ".csv", Csv(figures)};
  }
  db_.Write([&](db::Connection& c) {
    audit::Record(c, audit::ActorOf(p),
                  {"kpi.export", "kpis", std::nullopt, p.organization_id,
                   {{"format", {{"from", nullptr}, {"to", format}}},
                    {"query", {{"from", nullptr},
                               {"to", {{"dimension", q.dimension}, {"period", q.period}, {"filter", q.filter},
                                       {"key", q.filter_key}}}}},
                    {"rows", {{"from", nullptr}, {"to", figures["rows"].size()}}}}});
    return 0;
  });
  return file;
}

}  // namespace bangyi::kpis
