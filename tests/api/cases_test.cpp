// Case work through the HTTP API (docs/case-work.md): the whole path from intake to follow-up,
// every refusal, access across organizations and roles, referrals, consent and the duplicate check.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/api_client.hpp"
#include "api/funding_flow.hpp"
#include "core/validation.hpp"

namespace bangyi::testing {

namespace {

std::string IdNumber(const std::string& first17) { return first17 + core::ResidentIdCheckChar(first17); }

std::string S(long long v) { return std::to_string(v); }

bool HasField(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

nlohmann::json AllScores(int score, const std::string& low_domain = "", int low = 0) {
  nlohmann::json scores = nlohmann::json::array();
  for (const char* d : {"health", "mental_health", "care_needs", "education", "employment", "family_relations",
                        "guardianship", "social_support", "economy", "housing", "safety_risk"}) {
    scores.push_back({{"domain", d}, {"score", d == low_domain ? low : score}, {"evidence", "家访观察"}});
  }
  return scores;
}

class Cases : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    worker_id_ = CreateUser(admin_, "worker.a", "social_worker", org_a_);
    supervisor_id_ = CreateUser(admin_, "supervisor.a", "supervisor", org_a_);
    CreateUser(admin_, "worker.b", "social_worker", org_b_);
    worker_b_id_ = users_b_worker_ = CreateUser(admin_, "worker.b2", "social_worker", org_b_);
    supervisor_b_id_ = CreateUser(admin_, "supervisor.b", "supervisor", org_b_);
    worker_ = LoginNewUser(server_, "worker.a");
    supervisor_ = LoginNewUser(server_, "supervisor.a");
    worker_b_ = LoginNewUser(server_, "worker.b");
    supervisor_b_ = LoginNewUser(server_, "supervisor.b");
  }

  // A household of org A with a grandmother and a grandchild; returns {household, head, child}.
  std::tuple<long long, long long, long long> Household(Client& c, const std::string& first17_head,
                                                        const std::string& first17_child) {
    auto h = c.Post("/api/v1/households", {{"district_code", "310101"},
                                           {"street_code", "310101002"},
                                           {"community", "南京东路居委"},
                                           {"address_detail", "南京东路100弄3号"},
                                           {"categories", {{{"category", "dibao"}, {"valid_from", "2025-01-01"}}}}});
    EXPECT_EQ(h.status, 201) << h.body;
    long long hid = h.Json()["id"].get<long long>();
    auto head = c.Post("/api/v1/households/" + S(hid) + "/persons",
                       {{"relation", "head"}, {"name", "王 阿婆"}, {"gender", "female"},
                        {"birth_date", first17_head.substr(6, 4) + "-" + first17_head.substr(10, 2) + "-" +
                                           first17_head.substr(12, 2)},
                        {"id_number", IdNumber(first17_head)}});
    EXPECT_EQ(head.status, 201) << head.body;
    auto child = c.Post("/api/v1/households/" + S(hid) + "/persons",
                        {{"relation", "grandchild"}, {"name", "王小明"}, {"gender", "male"},
                         {"birth_date", first17_child.substr(6, 4) + "-" + first17_child.substr(10, 2) + "-" +
                                            first17_child.substr(12, 2)},
                         {"id_number", IdNumber(first17_child)}});
    EXPECT_EQ(child.status, 201) << child.body;
    return {hid, head.Json()["id"].get<long long>(), child.Json()["id"].get<long long>()};
  }

  nlohmann::json CaseBody(long long household, long long person) const {
    return {{"household_id", household},
            {"primary_person_id", person},
            {"referral_source", "neighbourhood_committee"},
            {"presenting_problem", "祖孙二人，孙子学业困难，祖母患慢性病"},
            {"urgency", "normal"},
            {"social_worker_id", worker_id_},
            {"supervisor_id", supervisor_id_},
            {"consent_given_on", "2026-01-05"}};
  }

  long long OpenCase(long long household, long long person) {
    auto res = worker_.Post("/api/v1/cases", CaseBody(household, person));
    EXPECT_EQ(res.status, 201) << res.body;
    return res.Json()["id"].get<long long>();
  }

  HttpResponse Move(Client& c, long long id, const std::string& to, const std::string& reason = "") {
    nlohmann::json body = {{"to", to}};
    if (!reason.empty()) {
      body["reason"] = reason;
    }
    return c.Post("/api/v1/cases/" + S(id) + "/transitions", body);
  }

  HttpResponse Assess(long long id, const std::string& kind, const std::string& risk, int score,
                      const std::string& on = "2026-02-01") {
    return worker_.Post("/api/v1/cases/" + S(id) + "/assessments",
                        {{"kind", kind}, {"assessed_on", on}, {"risk_level", risk}, {"scores", AllScores(score, "education", 1)},
                         {"summary", "评估小结"}});
  }

  static nlohmann::json Plan() {
    return {{"goals",
             {{{"title", "孙子数学成绩提升"}, {"indicator", "期末数学 ≥ 70 分"}, {"target_date", "2026-07-01"}},
              {{"title", "祖母规律服药"}, {"indicator", "每周服药记录完整"}, {"target_date", "2026-06-01"}}}},
            {"interventions", {{{"description", "每周两次课业辅导"}, {"goal_index", 0}, {"responsible_name", "志愿者小李"}}}},
            {"resources", {{{"name", "社区卫生服务中心"}, {"note", "家庭医生签约"}}}}};
  }

  // Moves a fresh case to in_service (assessment, plan, approval).
  void ToInService(long long id) {
    ASSERT_EQ(Move(worker_, id, "assessing").status, 200);
    ASSERT_EQ(Assess(id, "initial", "medium", 3).status, 201);
    ASSERT_EQ(Move(worker_, id, "planning").status, 200);
    ASSERT_EQ(worker_.Put("/api/v1/cases/" + S(id) + "/plan", Plan()).status, 200);
    ASSERT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/plan/submit", nlohmann::json::object()).status, 200);
    auto approved = supervisor_.Post("/api/v1/cases/" + S(id) + "/plan/decision", {{"decision", "approve"}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    ASSERT_EQ(approved.Json()["state"], "in_service");
  }

  nlohmann::json Record(const std::vector<long long>& participants, const std::string& mode = "home_visit") const {
    return {{"served_on", "2026-03-01"}, {"start_time", "14:30"},     {"duration_minutes", 90},
            {"mode", mode},              {"service_type", "tutoring"}, {"participant_ids", participants},
            {"staff_ids", {worker_id_}}, {"content", "数学辅导，检查作业"}};
  }

  TestServer server_;
  Client admin_{server_};
  long long org_a_ = 0, org_b_ = 0, worker_id_ = 0, supervisor_id_ = 0, worker_b_id_ = 0, users_b_worker_ = 0,
            supervisor_b_id_ = 0;
  Client worker_{server_}, supervisor_{server_}, worker_b_{server_}, supervisor_b_{server_};
};

}  // namespace

TEST_F(Cases, WalksOneCaseFromIntakeToFollowUp) {
  auto [hid, head, child] = Household(worker_, "31010119500101002", "31010120150601001");
  auto created = worker_.Post("/api/v1/cases", CaseBody(hid, head));
  ASSERT_EQ(created.status, 201) << created.body;
  auto k = created.Json();
  long long id = k["id"].get<long long>();
  EXPECT_EQ(k["state"], "intake");
  EXPECT_EQ(k["social_worker"]["id"], worker_id_);
  EXPECT_EQ(k["household"]["members"].size(), 2u);
  EXPECT_EQ(k["household"]["members"][0]["id_number"].get<std::string>().find("****"), 3u);  // masked
  EXPECT_EQ(k["allowed_transitions"], nlohmann::json({"assessing", "rejected"}));
  EXPECT_TRUE(k["case_number"].get<std::string>().rfind("C20", 0) == 0);
  auto consents = worker_.Get("/api/v1/persons/" + S(head) + "/consents").Json()["data"];
  ASSERT_EQ(consents.size(), 1u);
  EXPECT_EQ(consents[0]["type"], "service");

  // Planning before any assessment, and skipping ahead, are refused with the current state named.
  ASSERT_EQ(Move(worker_, id, "assessing").status, 200);
  auto early = Move(worker_, id, "planning");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.ErrorCode(), "assessment_required");
  auto skip = Move(worker_, id, "closed");
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(skip.ErrorCode(), "invalid_transition");
  EXPECT_NE(skip.Json()["error"]["message"].get<std::string>().find("assessing"), std::string::npos);

  // A high risk raises an alert for the supervisor's queue.
  auto assessed = Assess(id, "initial", "high", 2);
  ASSERT_EQ(assessed.status, 201) << assessed.body;
  EXPECT_EQ(assessed.Json()["scores"].size(), 11u);
  auto queue = supervisor_.Get("/api/v1/work-queue").Json();
  ASSERT_EQ(queue["alerts"].size(), 1u);
  long long alert = queue["alerts"][0]["id"].get<long long>();
  EXPECT_EQ(worker_.Post("/api/v1/alerts/" + S(alert) + "/acknowledge", nlohmann::json::object()).status, 403);
  auto ack = supervisor_.Post("/api/v1/alerts/" + S(alert) + "/acknowledge", {{"note", "已电话联系家属"}});
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_FALSE(ack.Json()["acknowledged_at"].is_null());
  EXPECT_EQ(supervisor_.Post("/api/v1/alerts/" + S(alert) + "/acknowledge", nlohmann::json::object()).status, 409);
  EXPECT_EQ(supervisor_.Get("/api/v1/work-queue").Json()["alerts"].size(), 0u);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'alert.acknowledge'"), 1);

  // Plan, submission, a return with comments, a second version, approval.
  ASSERT_EQ(Move(worker_, id, "planning").status, 200);
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/plan/submit", nlohmann::json::object()).ErrorCode(),
            "plan_required");
  auto plan = worker_.Put("/api/v1/cases/" + S(id) + "/plan", Plan());
  ASSERT_EQ(plan.status, 200) << plan.body;
  EXPECT_EQ(plan.Json()["goals"][1]["key"], "g2");
  ASSERT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/plan/submit", nlohmann::json::object()).status, 200);
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/plan/decision", {{"decision", "approve"}}).status, 403);
  auto no_comment = supervisor_.Post("/api/v1/cases/" + S(id) + "/plan/decision", {{"decision", "return"}});
  EXPECT_EQ(no_comment.status, 422);
  EXPECT_TRUE(HasField(no_comment, "comment:required"));
  auto returned = supervisor_.Post("/api/v1/cases/" + S(id) + "/plan/decision",
                                   {{"decision", "return"}, {"comment", "目标二需要可测量的指标"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.Json()["state"], "planning");
  auto v2 = worker_.Put("/api/v1/cases/" + S(id) + "/plan", Plan());
  EXPECT_EQ(v2.Json()["version"], 2);
  ASSERT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/plan/submit", nlohmann::json::object()).status, 200);
  auto approved = supervisor_.Post("/api/v1/cases/" + S(id) + "/plan/decision", {{"decision", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["state"], "in_service");
  auto plans = worker_.Get("/api/v1/cases/" + S(id) + "/plans").Json()["data"];
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0]["status"], "approved");
  EXPECT_EQ(plans[1]["status"], "returned");

  // Three service records, one with two participants: 4 person-times.
  ASSERT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/service-records", Record({child})).status, 201);
  ASSERT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/service-records", Record({head})).status, 201);
  auto both = worker_.Post("/api/v1/cases/" + S(id) + "/service-records", Record({head, child}));
  ASSERT_EQ(both.status, 201) << both.body;
  EXPECT_EQ(both.Json()["person_times"], 2);
  EXPECT_EQ(both.Json()["participants"].size(), 2u);
  auto records = worker_.Get("/api/v1/cases/" + S(id) + "/service-records").Json();
  EXPECT_EQ(records["data"].size(), 3u);
  EXPECT_EQ(records["metadata"]["person_times"], 4);
  EXPECT_EQ(records["metadata"]["minutes"], 270);

  // Closing: the closing assessment and the supervisor's sign-off.
  ASSERT_EQ(Move(worker_, id, "closing").status, 200);
  auto goals_missing = worker_.Post("/api/v1/cases/" + S(id) + "/closing",
                                    {{"reason", "goals_met"}, {"summary", "目标达成"},
                                     {"goal_attainment", {{{"goal_key", "g1"}, {"attainment", "achieved"}}}}});
  EXPECT_EQ(goals_missing.status, 422);
  EXPECT_TRUE(HasField(goals_missing, "goal_attainment:incomplete"));
  auto closing = worker_.Post("/api/v1/cases/" + S(id) + "/closing",
                              {{"reason", "goals_met"},
                               {"summary", "孙子成绩提升，祖母服药规律"},
                               {"goal_attainment",
                                {{{"goal_key", "g1"}, {"attainment", "achieved"}},
                                 {{"goal_key", "g2"}, {"attainment", "partly"}}}}});
  ASSERT_EQ(closing.status, 200) << closing.body;
  auto unsigned_ = supervisor_.Post("/api/v1/cases/" + S(id) + "/closing/sign-off", nlohmann::json::object());
  EXPECT_EQ(unsigned_.status, 409);
  EXPECT_EQ(unsigned_.ErrorCode(), "assessment_required");
  ASSERT_EQ(Assess(id, "closing", "low", 4, "2026-04-01").status, 201);
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/closing/sign-off", nlohmann::json::object()).status, 403);
  auto signed_off = supervisor_.Post("/api/v1/cases/" + S(id) + "/closing/sign-off", nlohmann::json::object());
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  auto closed = signed_off.Json();
  EXPECT_EQ(closed["state"], "closed");
  ASSERT_EQ(closed["follow_ups"].size(), 2u);
  EXPECT_FALSE(closed["closed_on"].is_null());

  // Change between the initial and closing assessments: 2 → 4 everywhere but education (1 → 1).
  auto assessments = worker_.Get("/api/v1/cases/" + S(id) + "/assessments").Json();
  EXPECT_EQ(assessments["change"]["health"]["delta"], 2);
  EXPECT_EQ(assessments["change"]["education"]["delta"], 0);
  EXPECT_EQ(assessments["change"]["health"]["level"], "individual");

  // No more services on a closed case; the follow-up moves it to follow_up.
  auto late = worker_.Post("/api/v1/cases/" + S(id) + "/service-records", Record({child}));
  EXPECT_EQ(late.status, 409);
  EXPECT_NE(late.Json()["error"]["message"].get<std::string>().find("closed"), std::string::npos);
  long long fu = closed["follow_ups"][0]["id"].get<long long>();
  auto done = worker_.Post("/api/v1/cases/" + S(id) + "/follow-ups/" + S(fu),
                           {{"done_on", "2026-04-20"}, {"note", "电话回访，情况稳定"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/follow-ups/" + S(fu),
                         {{"done_on", "2026-04-20"}, {"note", "再次"}})
                .status,
            409);
  EXPECT_EQ(worker_.Get("/api/v1/cases/" + S(id)).Json()["state"], "follow_up");
  // The 3-month follow-up is not due yet; a due one shows with its case in the worker's queue.
  EXPECT_EQ(worker_.Get("/api/v1/work-queue").Json()["follow_ups_due"].size(), 0u);
  long long fu3 = closed["follow_ups"][1]["id"].get<long long>();
  ASSERT_EQ(server_.ExecSql("UPDATE case_follow_ups SET due_on = '2020-01-01' WHERE id = " + S(fu3)), 0);
  auto due = worker_.Get("/api/v1/work-queue").Json()["follow_ups_due"];
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0]["case"]["id"], id);
  EXPECT_EQ(due[0]["follow_up"]["id"], fu3);

  // The timeline holds every kind of event, newest first, with who did it.
  auto timeline = worker_.Get("/api/v1/cases/" + S(id) + "/timeline").Json()["data"];
  std::set<std::string> kinds;
  for (const auto& e : timeline) {
    kinds.insert(e["kind"].get<std::string>());
  }
  for (const char* kind : {"state_change", "assessment", "alert", "alert_ack", "plan_version", "plan_decision",
                           "service_record", "closing", "follow_up", "consent"}) {
    EXPECT_EQ(kinds.count(kind), 1u) << kind;
  }
  EXPECT_EQ(timeline[0]["kind"], "follow_up");
  EXPECT_EQ(timeline[0]["actor"]["id"], worker_id_);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM case_events WHERE case_id = " + S(id) +
                              " AND kind = 'state_change'"),
            10);  // intake … plan_pending_approval, planning (returned), … closed, follow_up
}

TEST_F(Cases, RefusesBadInputNamingTheField) {
  auto [hid, head, child] = Household(worker_, "31010119500101012", "31010120150601011");
  auto body = CaseBody(hid, head);
  body["social_worker_id"] = supervisor_b_id_;
  body["supervisor_id"] = worker_id_;
  body["urgency"] = "whenever";
  body.erase("presenting_problem");
  auto res = worker_.Post("/api/v1/cases", body);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(HasField(res, "urgency:invalid")) << res.body;
  EXPECT_TRUE(HasField(res, "presenting_problem:required")) << res.body;
  body = CaseBody(hid, head);
  body["social_worker_id"] = supervisor_b_id_;
  body["supervisor_id"] = worker_id_;
  res = worker_.Post("/api/v1/cases", body);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(HasField(res, "social_worker_id:not_staff")) << res.body;
  EXPECT_TRUE(HasField(res, "supervisor_id:not_supervisor")) << res.body;
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM cases"), 0);

  long long id = OpenCase(hid, head);
  auto again = worker_.Post("/api/v1/cases", CaseBody(hid, head));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorCode(), "open_case_exists");

  ASSERT_EQ(Move(worker_, id, "assessing").status, 200);
  auto incomplete = worker_.Post("/api/v1/cases/" + S(id) + "/assessments",
                                 {{"kind", "initial"}, {"assessed_on", "2026-02-01"}, {"risk_level", "low"},
                                  {"scores", {{{"domain", "health"}, {"score", 6}}, {{"domain", "wealth"}, {"score", 3}}}}});
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_TRUE(HasField(incomplete, "scores[0].score:out_of_range")) << incomplete.body;
  EXPECT_TRUE(HasField(incomplete, "scores[1].domain:invalid")) << incomplete.body;
  auto partial = worker_.Post("/api/v1/cases/" + S(id) + "/assessments",
                              {{"kind", "initial"}, {"assessed_on", "2026-02-01"}, {"risk_level", "low"},
                               {"scores", {{{"domain", "health"}, {"score", 3}}}}});
  EXPECT_TRUE(HasField(partial, "scores:incomplete")) << partial.body;
  auto future = worker_.Post("/api/v1/cases/" + S(id) + "/assessments",
                             {{"kind", "initial"}, {"assessed_on", "2999-01-01"}, {"risk_level", "low"},
                              {"scores", AllScores(3)}});
  EXPECT_TRUE(HasField(future, "assessed_on:in_future")) << future.body;
  auto closing_kind = Assess(id, "closing", "low", 3);
  EXPECT_EQ(closing_kind.status, 409);
  auto reject = Move(worker_, id, "rejected");
  EXPECT_EQ(reject.status, 422);
  EXPECT_TRUE(HasField(reject, "reason:required"));
  auto rejected = Move(worker_, id, "rejected", "不符合服务对象条件");
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(rejected.Json()["allowed_transitions"].size(), 0u);
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(id) + "/service-records", Record({head})).status, 409);
  EXPECT_EQ(worker_.Post("/api/v1/cases/99999/transitions", {{"to", "assessing"}}).status, 404);
  EXPECT_EQ(Move(worker_, id, "nowhere").status, 422);
}

TEST_F(Cases, ServiceRecordRulesAndGroupActivities) {
  auto [h1, head1, child1] = Household(worker_, "31010119500101022", "31010120150601021");
  auto [h2, head2, child2] = Household(worker_, "31010119500101032", "31010120150601031");
  // A case joins only a funded project of its own organization.
  CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
  Client org_admin = LoginNewUser(server_, "orgadmin.a");
  long long project = FundProject(server_, admin_, org_admin, "flow").project_id;
  ASSERT_GT(project, 0);
  auto body1 = CaseBody(h1, head1);
  body1["project_id"] = 99999;
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/cases", body1), "project_id:not_project"));
  body1["project_id"] = project;
  auto body2 = CaseBody(h2, head2);
  body2["project_id"] = project;
  long long c1 = worker_.Post("/api/v1/cases", body1).Json()["id"].get<long long>();
  long long c2 = worker_.Post("/api/v1/cases", body2).Json()["id"].get<long long>();
  ToInService(c1);
  ToInService(c2);

  auto outsider = worker_.Post("/api/v1/cases/" + S(c1) + "/service-records", Record({child1, child2}));
  EXPECT_EQ(outsider.status, 422);
  EXPECT_TRUE(HasField(outsider, "participant_ids:not_member"));
  auto nobody = Record({});
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/cases/" + S(c1) + "/service-records", nobody), "participant_ids:required"));
  auto bad = Record({child1});
  bad["duration_minutes"] = 0;
  bad["service_type"] = "magic";
  bad["start_time"] = "25:00";
  bad["staff_ids"] = {supervisor_b_id_};
  auto refused = worker_.Post("/api/v1/cases/" + S(c1) + "/service-records", bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(HasField(refused, "duration_minutes:out_of_range")) << refused.body;
  EXPECT_TRUE(HasField(refused, "start_time:format")) << refused.body;
  bad["duration_minutes"] = 60;
  bad["start_time"] = "09:00";
  refused = worker_.Post("/api/v1/cases/" + S(c1) + "/service-records", bad);
  EXPECT_TRUE(HasField(refused, "service_type:invalid")) << refused.body;
  EXPECT_TRUE(HasField(refused, "staff_ids:not_staff")) << refused.body;

  // A group activity of the project gathers the children of both cases: each case counts its own.
  auto group = worker_.Post("/api/v1/cases/" + S(c1) + "/service-records", Record({child1, child2}, "group_activity"));
  ASSERT_EQ(group.status, 201) << group.body;
  EXPECT_EQ(group.Json()["person_times"], 2);
  EXPECT_EQ(worker_.Get("/api/v1/cases/" + S(c2) + "/service-records").Json()["metadata"]["person_times"], 1);
  EXPECT_EQ(worker_.Get("/api/v1/cases/" + S(c1)).Json()["service_totals"]["person_times"], 1);

  // A crisis flag raises a critical alert.
  auto crisis = Record({head1});
  crisis["crisis"] = true;
  ASSERT_EQ(worker_.Post("/api/v1/cases/" + S(c1) + "/service-records", crisis).status, 201);
  auto alerts = supervisor_.Get("/api/v1/alerts").Json()["data"];
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["level"], "critical");
  EXPECT_EQ(alerts[0]["kind"], "crisis");
  EXPECT_EQ(worker_.Get("/api/v1/alerts").status, 403);
}

TEST_F(Cases, AccessFollowsOrganizationRoleAndPurpose) {
  auto [hid, head, child] = Household(worker_, "31010119500101042", "31010120150601041");
  long long id = OpenCase(hid, head);
  std::string path = "/api/v1/cases/" + S(id);
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get(path).status, 401);
  EXPECT_EQ(worker_.Get("/api/v1/cases/424242").status, 404);
  EXPECT_EQ(worker_b_.Get(path).status, 403);
  EXPECT_EQ(worker_b_.Get(path + "/timeline").status, 403);
  EXPECT_EQ(Move(worker_b_, id, "assessing").status, 403);
  EXPECT_EQ(worker_b_.Get("/api/v1/cases").Json()["data"].size(), 0u);
  EXPECT_EQ(worker_.Get("/api/v1/cases").Json()["data"].size(), 1u);

  CreateUser(admin_, "gov", "gov_viewer", std::nullopt, "district", "310101");
  auto gov = LoginNewUser(server_, "gov");
  EXPECT_EQ(gov.Get(path).status, 403);
  EXPECT_EQ(gov.Get("/api/v1/cases").status, 403);
  EXPECT_EQ(gov.Get("/api/v1/work-queue").status, 403);

  CreateUser(admin_, "officer", "program_officer", std::nullopt);
  auto officer = LoginNewUser(server_, "officer");
  auto no_purpose = officer.Get(path);
  EXPECT_EQ(no_purpose.status, 422);
  EXPECT_TRUE(HasField(no_purpose, "purpose:required"));
  auto inspected = officer.Get(path + "?purpose=%E9%A1%B9%E7%9B%AE%E7%9B%91%E6%B5%8B");  // 项目监测
  ASSERT_EQ(inspected.status, 200) << inspected.body;
  EXPECT_FALSE(inspected.Json()["can"]["write"].get<bool>());
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'case.view'"), 1);
  EXPECT_EQ(officer.Post(path + "/transitions", {{"to", "assessing"}}).status, 403);
  EXPECT_EQ(officer.Get("/api/v1/cases").status, 403);

  // Org admins read and acknowledge but do not write case work.
  CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
  auto org_admin = LoginNewUser(server_, "orgadmin.a");
  EXPECT_EQ(org_admin.Get(path).status, 200);
  EXPECT_EQ(Move(org_admin, id, "assessing").status, 403);
  EXPECT_EQ(org_admin.Post("/api/v1/cases", CaseBody(hid, head)).status, 403);
}

TEST_F(Cases, CommunityAdvisersSeeTheCasesTheyReferred) {
  long long adviser = CreateUser(admin_, "adviser.a", "community_adviser", std::nullopt, "street", "310101002");
  CreateUser(admin_, "adviser.b", "community_adviser", std::nullopt, "street", "310101002");
  auto [hid, head, child] = Household(worker_, "31010119500101082", "31010120150601081");
  auto body = CaseBody(hid, head);
  body["referral_source"] = "community_adviser";
  body["referred_by_user_id"] = worker_id_;
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/cases", body), "referred_by_user_id:not_adviser"));
  body["referred_by_user_id"] = adviser;
  auto created = worker_.Post("/api/v1/cases", body);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/cases/" + S(created.Json()["id"].get<long long>());
  auto mine = LoginNewUser(server_, "adviser.a");
  auto other = LoginNewUser(server_, "adviser.b");
  EXPECT_EQ(mine.Get(path).status, 200);
  EXPECT_FALSE(mine.Get(path).Json()["can"]["write"].get<bool>());
  EXPECT_EQ(mine.Get("/api/v1/cases").Json()["data"].size(), 1u);
  EXPECT_EQ(mine.Get("/api/v1/work-queue").Json()["recent"].size(), 1u);
  EXPECT_EQ(Move(mine, created.Json()["id"].get<long long>(), "assessing").status, 403);
  EXPECT_EQ(other.Get(path).status, 403);
  EXPECT_EQ(other.Get("/api/v1/cases").Json()["data"].size(), 0u);
}

TEST_F(Cases, OwnScopeSettingLimitsSocialWorkersToTheirCases) {
  TestServer own(std::map<std::string, std::string>{{"BANGYI_CASES_SOCIAL_WORKER_SCOPE", "own"}});
  Client admin(own);
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword).status, 200);
  long long org = CreateOrganization(admin, "丙机构", 3, "310101");
  long long w1 = CreateUser(admin, "worker.one", "social_worker", org);
  CreateUser(admin, "worker.two", "social_worker", org);
  long long sv = CreateUser(admin, "supervisor.three", "supervisor", org);
  auto c1 = LoginNewUser(own, "worker.one");
  auto c2 = LoginNewUser(own, "worker.two");
  auto svc = LoginNewUser(own, "supervisor.three");
  long long hid = c1.Post("/api/v1/households", {{"district_code", "310101"}, {"street_code", "310101002"}})
                      .Json()["id"]
                      .get<long long>();
  auto created = c1.Post("/api/v1/cases", {{"household_id", hid},
                                           {"referral_source", "self"},
                                           {"presenting_problem", "独居老人"},
                                           {"urgency", "urgent"},
                                           {"social_worker_id", w1},
                                           {"supervisor_id", sv}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/cases/" + S(created.Json()["id"].get<long long>());
  EXPECT_EQ(c1.Get(path).status, 200);
  EXPECT_EQ(c2.Get(path).status, 403);
  EXPECT_EQ(c2.Get("/api/v1/cases").Json()["data"].size(), 0u);
  EXPECT_EQ(svc.Get(path).status, 200);
}

TEST_F(Cases, ReferralsNeedConsentAndShareOrTransfer) {
  auto [hid, head, child] = Household(worker_, "31010119500101052", "31010120150601051");
  long long id = OpenCase(hid, head);
  std::string path = "/api/v1/cases/" + S(id);
  auto no_consent = worker_.Post(path + "/referrals", {{"to_organization_id", org_b_}, {"mode", "share"}, {"reason", "需要心理咨询"}});
  EXPECT_EQ(no_consent.status, 409);
  EXPECT_EQ(no_consent.ErrorCode(), "consent_required");
  auto consent = worker_.Post("/api/v1/persons/" + S(head) + "/consents", {{"type", "data_sharing"}, {"given_on", "2026-01-10"}});
  ASSERT_EQ(consent.status, 201) << consent.body;
  EXPECT_EQ(worker_.Post("/api/v1/persons/" + S(head) + "/consents", {{"type", "data_sharing"}, {"given_on", "2026-01-10"}}).status, 409);
  EXPECT_EQ(worker_.Post(path + "/referrals", {{"to_organization_id", org_a_}, {"mode", "share"}, {"reason", "自己"}}).status, 422);
  auto external = worker_.Post(path + "/referrals", {{"external_resource", "区残联康复中心"}, {"reason", "康复评估"}});
  ASSERT_EQ(external.status, 201) << external.body;
  auto outcome = worker_.Post("/api/v1/referrals/" + S(external.Json()["id"].get<long long>()) + "/outcome",
                              {{"outcome", "已安排每月康复训练"}});
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(outcome.Json()["status"], "completed");

  auto share = worker_.Post(path + "/referrals", {{"to_organization_id", org_b_}, {"mode", "share"}, {"reason", "需要心理咨询"}});
  ASSERT_EQ(share.status, 201) << share.body;
  long long rid = share.Json()["id"].get<long long>();
  EXPECT_EQ(worker_.Post(path + "/referrals", {{"to_organization_id", org_b_}, {"mode", "share"}, {"reason", "重复"}}).status, 409);
  auto incoming = supervisor_b_.Get("/api/v1/referrals?direction=incoming&status=pending").Json()["data"];
  ASSERT_EQ(incoming.size(), 1u);
  EXPECT_EQ(supervisor_b_.Get("/api/v1/work-queue").Json()["referrals_incoming"].size(), 1u);
  EXPECT_EQ(worker_b_.Post("/api/v1/referrals/" + S(rid) + "/decision", {{"decision", "accept"}}).status, 403);
  EXPECT_EQ(supervisor_.Post("/api/v1/referrals/" + S(rid) + "/decision", {{"decision", "accept"}}).status, 403);
  EXPECT_EQ(worker_b_.Get(path).status, 403);
  auto accepted = supervisor_b_.Post("/api/v1/referrals/" + S(rid) + "/decision", {{"decision", "accept"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(worker_b_.Get(path).status, 200);  // shared now
  EXPECT_EQ(Move(worker_b_, id, "assessing").status, 403);  // read only
  EXPECT_EQ(supervisor_b_.Post("/api/v1/referrals/" + S(rid) + "/decision", {{"decision", "decline"}, {"reason", "晚了"}}).status, 409);

  // A transfer: org B takes the household over; the case here ends as transferred.
  auto transfer = worker_.Post(path + "/referrals", {{"to_organization_id", org_b_}, {"mode", "transfer"}, {"reason", "搬家至徐汇"}});
  ASSERT_EQ(transfer.status, 201);
  long long tid = transfer.Json()["id"].get<long long>();
  auto missing = supervisor_b_.Post("/api/v1/referrals/" + S(tid) + "/decision", {{"decision", "accept"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(HasField(missing, "social_worker_id:required"));
  auto taken = supervisor_b_.Post("/api/v1/referrals/" + S(tid) + "/decision",
                                  {{"decision", "accept"}, {"social_worker_id", worker_b_id_}, {"supervisor_id", supervisor_b_id_}});
  ASSERT_EQ(taken.status, 200) << taken.body;
  long long new_case = taken.Json()["new_case_id"].get<long long>();
  EXPECT_EQ(worker_.Get(path).Json()["state"], "transferred");
  auto moved = worker_b_.Get("/api/v1/cases/" + S(new_case));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["state"], "referred");
  EXPECT_EQ(moved.Json()["household"]["members"].size(), 2u);
  EXPECT_EQ(moved.Json()["household"]["organization_id"], org_b_);

  auto withdraw = worker_.Post("/api/v1/consents/" + S(consent.Json()["id"].get<long long>()) + "/withdraw",
                               {{"withdrawn_on", "2026-02-01"}, {"reason", "本人撤回"}});
  ASSERT_EQ(withdraw.status, 200) << withdraw.body;
  EXPECT_EQ(worker_.Post("/api/v1/consents/" + S(consent.Json()["id"].get<long long>()) + "/withdraw",
                         {{"withdrawn_on", "2026-02-01"}})
                .status,
            409);
}

TEST_F(Cases, DuplicateCheckShowsOtherOrganizationsOnlyNameAndState) {
  auto [hid, head, child] = Household(worker_, "31010119500101062", "31010120150601061");
  long long id = OpenCase(hid, head);
  ASSERT_EQ(Move(worker_, id, "assessing").status, 200);
  std::string id_number = IdNumber("31010119500101062");
  auto found = worker_b_.Get("/api/v1/duplicate-check?id_number=" + id_number);
  ASSERT_EQ(found.status, 200) << found.body;
  auto data = found.Json()["data"];
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0]["organization_name"], "甲社工机构");
  EXPECT_FALSE(data[0]["same_organization"].get<bool>());
  EXPECT_EQ(data[0]["cases"], nlohmann::json::parse(R"([{"state":"assessing"}])"));
  EXPECT_FALSE(data[0].contains("person_id"));
  EXPECT_FALSE(data[0].contains("person_name"));
  EXPECT_EQ(found.body.find("王"), std::string::npos);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'person.duplicate_check'"), 1);

  // Names typed with full-width letters or spaces still match; birth date and street narrow it.
  auto by_name = worker_b_.Get("/api/v1/duplicate-check?name=%E7%8E%8B%E9%98%BF%E5%A9%86&birth_date=1950-01-01&street_code=310101002");
  ASSERT_EQ(by_name.status, 200) << by_name.body;
  EXPECT_EQ(by_name.Json()["data"].size(), 1u);
  EXPECT_EQ(worker_b_.Get("/api/v1/duplicate-check?name=x&birth_date=1950-01-02&street_code=310101002").Json()["data"].size(), 0u);

  // With data-sharing consent, the other organization also learns who and which case.
  ASSERT_EQ(worker_.Post("/api/v1/persons/" + S(head) + "/consents", {{"type", "data_sharing"}, {"given_on", "2026-01-10"}}).status, 201);
  auto shared = worker_b_.Get("/api/v1/duplicate-check?id_number=" + id_number).Json()["data"][0];
  EXPECT_EQ(shared["person_id"], head);
  EXPECT_TRUE(shared["cases"][0].contains("case_number"));

  std::string wrong = id_number.substr(0, 17) + (id_number[17] == '1' ? "2" : "1");
  auto bad = worker_b_.Get("/api/v1/duplicate-check?id_number=" + wrong);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(HasField(bad, "id_number:checksum")) << bad.body;
  EXPECT_TRUE(HasField(worker_b_.Get("/api/v1/duplicate-check"), "name:required"));
  CreateUser(admin_, "gov2", "gov_viewer", std::nullopt, "district", "310101");
  EXPECT_EQ(LoginNewUser(server_, "gov2").Get("/api/v1/duplicate-check?id_number=" + id_number).status, 403);
}

TEST_F(Cases, ReferralTargetsListOtherActiveOrganizations) {
  auto targets = worker_.Get("/api/v1/referral-targets");
  ASSERT_EQ(targets.status, 200) << targets.body;
  auto data = targets.Json()["data"];
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0]["name"], "乙社工机构");
  EXPECT_EQ(data[0]["district_name"], "徐汇区");
  EXPECT_EQ(worker_.Get("/api/v1/referral-targets?q=%E4%B8%99").Json()["data"].size(), 0u);  // 丙
  EXPECT_EQ(worker_.Get("/api/v1/referral-targets?q=" + std::string(60, 'x')).status, 422);
  CreateUser(admin_, "orgadmin.t", "org_admin", org_a_);
  EXPECT_EQ(LoginNewUser(server_, "orgadmin.t").Get("/api/v1/referral-targets").status, 403);
  EXPECT_EQ(Client(server_).Get("/api/v1/referral-targets").status, 401);
}

// Every case read is refused to another organization (403) and to a missing case (404); each
// step is refused in the wrong state (409) and with bad input (422).
TEST_F(Cases, EveryStepRefusesOutsidersMissingCasesWrongStatesAndBadInput) {
  auto [hid, head, child] = Household(worker_, "31010119500101092", "31010120150601091");
  long long id = OpenCase(hid, head);
  std::string path = "/api/v1/cases/" + S(id);
  for (const char* part : {"", "/timeline", "/assessments", "/plans", "/service-records", "/attachments"}) {
    EXPECT_EQ(worker_b_.Get(path + part).status, 403) << part;
    EXPECT_EQ(worker_.Get("/api/v1/cases/777777" + std::string(part)).status, 404) << part;
    EXPECT_EQ(worker_.Get(path + part).status, 200) << part;
  }
  for (const char* part : {"/assessments", "/service-records", "/referrals", "/closing", "/transitions"}) {
    EXPECT_EQ(worker_b_.Post(path + part, nlohmann::json::object()).status, 403) << part;
  }
  EXPECT_EQ(worker_b_.Put(path + "/plan", Plan()).status, 403);
  EXPECT_EQ(worker_b_.Post(path + "/plan/submit", nlohmann::json::object()).status, 403);
  EXPECT_EQ(supervisor_b_.Post(path + "/plan/decision", {{"decision", "approve"}}).status, 403);
  EXPECT_EQ(supervisor_b_.Post(path + "/closing/sign-off", nlohmann::json::object()).status, 403);

  // Wrong state: each step of a later phase, while the case is still at intake.
  auto plan = worker_.Put(path + "/plan", Plan());
  EXPECT_EQ(plan.status, 409);
  EXPECT_NE(plan.Json()["error"]["message"].get<std::string>().find("intake"), std::string::npos);
  EXPECT_EQ(Assess(id, "initial", "low", 3).status, 409);
  EXPECT_EQ(worker_.Post(path + "/service-records", Record({head})).status, 409);
  EXPECT_EQ(worker_.Post(path + "/closing", {{"reason", "goals_met"}, {"summary", "s"}}).status, 409);
  EXPECT_EQ(supervisor_.Post(path + "/closing/sign-off", nlohmann::json::object()).status, 409);
  EXPECT_EQ(supervisor_.Post(path + "/plan/decision", {{"decision", "approve"}}).status, 409);
  EXPECT_EQ(worker_.Post(path + "/follow-ups/1", {{"done_on", "2026-01-01"}, {"note", "n"}}).status, 404);

  // Bad input on the referral and alert endpoints; a missing referral or alert.
  EXPECT_TRUE(HasField(worker_.Get("/api/v1/referrals"), "direction:required"));
  EXPECT_TRUE(HasField(worker_.Get("/api/v1/referrals?direction=outgoing&status=lost"), "status:invalid"));
  EXPECT_EQ(supervisor_.Post("/api/v1/referrals/9999/decision", {{"decision", "accept"}}).status, 404);
  EXPECT_TRUE(HasField(supervisor_.Post("/api/v1/referrals/9999/decision", {{"decision", "maybe"}}), "decision:invalid"));
  EXPECT_EQ(worker_.Post("/api/v1/referrals/9999/outcome", {{"outcome", "x"}}).status, 404);
  EXPECT_EQ(supervisor_.Post("/api/v1/alerts/9999/acknowledge", nlohmann::json::object()).status, 404);
  auto share = worker_.Post(path + "/referrals", {{"external_resource", "街道就业服务站"}, {"reason", "就业"}});
  ASSERT_EQ(share.status, 201);
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/referrals/" + S(share.Json()["id"].get<long long>()) + "/outcome",
                                    nlohmann::json::object()),
                       "outcome:required"));
  // An external referral is nobody's to accept; an organization referral takes no outcome.
  EXPECT_EQ(supervisor_b_.Post("/api/v1/referrals/" + S(share.Json()["id"].get<long long>()) + "/decision",
                               {{"decision", "accept"}})
                .status,
            404);
  ASSERT_EQ(worker_.Post("/api/v1/persons/" + S(head) + "/consents", {{"type", "data_sharing"}, {"given_on", "2026-01-10"}}).status, 201);
  auto to_b = worker_.Post(path + "/referrals", {{"to_organization_id", org_b_}, {"mode", "share"}, {"reason", "心理"}});
  ASSERT_EQ(to_b.status, 201);
  EXPECT_EQ(worker_.Post("/api/v1/referrals/" + S(to_b.Json()["id"].get<long long>()) + "/outcome", {{"outcome", "x"}}).status,
            409);
  EXPECT_TRUE(HasField(supervisor_b_.Post("/api/v1/referrals/" + S(to_b.Json()["id"].get<long long>()) + "/decision",
                                          {{"decision", "decline"}}),
                       "reason:required"));
  auto declined = supervisor_b_.Post("/api/v1/referrals/" + S(to_b.Json()["id"].get<long long>()) + "/decision",
                                     {{"decision", "decline"}, {"reason", "本机构暂无心理咨询师"}});
  ASSERT_EQ(declined.status, 200);
  EXPECT_EQ(declined.Json()["status"], "declined");
  EXPECT_EQ(worker_b_.Get(path).status, 403);  // declined: nothing shared
}

TEST_F(Cases, StaffAndServiceTypes) {
  auto staff = worker_.Get("/api/v1/staff");
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(staff.Json()["data"].size(), 2u);
  auto types = worker_.Get("/api/v1/service-types").Json()["data"];
  EXPECT_EQ(types.size(), 10u);
  EXPECT_EQ(types[0]["name_zh"], "物质帮扶");
  CreateUser(admin_, "gov3", "gov_viewer", std::nullopt, "district", "310101");
  auto gov = LoginNewUser(server_, "gov3");
  EXPECT_EQ(gov.Get("/api/v1/staff").status, 403);
  EXPECT_EQ(gov.Get("/api/v1/service-types").status, 403);

  // The foundation keeps the catalogue: a new type, a retired one; records keep their types.
  auto added = admin_.Post("/api/v1/service-types", {{"code", "legal_aid"}, {"name_zh", "法律援助"}, {"name_en", "Legal aid"}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.Json()["data"].back()["code"], "legal_aid");
  ASSERT_EQ(admin_.Post("/api/v1/service-types", {{"code", "other"}, {"name_zh", "其他"}, {"name_en", "Other"}, {"active", false}}).status, 200);
  auto visible = worker_.Get("/api/v1/service-types").Json()["data"];
  EXPECT_EQ(visible.size(), 10u);  // 10 − other + legal_aid
  EXPECT_EQ(visible.back()["code"], "legal_aid");
  EXPECT_EQ(admin_.Get("/api/v1/service-types?all=true").Json()["data"].size(), 11u);
  EXPECT_EQ(worker_.Post("/api/v1/service-types", {{"code", "x"}, {"name_zh", "x"}, {"name_en", "x"}}).status, 403);
  auto bad = admin_.Post("/api/v1/service-types", {{"code", "Legal Aid"}, {"name_en", "x"}});
  EXPECT_TRUE(HasField(bad, "code:format"));
  EXPECT_TRUE(HasField(bad, "name_zh:required"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'service_type.save'"), 2);
}

}  // namespace bangyi::testing

namespace bangyi::testing {

namespace {

// A tiny valid PNG (1×1, transparent) and the start of a PDF.
constexpr char kPngBytes[] =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9c"
    "c\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xae\x42\x60\x82";
const std::string kPng(kPngBytes, sizeof kPngBytes - 1);
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

// Sends only a request header claiming `length` bytes, and reads the answer.
int ClaimedLengthStatus(int port, const std::string& target, size_t length, const Client& who) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  std::string head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nCookie: " +
                     who.cookie() + "\r\nX-CSRF-Token: " + who.csrf() + "\r\nContent-Length: " +
                     std::to_string(length) + "\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(head));
  boost::beast::flat_buffer buffer;
  boost::beast::http::response<boost::beast::http::string_body> res;
  boost::beast::http::read(socket, buffer, res);
  return static_cast<int>(res.result_int());
}

}  // namespace

TEST_F(Cases, AttachmentsAreCheckedFromContentStoredOnceAndServedToCaseReaders) {
  auto [hid, head, child] = Household(worker_, "31010119500101072", "31010120150601071");
  long long id = OpenCase(hid, head);
  std::string path = "/api/v1/cases/" + S(id) + "/attachments";
  auto up = worker_.Request("POST", path + "?filename=%E5%AE%B6%E8%AE%BF%E7%85%A7%E7%89%87.png", kPng,
                            {{"Content-Type", "image/png"}});  // 家访照片.png
  ASSERT_EQ(up.status, 201) << up.body;
  auto a = up.Json();
  EXPECT_EQ(a["filename"], "家访照片.png");
  EXPECT_EQ(a["size_bytes"], kPng.size());
  EXPECT_EQ(a["content_type"], "image/png");
  std::string sha = a["sha256"].get<std::string>();
  EXPECT_TRUE(std::filesystem::exists(server_.data_dir() + "/attachments/" + sha.substr(0, 2) + "/" + sha));
  // The same content again: a second record, one file.
  ASSERT_EQ(worker_.Request("POST", path + "?filename=copy.png", kPng, {{"Content-Type", "image/png"}}).status, 201);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(server_.data_dir() + "/attachments")) {
    files += e.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 1u);

  // The type comes from the content: a PDF declared as PNG, a renamed executable, no name.
  auto lie = worker_.Request("POST", path + "?filename=x.png", kPdf, {{"Content-Type", "image/png"}});
  EXPECT_EQ(lie.status, 422);
  EXPECT_TRUE(HasField(lie, "content_type:mismatch")) << lie.body;
  auto exe = worker_.Request("POST", path + "?filename=x.pdf", "MZ\x90\0binary", {{"Content-Type", "application/pdf"}});
  EXPECT_TRUE(HasField(exe, "content_type:unsupported")) << exe.body;
  EXPECT_TRUE(HasField(worker_.Request("POST", path, kPdf, {{"Content-Type", "application/pdf"}}), "filename:required"));
  EXPECT_EQ(ClaimedLengthStatus(server_.port(), path + "?filename=big.png", 21u * 1024 * 1024, worker_), 413);
  EXPECT_EQ(worker_b_.Request("POST", path + "?filename=x.pdf", kPdf, {{"Content-Type", "application/pdf"}}).status, 403);
  EXPECT_EQ(Client(server_).Request("POST", path + "?filename=x.pdf", kPdf, {{"Content-Type", "application/pdf"}}).status, 401);

  auto list = worker_.Get(path).Json()["data"];
  ASSERT_EQ(list.size(), 2u);
  auto file = worker_.Get("/api/v1/attachments/" + S(a["id"].get<long long>()));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPng);
  EXPECT_EQ(file.headers["content-type"], "image/png");
  EXPECT_NE(file.headers["content-disposition"].find("%E5%AE%B6"), std::string::npos);
  EXPECT_EQ(worker_b_.Get("/api/v1/attachments/" + S(a["id"].get<long long>())).status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/attachments/99999").status, 404);
  auto timeline = worker_.Get("/api/v1/cases/" + S(id) + "/timeline").Json()["data"];
  EXPECT_EQ(timeline[0]["kind"], "attachment");
}

}  // namespace bangyi::testing
