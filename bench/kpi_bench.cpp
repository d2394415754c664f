// Dashboard figures at scale (docs/outcomes.md): the requests the foundation dashboard makes —
// platform totals, by district, the month trend, by service type, the streets of one district —
// answered by KpiService from the rollups, against the same figures computed by GROUP BY over
// the raw service records and participants, measured in the same run on the same SQLite file.
//
// The generator is deterministic (mt19937, seed 2026): organizations, households across
// Shanghai's streets, persons, one case per household, and N service records from 2024 to 2026
// (one in ten a group activity with two participants). The rollup cells the dashboard reads are
// filled here by GROUP BY (the write path that keeps them — and its exactness — is covered by
// the API tests and `bangyi rebuild-rollups`); this program measures reads.
//   usage: kpi_bench [SERVICE_RECORDS=10000000] [RUNS=200] [DATA_DIR]
// With DATA_DIR the database is kept there and reused by the next run of the same size.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "bench_timing.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "db/database.hpp"
#include "db/migrator.hpp"
#include "modules/access/role.hpp"
#include "modules/kpis/kpi_service.hpp"

using namespace bangyi;  // a benchmark's main, not a header

namespace {

using bench::Clock;
using bench::Measure;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

constexpr const char* kServiceTypes[] = {"material_aid", "psychological_support", "crisis_intervention", "life_care",
                                         "tutoring", "employment_help", "health_rehabilitation",
                                         "social_integration", "resource_linking", "other"};
constexpr const char* kCategories[] = {"dibao", "low_income", "policy_edge", "tekun"};

void Generate(db::Database& db, int64_t records) {
  std::mt19937 rng(2026);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  int64_t households = std::max<int64_t>(1000, records / 50);
  db.Write([&](db::Connection& c) {
    std::vector<std::pair<std::string, std::string>> streets;
    for (const auto& r : c.Query("SELECT parent_code, code FROM divisions WHERE level = 'street' ORDER BY code")) {
      streets.emplace_back(r.Text("parent_code"), r.Text("code"));
    }
    std::string now = core::NowIso();
    std::vector<int64_t> orgs;
    for (int i = 0; i < 100; ++i) {
      char code[24];
      std::snprintf(code, sizeof code, "BENCH%013d", i);
      orgs.push_back(c.QueryOne("INSERT INTO organizations (name, credit_code, org_type, registered_district,"
                                " created_at, updated_at) VALUES ($1, $2, 'social_service_agency', '310101', $3, $3)"
                                " RETURNING id",
                                {"基准机构" + std::to_string(i), std::string(code), now})
                         ->Int("id"));
    }
    // Households with one or two members and a case each: case i ↔ household i.
    std::vector<std::pair<int64_t, int64_t>> members;  // first and second person of household i (0 = none)
    std::vector<int64_t> case_ids, case_orgs;
    for (int64_t h = 0; h < households; ++h) {
      const auto& [district, street] = streets[pick(streets.size())];
      std::string categories = std::string(R"([{"category":")") + kCategories[pick(4)] + R"(","valid_from":"2023-01-01"}])";
      int64_t org = orgs[pick(orgs.size())];
      int64_t hid = c.QueryOne("INSERT INTO households (organization_id, district_code, street_code, categories,"
                               " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                               {org, district, street, categories, now})
                        ->Int("id");
      int64_t first = 0, second = 0;
      int n = pick(10) < 3 ? 2 : 1;
      for (int m = 0; m < n; ++m) {
        char birth[11];
        std::snprintf(birth, sizeof birth, "%04zu-%02zu-%02zu", 1940 + pick(80), 1 + pick(12), 1 + pick(28));
        int64_t pid = c.QueryOne("INSERT INTO persons (organization_id, household_id, relation, name, gender,"
                                 " birth_date, created_at, updated_at) VALUES ($1, $2, $3, '基准', $4, $5, $6, $6)"
                                 " RETURNING id",
                                 {org, hid, m == 0 ? "head" : "child", pick(2) == 0 ? "male" : "female",
                                  std::string(birth), now})
                          ->Int("id");
        (m == 0 ? first : second) = pid;
      }
      members.emplace_back(first, second);
      case_orgs.push_back(org);
      case_ids.push_back(c.QueryOne("INSERT INTO cases (organization_id, household_id, primary_person_id, case_number,"
                                    " state, referral_source, presenting_problem, urgency, opened_on, created_at,"
                                    " updated_at) VALUES ($1, $2, $3, $4, 'in_service', 'self', '基准', 'normal',"
                                    " '2024-01-01', $5, $5) RETURNING id",
                                    {org, hid, first, "B" + std::to_string(h), now})
                             ->Int("id"));
    }
    for (int64_t r = 0; r < records; ++r) {
      size_t h = pick(case_ids.size());
      char day[11];
      std::snprintf(day, sizeof day, "%04zu-%02zu-%02zu", 2024 + pick(3), 1 + pick(12), 1 + pick(28));
      bool group = pick(10) == 0 && members[h].second != 0;
      int64_t rid = c.QueryOne("INSERT INTO service_records (organization_id, case_id, served_on, duration_minutes,"
                               " mode, service_type, content, person_times, created_at) VALUES ($1, $2, $3, $4, $5,"
                               " $6, '基准', $7, $8) RETURNING id",
                               {case_orgs[h], case_ids[h], std::string(day), static_cast<int64_t>(30 + pick(150)),
                                group ? "group_activity" : "home_visit", kServiceTypes[pick(10)],
                                int64_t{group ? 2 : 1}, now})
                        ->Int("id");
      c.Execute("INSERT INTO service_record_participants (organization_id, service_record_id, person_id, case_id)"
                " VALUES ($1, $2, $3, $4)",
                {case_orgs[h], rid, members[h].first, case_ids[h]});
      if (group) {
        c.Execute("INSERT INTO service_record_participants (organization_id, service_record_id, person_id, case_id)"
                  " VALUES ($1, $2, $3, $4)",
                  {case_orgs[h], rid, members[h].second, case_ids[h]});
      }
    }
    return 0;
  });
}

// The raw figures of one dimension by one period expression: records (services, minutes) and
// participants (人次, distinct persons and households), each by GROUP BY over the raw tables.
std::string RawRecords(const std::string& key, const std::string& period) {
  return "SELECT " + key + " AS dim_key, " + period + " AS period, COUNT(*) AS services,"
         " SUM(r.duration_minutes) AS minutes FROM service_records r JOIN cases c ON c.id = r.case_id"
         " JOIN households h ON h.id = c.household_id GROUP BY 1, 2";
}
std::string RawParticipants(const std::string& key, const std::string& period) {
  return "SELECT " + key + " AS dim_key, " + period + " AS period, COUNT(*) AS person_times,"
         " COUNT(DISTINCT sp.person_id) AS persons, COUNT(DISTINCT pe.household_id) AS households"
         " FROM service_record_participants sp JOIN service_records r ON r.id = sp.service_record_id"
         " JOIN persons pe ON pe.id = sp.person_id JOIN households h ON h.id = pe.household_id GROUP BY 1, 2";
}

const std::string kYear = "substr(r.served_on, 1, 4)";
const std::string kQuarter = "substr(r.served_on, 1, 4) || '-Q' || ((CAST(substr(r.served_on, 6, 2) AS INTEGER) + 2) / 3)";
const std::string kMonth = "substr(r.served_on, 1, 7)";
// The cells the dashboard reads: the platform in every period, districts, streets and service
// types for all time (the rest of the rollups would take as long again to fill and are not read).
struct Fill {
  std::string dimension, key, period;
};
const std::vector<Fill> kFills = {{"platform", "''", "''"},          {"platform", "''", kYear},
                                  {"platform", "''", kQuarter},      {"platform", "''", kMonth},
                                  {"district", "h.district_code", "''"}, {"street", "h.street_code", "''"},
                                  {"service_type", "r.service_type", "''"}};

void FillRollups(db::Database& db) {
  db.Write([&](db::Connection& c) {
    for (const auto& f : kFills) {
      c.Execute("INSERT INTO kpi_cells (dimension, dim_key, period, services, minutes, person_times, persons,"
                " households) SELECT '" + f.dimension + "', a.dim_key, a.period, a.services, a.minutes,"
                " b.person_times, b.persons, b.households FROM (" + RawRecords(f.key, f.period) + ") a JOIN (" +
                RawParticipants(f.key, f.period) + ") b ON b.dim_key = a.dim_key AND b.period = a.period");
    }
    return 0;
  });
}

}  // namespace

int main(int argc, char** argv) {
  int64_t records = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  std::filesystem::path dir = argc > 3 ? std::filesystem::path(argv[3])
                                       : std::filesystem::temp_directory_path() /
                                             ("bangyi-kpi-bench-" + std::to_string(::getpid()));
  core::InitCrypto();
  std::filesystem::create_directories(dir);
  auto file = dir / ("kpi-" + std::to_string(records) + ".db");
  bool fresh = !std::filesystem::exists(file);
  auto db = db::Open("sqlite://" + file.string(), db::OpenOptions{4, "NORMAL"});
  db::Migrate(*db);
  if (fresh) {
    auto t0 = Clock::now();
    Generate(*db, records);
    std::printf("generated %lld service records in %.1f s\n", static_cast<long long>(records), Seconds(t0));
    t0 = Clock::now();
    FillRollups(*db);
    std::printf("filled the rollups by GROUP BY in %.1f s\n", Seconds(t0));
  }
  long long count = db->Read([](db::Connection& c) { return c.QueryOne("SELECT COUNT(*) AS n FROM service_records")->Int("n"); });
  std::printf("service records: %lld\n", count);

  access::Principal admin;
  admin.user_id = 1;
  admin.roles = {{"foundation_admin", "platform", ""}};
  kpis::KpiService service(*db);
  auto query = [](std::map<std::string, std::string> params) {
    return kpis::ParseKpiQuery([params](const std::string& name) -> std::optional<std::string> {
      auto it = params.find(name);
      return it == params.end() ? std::nullopt : std::optional(it->second);
    });
  };
  // The foundation dashboard's requests.
  std::vector<kpis::KpiQuery> dashboard = {
      query({}), query({{"dimension", "district"}}), query({{"dimension", "month"}}),
      query({{"dimension", "service_type"}}), query({{"dimension", "street"}, {"district", "310115"}})};
  size_t rows = 0;
  for (const auto& q : dashboard) {
    rows += service.Figures(admin, q)["rows"].size();
  }
  std::printf("dashboard: %zu requests, %zu rows\n", dashboard.size(), rows);
  size_t next = 0;
  auto one = Measure(runs * static_cast<int>(dashboard.size()), [&] {
    service.Figures(admin, dashboard[next++ % dashboard.size()]);
  });
  auto page = Measure(runs, [&] {
    for (const auto& q : dashboard) {
      service.Figures(admin, q);
    }
  });
  // The same district figures (all time) by GROUP BY over the raw tables.
  int raw_runs = std::min(runs, 5);  // seconds each at millions of records
  auto raw = Measure(raw_runs, [&] {
    db->Read([&](db::Connection& c) {
      c.Query(RawRecords("h.district_code", "''"));
      c.Query(RawParticipants("h.district_code", "''"));
      return 0;
    });
  });
  std::printf("one dashboard request (rollups): p50 %.3f ms, p99 %.3f ms (%d runs)\n", one.p50, one.p99,
              runs * static_cast<int>(dashboard.size()));
  std::printf("whole dashboard, 5 requests:     p50 %.3f ms, p99 %.3f ms (%d runs)\n", page.p50, page.p99, runs);
  std::printf("by district, raw GROUP BY:       p50 %.1f ms, p99 %.1f ms (%d runs)\n", raw.p50, raw.p99, raw_runs);
  std::printf("ratio raw / rollup (p50 of one request): %.0f; target p99 <= 20 ms: %s\n", raw.p50 / one.p50,
              one.p99 <= 20.0 ? "met" : "NOT met");
  if (argc <= 3) {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  return 0;
}
