// Funded projects through the HTTP API (docs/projects.md): who sees them, the agreement, and the
// indicators computed from the project's case work, checked exactly against known records.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/api_client.hpp"
#include "api/funding_flow.hpp"
#include "core/validation.hpp"

namespace bangyi::testing {

namespace {

std::string S(long long v) { return std::to_string(v); }

class Projects : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
    CreateUser(admin_, "orgadmin.b", "org_admin", org_b_);
    worker_id_ = CreateUser(admin_, "worker.a", "social_worker", org_a_);
    supervisor_id_ = CreateUser(admin_, "supervisor.a", "supervisor", org_a_);
    volunteer_id_ = CreateUser(admin_, "volunteer.a", "volunteer", org_a_);
    org_admin_ = LoginNewUser(server_, "orgadmin.a");
    org_b_admin_ = LoginNewUser(server_, "orgadmin.b");
    worker_ = LoginNewUser(server_, "worker.a");
    supervisor_ = LoginNewUser(server_, "supervisor.a");
  }

  // A household with one assistance category and members given as {name, first 17 ID digits};
  // returns the household id and the person ids.
  std::pair<long long, std::vector<long long>> Household(const std::string& category,
                                                         const std::vector<std::pair<std::string, std::string>>& members) {
    auto h = worker_.Post("/api/v1/households",
                          {{"district_code", "310101"},
                           {"street_code", "310101002"},
                           {"community", "南京东路居委"},
                           {"address_detail", "南京东路1号"},
                           {"categories", {{{"category", category}, {"valid_from", "2025-01-01"}}}}});
    EXPECT_EQ(h.status, 201) << h.body;
    long long hid = h.Json()["id"].get<long long>();
    std::vector<long long> ids;
    for (const auto& [name, first17] : members) {
      auto person = worker_.Post(
          "/api/v1/households/" + S(hid) + "/persons",
          {{"relation", ids.empty() ? "head" : "child"},
           {"name", name},
           {"gender", (first17[16] - '0') % 2 == 1 ? "male" : "female"},
           {"birth_date", first17.substr(6, 4) + "-" + first17.substr(10, 2) + "-" + first17.substr(12, 2)},
           {"id_number", first17 + core::ResidentIdCheckChar(first17)}});
      EXPECT_EQ(person.status, 201) << person.body;
      ids.push_back(person.Json()["id"].get<long long>());
    }
    return {hid, ids};
  }

  // A case of the household in service (assessment, approved plan), in `project` when given.
  long long CaseInService(long long household, long long person, std::optional<long long> project) {
    nlohmann::json body = {{"household_id", household},       {"primary_person_id", person},
                           {"referral_source", "self"},        {"presenting_problem", "学业困难"},
                           {"urgency", "normal"},              {"social_worker_id", worker_id_},
                           {"supervisor_id", supervisor_id_},  {"consent_given_on", "2026-09-01"}};
    if (project) {
      body["project_id"] = *project;
    }
    auto created = worker_.Post("/api/v1/cases", body);
    EXPECT_EQ(created.status, 201) << created.body;
    long long id = created.Json()["id"].get<long long>();
    std::string path = "/api/v1/cases/" + S(id);
    EXPECT_EQ(worker_.Post(path + "/transitions", {{"to", "assessing"}}).status, 200);
    nlohmann::json scores = nlohmann::json::array();
    for (const char* d : {"health", "mental_health", "care_needs", "education", "employment", "family_relations",
                          "guardianship", "social_support", "economy", "housing", "safety_risk"}) {
      scores.push_back({{"domain", d}, {"score", 3}, {"evidence", "家访"}});
    }
    EXPECT_EQ(worker_.Post(path + "/assessments", {{"kind", "initial"}, {"assessed_on", "2026-09-02"},
                                                    {"risk_level", "low"}, {"scores", scores}})
                  .status,
              201);
    EXPECT_EQ(worker_.Post(path + "/transitions", {{"to", "planning"}}).status, 200);
    EXPECT_EQ(worker_.Put(path + "/plan", {{"goals", {{{"title", "学业提升"}, {"indicator", "成绩"}, {"target_date", "2027-06-01"}}}},
                                           {"interventions", {{{"description", "辅导"}, {"goal_index", 0}}}},
                                           {"resources", nlohmann::json::array()}})
                  .status,
              200);
    EXPECT_EQ(worker_.Post(path + "/plan/submit", nlohmann::json::object()).status, 200);
    auto approved = supervisor_.Post(path + "/plan/decision", {{"decision", "approve"}});
    EXPECT_EQ(approved.Json()["state"], "in_service") << approved.body;
    return id;
  }

  void Record(long long case_id, const std::string& on, int minutes, const std::vector<long long>& participants,
              const std::string& mode = "home_visit", bool with_volunteer = false) {
    nlohmann::json staff = {worker_id_};
    if (with_volunteer) {
      staff.push_back(volunteer_id_);
    }
    auto r = worker_.Post("/api/v1/cases/" + S(case_id) + "/service-records",
                          {{"served_on", on}, {"duration_minutes", minutes}, {"mode", mode},
                           {"service_type", "tutoring"}, {"participant_ids", participants}, {"staff_ids", staff},
                           {"content", "课业辅导"}});
    EXPECT_EQ(r.status, 201) << r.body;
  }

  TestServer server_;
  Client admin_{server_};
  long long org_a_ = 0, org_b_ = 0, worker_id_ = 0, supervisor_id_ = 0, volunteer_id_ = 0;
  Client org_admin_{server_}, org_b_admin_{server_}, worker_{server_}, supervisor_{server_};
};

}  // namespace

TEST_F(Projects, IndicatorsComeExactlyFromTheProjectsCaseWork) {
  FundedProject funded = FundProject(server_, admin_, org_admin_, "flow");
  ASSERT_GT(funded.project_id, 0);
  long long project = funded.project_id;

  auto [h1, p1] = Household("dibao", {{"李奶奶", "31010119500101002"}, {"李小宝", "31010120150601001"}});
  auto [h2, p2] = Household("policy_edge", {{"张先生", "31010119800101001"}, {"张小妹", "31010120160601002"}});
  auto [h3, p3] = Household("low_income", {{"陈阿姨", "31010119700101002"}});
  auto [h4, p4] = Household("dibao", {{"赵大爷", "31010119450101001"}});
  long long c1 = CaseInService(h1, p1[0], project);
  long long c2 = CaseInService(h2, p2[0], project);
  CaseInService(h3, p3[0], project);  // so its member may join the project's group activity
  long long outside = CaseInService(h4, p4[0], std::nullopt);  // not in the project: never counted

  // Household 1 served in four records: counted once.
  Record(c1, "2026-09-05", 60, {p1[1]});
  Record(c1, "2026-09-12", 90, {p1[0], p1[1]});
  Record(c1, "2026-10-02", 30, {p1[1]});
  Record(c1, "2026-10-20", 45, {p1[0]});
  // A group activity with three participants from three cases of the project, a volunteer helping.
  Record(c1, "2026-10-25", 120, {p1[1], p2[1], p3[0]}, "group_activity", true);
  Record(c2, "2026-09-20", 30, {p2[0]});
  Record(outside, "2026-09-21", 60, {p4[0]}, "home_visit", true);

  auto res = org_admin_.Get("/api/v1/projects/" + S(project) + "/indicators");
  ASSERT_EQ(res.status, 200) << res.body;
  auto k = res.Json();
  auto total = k["total"];
  EXPECT_EQ(total["services"], 6);
  EXPECT_EQ(total["person_times"], 9);   // 1 + 2 + 1 + 1 + 3 + 1
  EXPECT_EQ(total["persons"], 5);        // distinct
  EXPECT_EQ(total["households"], 3);     // distinct
  EXPECT_EQ(total["service_hours"], 6.25);  // 375 minutes
  EXPECT_EQ(total["volunteer_hours"], 2.0);  // the group activity's 120 minutes
  EXPECT_TRUE(total["satisfaction_rate"].is_null());
  EXPECT_EQ(k["households_by_category"]["dibao"], 1);
  EXPECT_EQ(k["households_by_category"]["policy_edge"], 1);
  EXPECT_EQ(k["households_by_category"]["low_income"], 1);

  ASSERT_EQ(k["months"].size(), 2u);
  auto sep = k["months"][0], oct = k["months"][1];
  EXPECT_EQ(sep["month"], "2026-09");
  EXPECT_EQ(sep["services"], 3);
  EXPECT_EQ(sep["person_times"], 4);
  EXPECT_EQ(sep["persons"], 3);
  EXPECT_EQ(sep["households"], 2);
  EXPECT_EQ(sep["service_hours"], 3.0);
  EXPECT_EQ(sep["volunteer_hours"], 0.0);
  EXPECT_EQ(oct["month"], "2026-10");
  EXPECT_EQ(oct["services"], 3);
  EXPECT_EQ(oct["person_times"], 5);
  EXPECT_EQ(oct["persons"], 4);
  EXPECT_EQ(oct["households"], 3);
  EXPECT_EQ(oct["service_hours"], 3.25);
  EXPECT_EQ(oct["volunteer_hours"], 2.0);

  // Against the application's targets (persons 60, person-times 1200, hours 800).
  auto targets = k["targets"];
  auto target = [&](const std::string& key) {
    return *std::find_if(targets.begin(), targets.end(), [&](const auto& t) { return t["key"] == key; });
  };
  EXPECT_EQ(target("persons")["actual"], 5);
  EXPECT_EQ(target("persons")["percent"], 8.3);
  EXPECT_EQ(target("person_times")["percent"], 0.8);
  EXPECT_EQ(target("service_hours")["actual"], 6.25);
  EXPECT_TRUE(target("custom")["actual"].is_null());
  EXPECT_EQ(target("custom")["name"], "学业提升率");

  // The portfolio row carries the same progress.
  auto list = org_admin_.Get("/api/v1/projects").Json()["data"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["indicators_progress"], targets);
}

TEST_F(Projects, AgreementAndAccess) {
  FundedProject funded = FundProject(server_, admin_, org_admin_, "flow");
  std::string path = "/api/v1/projects/" + S(funded.project_id);
  auto p = org_admin_.Get(path);
  ASSERT_EQ(p.status, 200) << p.body;
  auto project = p.Json();
  EXPECT_EQ(project["state"], "active");
  EXPECT_EQ(project["agreement_signed_on"], "2026-02-01");
  EXPECT_EQ(project["grant_yuan"], "130000.00");
  EXPECT_EQ(project["budget_lines"].size(), 3u);
  EXPECT_EQ(project["budget_lines"][2]["amount_yuan"], "5994.00");
  EXPECT_EQ(project["sub_brand"], "向阳计划");

  // Another organization neither sees nor lists it; a volunteer has no part.
  EXPECT_EQ(org_b_admin_.Get(path).status, 404);
  EXPECT_EQ(org_b_admin_.Get(path + "/indicators").status, 404);
  Client volunteer = LoginNewUser(server_, "volunteer.a");
  EXPECT_EQ(volunteer.Get("/api/v1/projects").status, 403);
  EXPECT_EQ(worker_.Get(path).status, 200);
  EXPECT_EQ(org_admin_.Get("/api/v1/projects/99999").status, 404);
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get(path).status, 401);

  // The agreement is recorded once, by the foundation.
  auto again = admin_.Post(path + "/agreement", {{"signed_on", "2026-02-01"}, {"starts_on", "2026-02-01"},
                                                 {"ends_on", "2027-01-31"}, {"version", project["version"]}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorCode(), "agreement_signed");
  EXPECT_EQ(org_admin_.Post(path + "/agreement", {{"signed_on", "2026-02-01"}}).status, 403);
  auto bad = admin_.Post(path + "/agreement", {{"signed_on", "2026-02-30"}, {"starts_on", "2027-02-01"},
                                               {"ends_on", "2027-01-31"}, {"version", project["version"]}});
  EXPECT_EQ(bad.status, 422);
}

}  // namespace bangyi::testing
