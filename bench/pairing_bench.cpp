// Pairing suggestions at scale: GET /cases/{id}/pairing-suggestions as the service computes it
// (PairingService::Suggestions: the case, household and needs, every candidate with its open
// pairings, the ranking and the explanations of the best ten) over N volunteers of one
// organization, on a real SQLite file. The baseline, measured in the same run, is the least any
// ranking must do: read the same N volunteers' rows with one plain SELECT. Prints p50/p99 of both
// and their ratio; the target is p99 under 50 ms at 10,000 volunteers.
//   usage: pairing_bench [VOLUNTEERS=10000] [RUNS=200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "bench_timing.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/secrets.hpp"
#include "db/database.hpp"
#include "db/migrator.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/cases/case_repository.hpp"
#include "modules/divisions/division_repository.hpp"
#include "modules/registry/registry_repository.hpp"
#include "modules/volunteers/pairing_repository.hpp"
#include "modules/volunteers/pairing_service.hpp"
#include "modules/volunteers/volunteer_repository.hpp"

using namespace bangyi;  // a benchmark's main, not a header

namespace {

using bench::Clock;
using bench::Measure;

}  // namespace

int main(int argc, char** argv) {
  int volunteers_count = argc > 1 ? std::atoi(argv[1]) : 10000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  core::InitCrypto();
  auto dir = std::filesystem::temp_directory_path() / ("bangyi-pairing-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = db::Open("sqlite://" + (dir / "bench.db").string(), db::OpenOptions{4, "NORMAL"});
  db::Migrate(*db);
  auto divisions = db->Read([](db::Connection& c) { return divisions::DivisionIndex::Load(c); });
  core::Secrets secrets{core::NewKey(), core::NewKey(), 1};

  // One organization with a household in need (a grandmother and a grandson), its case, and N
  // volunteers over the city: skills, languages, slots, safeguarding and some open pairings.
  std::mt19937 rng(2026);
  int64_t org = 0, case_id = 0;
  auto t0 = Clock::now();
  db->Write([&](db::Connection& c) {
    std::string now = core::NowIso();
    org = c.QueryOne("INSERT INTO organizations (name, credit_code, org_type, registered_district, created_at,"
                     " updated_at) VALUES ('基准测试机构', 'BENCH0000000000001', 'social_service_agency', '310101',"
                     " $1, $1) RETURNING id", {now})->Int("id");
    accounts::User u;
    u.username = "bench.worker";
    u.display_name = "社工";
    u.organization_id = org;
    u.status = "active";
    int64_t worker_id = accounts::InsertUser(c, u);
    registry::HouseholdRow h;
    h.organization_id = org;
    h.district_code = "310101";
    h.street_code = "310101002";
    h.categories = "[]";
    int64_t household = registry::InsertHousehold(c, h);
    registry::PersonRow p;
    p.organization_id = org;
    p.household_id = household;
    p.relation = "head";
    p.name = "李桂英";
    p.gender = "female";
    p.birth_date = "1948-03-01";
    int64_t head = registry::InsertPerson(c, p);
    p.relation = "grandchild";
    p.name = "李小宝";
    p.birth_date = "2015-06-01";
    registry::InsertPerson(c, p);
    cases::CaseRow k;
    k.organization_id = org;
    k.household_id = household;
    k.primary_person_id = head;
    k.case_number = "BENCH-1";
    k.state = "in_service";
    k.referral_source = "self";
    k.presenting_problem = "学业与照料";
    k.urgency = "normal";
    k.opened_on = "2026-01-01";
    case_id = cases::InsertCase(c, k);
    k.case_number = "BENCH-2";  // the other families the volunteers are already paired with
    int64_t other_case = cases::InsertCase(c, k);
    const auto& districts = divisions.districts();
    for (int i = 0; i < volunteers_count; ++i) {
      volunteers::VolunteerRow v;
      v.organization_id = org;
      v.name = "志愿者" + std::to_string(i);
      v.gender = i % 2 == 0 ? "female" : "male";
      v.birth_date = "1990-01-01";
      v.district_code = rng() % 4 == 0 ? "310101" : districts[rng() % districts.size()];
      auto streets = divisions.StreetsOf(v.district_code);
      v.street_code = streets[rng() % streets.size()];
      v.skills_mask = (uint64_t{1} << (rng() % 18)) | (uint64_t{1} << (rng() % 18));
      v.languages_mask = 1 | (rng() % 3 == 0 ? 2 : 0);
      v.availability_mask = rng() & ((uint64_t{1} << 21) - 1);
      v.status = "active";
      int64_t id = volunteers::InsertVolunteer(c, v);
      if (rng() % 10 < 7) {
        v.id = id;
        v.background_check_status = "passed";
        v.background_check_on = "2025-06-01";
        v.training_completed_on = "2025-05-01";
        v.agreement_signed_on = "2025-05-01";
        volunteers::SetSafeguarding(c, v);
      }
      volunteers::InsertMembership(c, org, id, "approved", std::nullopt);
      if (rng() % 5 == 0) {
        volunteers::PairingRow pr;
        pr.organization_id = org;
        pr.case_id = rng() % 50 == 0 ? case_id : other_case;
        pr.volunteer_id = id;
        pr.purpose = "基准";
        pr.cadence = "weekly";
        pr.started_on = "2026-01-01";
        volunteers::InsertPairing(c, pr, worker_id);
      }
    }
    // The needs: education scored low in the latest assessment.
    nlohmann::json scores = nlohmann::json::array();
    for (const char* d : {"health", "mental_health", "care_needs", "education", "employment", "family_relations",
                          "guardianship", "social_support", "economy", "housing", "safety_risk"}) {
      int score = std::string(d) == "education" || std::string(d) == "social_support" ? 2 : 4;
      scores.push_back({{"domain", d}, {"level", "individual"}, {"score", score}, {"evidence", ""}, {"strengths", ""}});
    }
    cases::InsertAssessment(c, org, case_id,
                            {{"kind", "initial"}, {"assessed_on", "2026-01-02"}, {"risk_level", "low"},
                             {"summary", ""}, {"scores", scores}},
                            worker_id);
    return 0;
  });
  double seeded_s = std::chrono::duration<double>(Clock::now() - t0).count();

  volunteers::VolunteerService service(*db, divisions, secrets, volunteers::VolunteerSettings{3});
  volunteers::PairingService pairings(*db, service, secrets);
  access::Principal worker;
  worker.user_id = 1;
  worker.organization_id = org;
  worker.roles = {{"social_worker", "organization", std::to_string(org)}};

  nlohmann::json first = pairings.Suggestions(worker, case_id, 10, "", "sat_am,sun_am");
  auto suggestions = Measure(runs, [&] { pairings.Suggestions(worker, case_id, 10, "", "sat_am,sun_am"); });
  auto baseline = Measure(runs, [&] {
    db->Read([&](db::Connection& c) {
      return c.Query("SELECT id, district_code, street_code, skills_mask, languages_mask, availability_mask"
                     " FROM volunteers").size();
    });
  });
  std::printf("pairing suggestions over %d volunteers (%d considered, %d left out for the background check,"
              " %d at capacity), %d runs; seeded in %.1f s\n",
              volunteers_count, first["considered"].get<int>(), first["excluded"]["background_check"].get<int>(),
              first["excluded"]["at_capacity"].get<int>(), runs, seeded_s);
  std::printf("  baseline  SELECT of the volunteers' rows   p50 %7.2f ms   p99 %7.2f ms\n", baseline.p50, baseline.p99);
  std::printf("  bangyi    GET pairing-suggestions          p50 %7.2f ms   p99 %7.2f ms\n", suggestions.p50,
              suggestions.p99);
  std::printf("  ratio     suggestions / baseline         p50 %7.2f      p99 %7.2f\n", suggestions.p50 / baseline.p50,
              suggestions.p99 / baseline.p99);
  std::printf("  target    p99 < 50 ms at 10,000 volunteers: %s\n", suggestions.p99 < 50.0 ? "met" : "NOT MET");
  std::printf("  best: volunteer %lld, score %d\n", first["data"][0]["volunteer_id"].get<long long>(),
              first["data"][0]["score"].get<int>());
  db.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
