// Funding rounds through the HTTP API: creating with the default rubric and tranches, the rules
// on weights and money, who sees drafts, edits only before review, and the one order of states.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace {

bool HasField(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

nlohmann::json RoundBody() {
  return {{"title", "2027年度帮依一把项目创投"},
          {"theme", "政策边缘家庭的服务类救助"},
          {"guidelines", "## 申报指南\n面向本市社会组织……"},
          {"total_budget_yuan", "3000000"},
          {"min_grant_yuan", "50000"},
          {"max_grant_yuan", "200000.00"},
          {"eligibility", {{"org_types", {"social_service_agency", "social_group"}}, {"ratings", {"3A", "4A", "5A"}},
                           {"target_groups", {"children", "policy_edge"}}, {"districts", {"310101", "310104"}}}},
          {"opens_at", "2026-12-01T09:00"},
          {"closes_at", "2099-01-15T17:00"},
          {"reporting", "quarterly"},
          {"min_reviewers", 3}};
}

class Rounds : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    long long org = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    CreateUser(admin_, "officer", "program_officer", std::nullopt);
    CreateUser(admin_, "orgadmin", "org_admin", org);
    CreateUser(admin_, "worker", "social_worker", org);
    officer_ = LoginNewUser(server_, "officer");
    org_admin_ = LoginNewUser(server_, "orgadmin");
    worker_ = LoginNewUser(server_, "worker");
  }
  TestServer server_;
  Client admin_{server_};
  Client officer_{server_}, org_admin_{server_}, worker_{server_};
};

}  // namespace

TEST_F(Rounds, CreatesWithTheUsualRubricAndTranchesAndMovesInOrder) {
  auto created = officer_.Post("/api/v1/rounds", RoundBody());
  ASSERT_EQ(created.status, 201) << created.body;
  auto r = created.Json();
  long long id = r["id"].get<long long>();
  std::string path = "/api/v1/rounds/" + std::to_string(id);
  EXPECT_EQ(r["state"], "draft");
  EXPECT_EQ(r["total_budget_yuan"], "3000000.00");
  EXPECT_EQ(r["rubric"].size(), 6u);
  int sum = 0;
  for (const auto& c : r["rubric"]) {
    sum += c["weight"].get<int>();
  }
  EXPECT_EQ(sum, 100);
  EXPECT_EQ(r["tranches"][0]["percent"], 50);
  EXPECT_EQ(r["tranches"][2]["gate"], "final_passed");
  EXPECT_EQ(r["eligibility"]["districts"], nlohmann::json({"310101", "310104"}));

  // A draft is the foundation's: organizations neither list nor read it.
  EXPECT_EQ(org_admin_.Get(path).status, 404);
  EXPECT_EQ(org_admin_.Get("/api/v1/rounds").Json()["data"].size(), 0u);
  EXPECT_EQ(officer_.Get("/api/v1/rounds").Json()["data"].size(), 1u);

  // States move one step at a time; skipping is refused naming the state.
  auto skip = officer_.Post(path + "/transitions", {{"to", "decided"}});
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(skip.ErrorCode(), "invalid_transition");
  EXPECT_NE(skip.Json()["error"]["message"].get<std::string>().find("draft"), std::string::npos);
  auto opened = officer_.Post(path + "/transitions", {{"to", "open"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.Json()["state"], "open");
  EXPECT_EQ(org_admin_.Get(path).status, 200);
  EXPECT_EQ(org_admin_.Get("/api/v1/rounds?state=open").Json()["data"].size(), 1u);

  // Terms can change while open (with the version), not once review starts.
  auto body = RoundBody();
  body["title"] = "2027年度帮依一把项目创投（修订）";
  body["version"] = opened.Json()["version"];
  auto edited = officer_.Put(path, body);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(officer_.Put(path, body).ErrorCode(), "version_conflict");
  ASSERT_EQ(officer_.Post(path + "/transitions", {{"to", "closed"}, {"reason", "按计划"}}).status, 200);
  // 公示 needs a funding proposal (the rest of the life is in applications_test).
  EXPECT_EQ(officer_.Post(path + "/transitions", {{"to", "notice"}}).ErrorCode(), "no_proposals");
  body["version"] = officer_.Get(path).Json()["version"];
  auto late = officer_.Put(path, body);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.ErrorCode(), "not_editable");
  auto events = officer_.Get(path).Json()["events"];
  EXPECT_EQ(events.size(), 3u);  // draft, open, closed
  EXPECT_EQ(events[0]["to_state"], "closed");
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'round.transition'"), 2);
  EXPECT_EQ(officer_.Post(path + "/transitions", {{"to", "open"}}).status, 409);
}

TEST_F(Rounds, RefusesUnbalancedWeightsBadMoneyAndBadWindows) {
  auto body = RoundBody();
  body["rubric"] = {{{"key", "need"}, {"name", "需求"}, {"weight", 60}}, {{"key", "design"}, {"name", "设计"}, {"weight", 30}}};
  auto unbalanced = officer_.Post("/api/v1/rounds", body);
  EXPECT_EQ(unbalanced.status, 422);
  EXPECT_TRUE(HasField(unbalanced, "rubric:weights_sum")) << unbalanced.body;
  body["rubric"] = {{{"key", "need"}, {"name", "需求"}, {"weight", 50}}, {{"key", "need"}, {"name", "重复"}, {"weight", 50}}};
  EXPECT_TRUE(HasField(officer_.Post("/api/v1/rounds", body), "rubric[1].key:duplicate"));
  body = RoundBody();
  body["tranches"] = {{{"percent", 60}, {"gate", "agreement_signed"}}, {{"percent", 30}, {"gate", "final_passed"}}};
  EXPECT_TRUE(HasField(officer_.Post("/api/v1/rounds", body), "tranches:percent_sum"));
  body = RoundBody();
  body["min_grant_yuan"] = "300000";
  body["max_grant_yuan"] = "5000000";
  body["total_budget_yuan"] = "-1";
  body["closes_at"] = "2026-11-01T09:00";
  body["eligibility"]["districts"] = {"999999"};
  body.erase("title");
  auto bad = officer_.Post("/api/v1/rounds", body);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(HasField(bad, "title:required")) << bad.body;
  EXPECT_TRUE(HasField(bad, "total_budget_yuan:invalid")) << bad.body;
  EXPECT_TRUE(HasField(bad, "closes_at:before_opens")) << bad.body;
  EXPECT_TRUE(HasField(bad, "eligibility.districts:invalid")) << bad.body;
  body = RoundBody();
  body["max_grant_yuan"] = "4000000";
  EXPECT_TRUE(HasField(officer_.Post("/api/v1/rounds", body), "max_grant_yuan:above_total"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM rounds"), 0);

  // A window already over cannot be opened.
  body = RoundBody();
  body["opens_at"] = "2020-01-01T09:00";
  body["closes_at"] = "2020-02-01T17:00";
  auto past = officer_.Post("/api/v1/rounds", body);
  ASSERT_EQ(past.status, 201);
  auto open = officer_.Post("/api/v1/rounds/" + std::to_string(past.Json()["id"].get<long long>()) + "/transitions",
                            {{"to", "open"}});
  EXPECT_EQ(open.status, 409);
  EXPECT_EQ(open.ErrorCode(), "window_closed");
}

TEST_F(Rounds, OnlyFoundationProgramStaffManageRounds) {
  EXPECT_EQ(org_admin_.Post("/api/v1/rounds", RoundBody()).status, 403);
  EXPECT_EQ(Client(server_).Get("/api/v1/rounds").status, 401);
  EXPECT_EQ(worker_.Get("/api/v1/rounds").status, 403);  // case work staff take no part in rounds
  auto created = admin_.Post("/api/v1/rounds", RoundBody());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/rounds/" + std::to_string(created.Json()["id"].get<long long>());
  EXPECT_EQ(org_admin_.Put(path, RoundBody()).status, 403);
  EXPECT_EQ(org_admin_.Post(path + "/transitions", {{"to", "open"}}).status, 403);
  EXPECT_EQ(officer_.Get("/api/v1/rounds/424242").status, 404);
  EXPECT_EQ(officer_.Post("/api/v1/rounds/424242/transitions", {{"to", "open"}}).status, 404);
  EXPECT_TRUE(HasField(officer_.Post(path + "/transitions", {{"to", "sideways"}}), "to:invalid"));
  EXPECT_TRUE(HasField(officer_.Get("/api/v1/rounds?state=sideways"), "state:invalid"));
  auto no_version = RoundBody();
  EXPECT_TRUE(HasField(officer_.Put(path, no_version), "version:required"));
}

}  // namespace bangyi::testing
