// Funded projects through the HTTP API (docs/projects.md): who sees them, the agreement, and the
// indicators computed from the project's case work, checked exactly against known records.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

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

namespace bangyi::testing {

TEST_F(Projects, ReportsFreezeTheirFiguresAndLockOnceSubmitted) {
  long long project = FundProject(server_, admin_, org_admin_, "flow").project_id;
  std::string path = "/api/v1/projects/" + S(project);
  // Quarterly over 2026-02-01 … 2027-01-31: five periods, the first ones long overdue.
  auto schedule = org_admin_.Get(path + "/reports").Json()["data"];
  ASSERT_EQ(schedule.size(), 5u);
  EXPECT_EQ(schedule[0]["period"], "2026-Q1");
  EXPECT_EQ(schedule[0]["period_start"], "2026-02-01");
  EXPECT_EQ(schedule[0]["due_on"], "2026-04-15");
  EXPECT_EQ(schedule[0]["overdue"], true);
  EXPECT_EQ(schedule[4]["period"], "2027-Q1");
  EXPECT_EQ(schedule[4]["period_end"], "2027-01-31");
  EXPECT_EQ(schedule[4]["overdue"], false);

  auto [h1, p1] = Household("policy_edge", {{"李奶奶", "31010119500101002"}});
  long long c1 = CaseInService(h1, p1[0], project);
  Record(c1, "2026-09-05", 60, {p1[0]});

  auto submitted = org_admin_.Post(path + "/reports", {{"period", "2026-Q3"}, {"narrative", "第三季度开展入户服务"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  auto report = submitted.Json();
  long long report_id = report["id"].get<long long>();
  EXPECT_EQ(report["state"], "submitted");
  EXPECT_EQ(report["figures"]["period"]["services"], 1);
  EXPECT_EQ(report["figures"]["cumulative"]["person_times"], 1);

  // Later case work does not change what was submitted.
  Record(c1, "2026-09-10", 30, {p1[0]});
  auto frozen = org_admin_.Get(path + "/reports").Json()["data"][2]["report"];
  EXPECT_EQ(frozen["figures"]["period"]["services"], 1);
  EXPECT_EQ(org_admin_.Get(path + "/indicators").Json()["total"]["services"], 2);

  EXPECT_EQ(org_admin_.Post(path + "/reports", {{"period", "2026-Q3"}, {"narrative", "x"}}).ErrorCode(), "report_exists");
  auto not_due = org_admin_.Post(path + "/reports", {{"period", "2026-Q4"}, {"narrative", "x"}});
  EXPECT_EQ(not_due.status, 422);
  EXPECT_EQ(not_due.ErrorFields(), std::vector<std::string>{"period:not_due"});
  EXPECT_EQ(org_admin_.Post(path + "/reports", {{"period", "2026-Q9"}, {"narrative", "x"}}).ErrorFields(),
            std::vector<std::string>{"period:invalid"});
  EXPECT_EQ(worker_.Post(path + "/reports", {{"period", "2026-Q2"}, {"narrative", "x"}}).status, 403);
  EXPECT_EQ(org_b_admin_.Post(path + "/reports", {{"period", "2026-Q2"}, {"narrative", "x"}}).status, 404);

  // A submitted report is locked; returned, it is edited and resubmitted with fresh figures.
  std::string rpath = "/api/v1/reports/" + S(report_id);
  auto locked = org_admin_.Put(rpath, {{"narrative", "改写"}});
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(locked.ErrorCode(), "report_locked");
  EXPECT_EQ(org_admin_.Post(rpath + "/review", {{"decision", "accept"}}).status, 403);
  EXPECT_EQ(admin_.Post(rpath + "/review", {{"decision", "return"}}).ErrorFields(),
            std::vector<std::string>{"comment:required"});
  ASSERT_EQ(admin_.Post(rpath + "/review", {{"decision", "return"}, {"comment", "请补充服务成效"}}).status, 200);
  auto resubmitted = org_admin_.Put(rpath, {{"narrative", "第三季度开展入户服务，补充成效"}});
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.body;
  EXPECT_EQ(resubmitted.Json()["state"], "submitted");
  EXPECT_EQ(resubmitted.Json()["figures"]["period"]["services"], 2);
  ASSERT_EQ(admin_.Post(rpath + "/review", {{"decision", "accept"}}).status, 200);
  EXPECT_EQ(org_admin_.Put(rpath, {{"narrative", "再改"}}).ErrorCode(), "report_locked");
  EXPECT_EQ(admin_.Post(rpath + "/review", {{"decision", "accept"}}).ErrorCode(), "not_submitted");

  // Overdue periods show in both queues.
  auto overdue = org_admin_.Get("/api/v1/reports/overdue").Json()["data"];
  ASSERT_EQ(overdue.size(), 2u);  // Q1 and Q2; Q3 is in
  EXPECT_EQ(overdue[0]["period"], "2026-Q1");
  EXPECT_EQ(admin_.Get("/api/v1/reports/overdue").Json()["data"].size(), 2u);
  EXPECT_EQ(org_b_admin_.Get("/api/v1/reports/overdue").Json()["data"].size(), 0u);
}

TEST_F(Projects, TranchesFollowTheirGatesAndNeverExceedTheGrant) {
  FundedProject funded = FundProject(server_, admin_, org_admin_, "flow");
  std::string path = "/api/v1/projects/" + S(funded.project_id);
  CreateUser(admin_, "finance", "finance", std::nullopt);
  long long evaluator_id = CreateUser(admin_, "evaluator", "reviewer", std::nullopt);
  Client finance = LoginNewUser(server_, "finance");
  Client evaluator = LoginNewUser(server_, "evaluator");

  // 130,000 split 50/30/20.
  auto ledger = finance.Get(path + "/ledger").Json();
  ASSERT_EQ(ledger["tranches"].size(), 3u);
  EXPECT_EQ(ledger["tranches"][0]["amount_yuan"], "65000.00");
  EXPECT_EQ(ledger["tranches"][1]["amount_yuan"], "39000.00");
  EXPECT_EQ(ledger["tranches"][2]["amount_yuan"], "26000.00");
  EXPECT_EQ(ledger["tranches"][0]["gate_met"], true);  // the agreement is signed
  EXPECT_EQ(ledger["tranches"][1]["gate_met"], false);

  EXPECT_EQ(org_admin_.Post(path + "/disbursements", {{"tranche", 1}}).status, 403);
  auto first = admin_.Post(path + "/disbursements", {{"tranche", 1}});
  ASSERT_EQ(first.status, 201) << first.body;
  long long d1 = first.Json()["id"].get<long long>();
  EXPECT_EQ(first.Json()["amount_yuan"], "65000.00");
  EXPECT_EQ(admin_.Post(path + "/disbursements", {{"tranche", 1}}).ErrorCode(), "already_requested");
  EXPECT_EQ(admin_.Post(path + "/disbursements", {{"tranche", 4}}).ErrorFields(), std::vector<std::string>{"tranche:invalid"});
  EXPECT_EQ(admin_.Post("/api/v1/disbursements/" + S(d1) + "/approve", nlohmann::json::object()).status, 403);
  EXPECT_EQ(finance.Post("/api/v1/disbursements/" + S(d1) + "/pay", {{"paid_on", "2026-03-01"}, {"reference", "X"}})
                .ErrorCode(),
            "not_approved");
  ASSERT_EQ(finance.Post("/api/v1/disbursements/" + S(d1) + "/approve", nlohmann::json::object()).status, 200);
  EXPECT_TRUE(finance.Post("/api/v1/disbursements/" + S(d1) + "/pay", {{"paid_on", "2099-01-01"}, {"reference", "X"}})
                  .ErrorFields() == std::vector<std::string>{"paid_on:future"});
  auto paid = finance.Post("/api/v1/disbursements/" + S(d1) + "/pay", {{"paid_on", "2026-03-01"}, {"reference", "BK-2026-0301"}});
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.Json()["state"], "paid");

  // The second tranche waits for a passed mid-term evaluation.
  long long d2 = admin_.Post(path + "/disbursements", {{"tranche", 2}}).Json()["id"].get<long long>();
  auto gated = finance.Post("/api/v1/disbursements/" + S(d2) + "/approve", nlohmann::json::object());
  EXPECT_EQ(gated.status, 409);
  EXPECT_EQ(gated.ErrorCode(), "gate_not_met");
  // Never above the grant.
  auto over = admin_.Post(path + "/disbursements", {{"tranche", 3}, {"amount_yuan", "26000.01"}});
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.ErrorFields(), std::vector<std::string>{"amount_yuan:over_grant"});

  auto midterm = admin_.Post(path + "/evaluations", {{"kind", "midterm"}, {"evaluator_id", evaluator_id}});
  ASSERT_EQ(midterm.status, 201) << midterm.body;
  std::string epath = "/api/v1/evaluations/" + S(midterm.Json()["id"].get<long long>());
  EXPECT_EQ(admin_.Post(path + "/evaluations", {{"kind", "midterm"}}).ErrorCode(), "evaluation_exists");
  nlohmann::json checklist = {{{"item", "服务台账完整"}, {"passed", true}}, {{"item", "资金使用规范"}, {"passed", true}}};
  // The evaluator finds it in their queue and reads the project (nothing else).
  auto mine = evaluator.Get("/api/v1/evaluations/mine").Json()["data"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["kind"], "midterm");
  EXPECT_EQ(evaluator.Get(path).status, 200);
  EXPECT_EQ(evaluator.Get(path + "/indicators").status, 200);
  EXPECT_EQ(evaluator.Get("/api/v1/projects").status, 403);
  EXPECT_EQ(org_admin_.Get("/api/v1/evaluations/mine").status, 403);
  EXPECT_EQ(org_admin_.Put(epath, {{"checklist", checklist}, {"score", 85}, {"result", "pass"}}).status, 403);
  auto passed = evaluator.Put(epath, {{"checklist", checklist}, {"score", 85}, {"result", "pass"}, {"comment", "良好"}});
  ASSERT_EQ(passed.status, 200) << passed.body;
  EXPECT_EQ(evaluator.Put(epath, {{"checklist", checklist}, {"score", 50}, {"result", "fail"}, {"comment", "x"}})
                .ErrorCode(),
            "evaluation_done");
  ASSERT_EQ(finance.Post("/api/v1/disbursements/" + S(d2) + "/approve", nlohmann::json::object()).status, 200);

  // A failed final evaluation suspends the project: the last tranche is not approved.
  long long final_id = admin_.Post(path + "/evaluations", {{"kind", "final"}}).Json()["id"].get<long long>();
  EXPECT_EQ(admin_.Put("/api/v1/evaluations/" + S(final_id), {{"checklist", checklist}, {"score", 40}, {"result", "fail"}})
                .ErrorFields(),
            std::vector<std::string>{"comment:required"});
  ASSERT_EQ(admin_.Put("/api/v1/evaluations/" + S(final_id),
                       {{"checklist", checklist}, {"score", 40}, {"result", "fail"}, {"comment", "目标未达成"}})
                .status,
            200);
  EXPECT_EQ(admin_.Get(path).Json()["state"], "suspended");
  long long d3 = admin_.Post(path + "/disbursements", {{"tranche", 3}}).Json()["id"].get<long long>();
  EXPECT_EQ(finance.Post("/api/v1/disbursements/" + S(d3) + "/approve", nlohmann::json::object()).ErrorCode(),
            "gate_not_met");
  EXPECT_EQ(finance.Post("/api/v1/disbursements/" + S(d3) + "/reject", nlohmann::json::object()).ErrorFields(),
            std::vector<std::string>{"reason:required"});
  ASSERT_EQ(finance.Post("/api/v1/disbursements/" + S(d3) + "/reject", {{"reason", "终期评估未通过"}}).status, 200);

  // The ledgers sum: 65,000 paid, 39,000 approved, nothing requested (the last was rejected).
  ledger = org_admin_.Get(path + "/ledger").Json();
  EXPECT_EQ(ledger["paid_yuan"], "65000.00");
  EXPECT_EQ(ledger["approved_yuan"], "39000.00");
  EXPECT_EQ(ledger["requested_yuan"], "0.00");
  EXPECT_EQ(ledger["remaining_yuan"], "65000.00");
  auto row = admin_.Get("/api/v1/projects").Json()["data"][0];
  EXPECT_EQ(row["tranches_status"], nlohmann::json({"paid", "approved", "rejected"}));
  EXPECT_EQ(row["overdue_reports"], 3);  // 2026-Q1, Q2 and Q3 are past due
  auto round_ledger = finance.Get("/api/v1/rounds/" + S(funded.round_id) + "/ledger").Json();
  EXPECT_EQ(round_ledger["total"]["paid_yuan"], "65000.00");
  EXPECT_EQ(round_ledger["total"]["grant_yuan"], "130000.00");
  EXPECT_EQ(org_admin_.Get("/api/v1/rounds/" + S(funded.round_id) + "/ledger").status, 403);
  EXPECT_EQ(finance.Get("/api/v1/disbursements?state=approved").Json()["data"].size(), 1u);
  EXPECT_EQ(finance.Get("/api/v1/disbursements?state=nope").status, 422);
  EXPECT_EQ(org_admin_.Get("/api/v1/disbursements").status, 403);
}

TEST_F(Projects, ExpensesAgainstBudgetLinesFlagOverspending) {
  long long project = FundProject(server_, admin_, org_admin_, "flow").project_id;
  std::string path = "/api/v1/projects/" + S(project);
  auto lines = org_admin_.Get(path + "/budget").Json()["data"];
  ASSERT_EQ(lines.size(), 3u);
  long long material = lines[2]["id"].get<long long>();  // 学习用品 5,994.00
  nlohmann::json expense = {{"budget_line_id", material}, {"amount_yuan", "5000"}, {"spent_on", "2026-03-02"},
                            {"description", "学习用品采购"}};
  ASSERT_EQ(org_admin_.Post(path + "/expenses", expense).status, 201);
  expense["amount_yuan"] = "1000.00";
  ASSERT_EQ(org_admin_.Post(path + "/expenses", expense).status, 201);
  auto budget = org_admin_.Get(path + "/budget").Json();
  EXPECT_EQ(budget["data"][2]["spent_yuan"], "6000.00");
  EXPECT_EQ(budget["data"][2]["remaining_yuan"], "-6.00");
  EXPECT_EQ(budget["data"][2]["overspent"], true);
  EXPECT_EQ(budget["data"][0]["overspent"], false);
  EXPECT_EQ(budget["total"]["spent_yuan"], "6000.00");
  EXPECT_EQ(org_admin_.Get(path + "/expenses").Json()["data"].size(), 2u);

  auto bad = expense;
  bad["budget_line_id"] = 99999;
  bad["spent_on"] = "2099-01-01";
  bad["amount_yuan"] = "-5";
  auto refused = org_admin_.Post(path + "/expenses", bad);
  EXPECT_EQ(refused.status, 422);
  for (const char* f : {"budget_line_id:invalid", "spent_on:future", "amount_yuan:invalid"}) {
    auto fields = refused.ErrorFields();
    EXPECT_TRUE(std::find(fields.begin(), fields.end(), f) != fields.end()) << f << " " << refused.body;
  }
  EXPECT_EQ(worker_.Post(path + "/expenses", expense).status, 403);
  EXPECT_EQ(org_b_admin_.Get(path + "/expenses").status, 404);

  // A receipt per expense, checked from its content like every upload.
  long long expense_id = org_admin_.Get(path + "/expenses").Json()["data"][0]["id"].get<long long>();
  std::string receipt = "/api/v1/expenses/" + S(expense_id) + "/receipt";
  EXPECT_EQ(org_admin_.Get(receipt).status, 404);
  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  EXPECT_EQ(org_admin_.Request("POST", receipt + "?filename=fapiao.pdf", "plain text", {{"Content-Type", "application/pdf"}})
                .ErrorFields(),
            std::vector<std::string>{"content_type:unsupported"});
  EXPECT_EQ(org_b_admin_.Request("POST", receipt + "?filename=fapiao.pdf", pdf, {{"Content-Type", "application/pdf"}})
                .status,
            404);
  ASSERT_EQ(org_admin_.Request("POST", receipt + "?filename=fapiao.pdf", pdf, {{"Content-Type", "application/pdf"}}).status,
            201);
  EXPECT_EQ(org_admin_.Get(path + "/expenses").Json()["data"][0]["receipt_id"].is_number(), true);
  EXPECT_EQ(admin_.Get(receipt).body, pdf);
}

}  // namespace bangyi::testing

namespace bangyi::testing {

// Demo data: three rounds, and projects whose indicators are the demo cases' own figures.
TEST(ProjectsDemo, DemoRoundsFundProjectsComputedFromTheDemoCases) {
  TestServer server(std::map<std::string, std::string>{}, /*create_admin=*/false);
  std::string out;
  ASSERT_EQ(server.RunCli({"seed-demo", "--quiet"}, &out), 0) << out;
  std::ifstream credentials(server.data_dir() + "/demo-credentials.txt");
  std::map<std::string, std::string> passwords;
  for (std::string role, user, password; credentials >> role >> user >> password;) {
    passwords[user] = password;
  }
  Client officer(server), finance(server);
  ASSERT_EQ(officer.Login("officer", passwords["officer"]).status, 200);
  ASSERT_EQ(finance.Login("finance", passwords["finance"]).status, 200);

  auto rounds = officer.Get("/api/v1/rounds").Json()["data"];
  ASSERT_EQ(rounds.size(), 3u);
  std::set<std::string> states;
  for (const auto& r : rounds) {
    states.insert(r["state"].get<std::string>());
  }
  EXPECT_EQ(states, (std::set<std::string>{"open", "running", "finished"}));
  auto projects = officer.Get("/api/v1/projects?per=50").Json()["data"];
  ASSERT_EQ(projects.size(), 6u);
  auto xiangyang = *std::find_if(projects.begin(), projects.end(), [](const auto& p) { return p["sub_brand"] == "向阳计划"; });
  long long id = xiangyang["id"].get<long long>();
  auto k = officer.Get("/api/v1/projects/" + S(id) + "/indicators").Json();
  long long expected = server.CountRows(
      "SELECT COUNT(*) FROM service_record_participants sp JOIN service_records r ON r.id = sp.service_record_id"
      " WHERE r.project_id = " + S(id));
  ASSERT_GT(expected, 50);
  EXPECT_EQ(k["total"]["person_times"], expected);
  EXPECT_EQ(k["total"]["services"],
            server.CountRows("SELECT COUNT(*) FROM service_records WHERE project_id = " + S(id)));
  // Finance has work waiting, and the running round's ledger sums.
  EXPECT_EQ(finance.Get("/api/v1/disbursements?state=requested").Json()["data"].size(), 1u);
  long long running = 0;
  for (const auto& r : rounds) {
    if (r["state"] == "running") {
      running = r["id"].get<long long>();
    }
  }
  auto ledger = finance.Get("/api/v1/rounds/" + S(running) + "/ledger").Json();
  EXPECT_EQ(ledger["total"]["grant_yuan"], "670000.00");
  EXPECT_EQ(ledger["total"]["paid_yuan"], "419000.00");  // 50 % of all four, and 30 % of 向阳计划
}

}  // namespace bangyi::testing
