#include "api/funding_flow.hpp"

#include <gtest/gtest.h>

namespace bangyi::testing {

namespace {

std::string S(long long v) { return std::to_string(v); }

long long IdOf(const HttpResponse& r) { return r.Json()["id"].get<long long>(); }

}  // namespace

nlohmann::json ApplicationBody(const std::string& project_name) {
  return {{"project_name", project_name},
          {"sub_brand", "向阳计划"},
          {"summary", "为低保、低收入及政策边缘家庭的儿童提供学业与心理支持"},
          {"need_analysis", "片区内困境儿童学业落后、家庭照料不足"},
          {"objectives", "一年内服务 60 户家庭，学业提升率 70%"},
          {"risks", "志愿者流失：与高校签订长期协议"},
          {"target_groups", {"children", "policy_edge"}},
          {"districts", {"310101"}},
          {"streets", {"310101002"}},
          {"activities", {{{"month", "2027-03"}, {"activity", "入户评估"}}, {{"month", "2027-04"}, {"activity", "课业辅导"}}}},
          {"team", {{{"role", "social_worker"}, {"name", "王社工"}, {"count", 2}}, {{"role", "volunteer"}, {"count", 10}}}},
          {"budget_lines",
           {{{"category", "personnel"}, {"item", "社工补贴"}, {"unit", "人月"}, {"quantity", 24}, {"unit_price_yuan", "4000"}},
            {{"category", "activity"}, {"item", "小组活动"}, {"unit", "场"}, {"quantity", 20}, {"unit_price_yuan", "1500.50"}},
            {{"category", "material"}, {"item", "学习用品"}, {"unit", "套"}, {"quantity", 60}, {"unit_price_yuan", "99.9"}}}},
          {"indicators",
           {{{"key", "persons"}, {"target", 60}},
            {{"key", "households"}, {"target", 60}},
            {{"key", "person_times"}, {"target", 1200}},
            {{"key", "services"}, {"target", 400}},
            {{"key", "service_hours"}, {"target", 800}},
            {{"key", "satisfaction_rate"}, {"target", 95}},
            {{"key", "custom"}, {"target", 70}, {"name", "学业提升率"}, {"unit", "%"}}}}};
}

nlohmann::json FlowRoundBody(const std::string& title, int min_reviewers) {
  return {{"title", title},
          {"total_budget_yuan", "1000000"},
          {"min_grant_yuan", "10000"},
          {"max_grant_yuan", "200000"},
          {"opens_at", "2026-01-01T09:00"},
          {"closes_at", "2099-01-01T17:00"},
          {"min_reviewers", min_reviewers},
          {"notice_days", 7}};
}

FundedProject FundProject(const TestServer& server, Client& admin, Client& org_admin, const std::string& prefix,
                          const std::string& amount_yuan) {
  FundedProject out;
  CreateUser(admin, prefix + ".officer", "program_officer", std::nullopt);
  long long reviewer_id = CreateUser(admin, prefix + ".reviewer", "reviewer", std::nullopt);
  Client officer = LoginNewUser(server, prefix + ".officer");
  Client reviewer = LoginNewUser(server, prefix + ".reviewer");

  auto round = officer.Post("/api/v1/rounds", FlowRoundBody(prefix + " 项目创投", 1));
  EXPECT_EQ(round.status, 201) << round.body;
  out.round_id = IdOf(round);
  std::string rpath = "/api/v1/rounds/" + S(out.round_id);
  EXPECT_EQ(officer.Post(rpath + "/transitions", {{"to", "open"}}).status, 200);
  auto app = org_admin.Post(rpath + "/applications", ApplicationBody(prefix + " 困境儿童成长陪伴"));
  EXPECT_EQ(app.status, 201) << app.body;
  out.application_id = IdOf(app);
  std::string apath = "/api/v1/applications/" + S(out.application_id);
  auto submitted = org_admin.Post(apath + "/submit", {{"version", app.Json()["version"]}});
  EXPECT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(officer.Post(apath + "/screening", {{"result", "pass"}}).status, 200);
  EXPECT_EQ(officer.Post(rpath + "/transitions", {{"to", "closed"}}).status, 200);
  EXPECT_EQ(officer.Post(apath + "/reviewers", {{"user_ids", {reviewer_id}}}).status, 200);
  nlohmann::json scores = nlohmann::json::array();
  for (const char* k : {"need", "design", "innovation", "budget", "capacity", "sustainability"}) {
    scores.push_back({{"key", k}, {"score", 8}, {"comment", "良好"}});
  }
  auto scored = reviewer.Put(apath + "/review", {{"scores", scores}, {"submit", true}});
  EXPECT_EQ(scored.status, 200) << scored.body;
  auto decided = officer.Post(apath + "/decision", {{"fund", true}, {"amount_yuan", amount_yuan}});
  EXPECT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(officer.Post(rpath + "/transitions", {{"to", "notice"}}).status, 200);
  EXPECT_EQ(server.ExecSql("UPDATE rounds SET notice_started_on = '2026-01-01' WHERE id = " + S(out.round_id)), 0);
  auto final = officer.Post(rpath + "/transitions", {{"to", "decided"}});
  EXPECT_EQ(final.status, 200) << final.body;
  auto projects = officer.Get("/api/v1/projects?round_id=" + S(out.round_id)).Json()["data"];
  EXPECT_EQ(projects.size(), 1u);
  if (projects.empty()) {
    return out;
  }
  out.project_id = projects[0]["id"].get<long long>();
  auto signed_ = officer.Post("/api/v1/projects/" + S(out.project_id) + "/agreement",
                              {{"signed_on", "2026-02-01"}, {"starts_on", "2026-02-01"}, {"ends_on", "2027-01-31"},
                               {"version", projects[0]["version"]}});
  EXPECT_EQ(signed_.status, 200) << signed_.body;
  return out;
}

}  // namespace bangyi::testing
