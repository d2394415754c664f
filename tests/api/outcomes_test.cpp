// Outcomes through the real API (docs/outcomes.md): the 文化润贤少 figures computed exactly from
// records, 人次 with group activities, rollups that a rebuild reproduces, scoped and suppressed
// KPIs, drill-down, XLSX/CSV exports opened by LibreOffice, and one-time survey tokens.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api_client.hpp"
#include "api/funding_flow.hpp"
#include "core/validation.hpp"

namespace bangyi::testing {

namespace {

std::string S(long long v) { return std::to_string(v); }

bool HasField(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

nlohmann::json Figures(const HttpResponse& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  auto rows = r.Json()["rows"];
  EXPECT_EQ(rows.size(), 1u) << r.body;
  return rows.empty() ? nlohmann::json::object() : rows[0]["figures"];
}

class Outcomes : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
    CreateUser(admin_, "worker.b", "social_worker", org_b_);
    worker_id_ = CreateUser(admin_, "worker.a", "social_worker", org_a_);
    supervisor_id_ = CreateUser(admin_, "supervisor.a", "supervisor", org_a_);
    volunteer_id_ = CreateUser(admin_, "volunteer.a", "volunteer", org_a_);
    CreateUser(admin_, "gov.huangpu", "gov_viewer", std::nullopt, "district", "310101");
    CreateUser(admin_, "finance.a", "finance", std::nullopt, "platform", "");
    org_admin_ = LoginNewUser(server_, "orgadmin.a");
    worker_ = LoginNewUser(server_, "worker.a");
    worker_b_ = LoginNewUser(server_, "worker.b");
    gov_ = LoginNewUser(server_, "gov.huangpu");
    finance_ = LoginNewUser(server_, "finance.a");
  }

  long long Household(const std::string& street, const std::string& category) {
    auto h = worker_.Post("/api/v1/households", {{"district_code", street.substr(0, 6)},
                                                 {"street_code", street},
                                                 {"community", "居委"},
                                                 {"address_detail", "1号"},
                                                 {"categories", {{{"category", category}, {"valid_from", "2025-01-01"}}}}});
    EXPECT_EQ(h.status, 201) << h.body;
    return h.Json()["id"].get<long long>();
  }

  long long Person(long long household, const std::string& name, const std::string& first17, const std::string& relation) {
    auto person = worker_.Post("/api/v1/households/" + S(household) + "/persons",
                               {{"relation", relation},
                                {"name", name},
                                {"gender", (first17[16] - '0') % 2 == 1 ? "male" : "female"},
                                {"birth_date", first17.substr(6, 4) + "-" + first17.substr(10, 2) + "-" + first17.substr(12, 2)},
                                {"id_number", first17 + core::ResidentIdCheckChar(first17)}});
    EXPECT_EQ(person.status, 201) << person.body;
    return person.Json()["id"].get<long long>();
  }

  // A case of the project. Its intake, assessment and plan are not what these tests are about:
  // the case is put in service with SQL (cases_test covers the real path).
  long long Case(long long household, long long person, long long project) {
    auto created = worker_.Post("/api/v1/cases", {{"household_id", household}, {"primary_person_id", person},
                                                  {"referral_source", "self"}, {"presenting_problem", "学业困难"},
                                                  {"urgency", "normal"}, {"social_worker_id", worker_id_}, {"supervisor_id", supervisor_id_},
                                                  {"consent_given_on", "2026-09-01"}, {"project_id", project}});
    EXPECT_EQ(created.status, 201) << created.body;
    long long id = created.Json()["id"].get<long long>();
    EXPECT_EQ(server_.ExecSql("UPDATE cases SET state = 'in_service' WHERE id = " + S(id)), 0);
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
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // Invitations for a case; returns their tokens.
  std::vector<std::string> Invite(long long case_id, int count, Client* as = nullptr) {
    auto r = (as ? *as : worker_).Post("/api/v1/cases/" + S(case_id) + "/survey-invitations", {{"count", count}});
    EXPECT_EQ(r.status, 201) << r.body;
    const nlohmann::json created = r.Json();
    std::vector<std::string> tokens;
    for (const auto& i : created["data"]) {
      tokens.push_back(i["token"].get<std::string>());
    }
    return tokens;
  }

  HttpResponse Answer(const std::string& token, int overall) {
    Client anonymous(server_);
    return anonymous.Post("/api/v1/public/surveys/" + token,
                          {{"answers", {{"attitude", 5}, {"timeliness", 4}, {"professionalism", 5},
                                        {"effectiveness", 4}, {"overall", overall}}}});
  }

  std::string Rebuild() {
    std::string out;
    EXPECT_EQ(server_.RunCli({"rebuild-rollups"}, &out), 0) << out;
    return out;
  }

  TestServer server_;
  Client admin_{server_};
  long long org_a_ = 0, org_b_ = 0, worker_id_ = 0, supervisor_id_ = 0, volunteer_id_ = 0;
  Client org_admin_{server_}, worker_{server_}, worker_b_{server_}, gov_{server_}, finance_{server_};
};

}  // namespace

// The article's 文化润贤少: 90 children in 90 households, 475 services of 1,995 hours, 200
// responses of which 197 are 满意 or 非常满意 — 98.5%.
TEST_F(Outcomes, WenhuaRunxianshaoFiguresComeExactlyFromTheRecords) {
  long long project = FundProject(server_, admin_, org_admin_, "wenhua").project_id;
  ASSERT_GT(project, 0);
  std::vector<long long> cases, children;
  for (int i = 0; i < 90; ++i) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "3101012014%02d%02d%03d", i % 12 + 1, i % 28 + 1, i + 1);
    long long h = Household(i % 2 == 0 ? "310101002" : "310101013", i % 3 == 0 ? "policy_edge" : "dibao");
    long long child = Person(h, "小朋友" + S(i), first17, "head");
    children.push_back(child);
    cases.push_back(Case(h, child, project));
  }
  // 475 records of 252 minutes = 119,700 minutes = 1,995 hours; every child at least five times.
  for (int r = 0; r < 475; ++r) {
    char day[11];
    std::snprintf(day, sizeof day, "2026-%02d-%02d", 9 + r % 3, r % 28 + 1);
    Record(cases[r % 90], day, 252, {children[r % 90]});
  }
  // 200 survey links handed out on 20 of the cases; three answered below 满意.
  int answered = 0;
  for (int k = 0; k < 20; ++k) {
    for (const auto& token : Invite(cases[k], 10)) {
      int overall = answered < 3 ? 3 - answered : (answered % 2 == 0 ? 5 : 4);
      ASSERT_EQ(Answer(token, overall).status, 201);
      ++answered;
    }
  }
  ASSERT_EQ(answered, 200);

  auto f = Figures(admin_.Get("/api/v1/kpis?project_id=" + S(project)));
  EXPECT_EQ(f["persons"], 90);
  EXPECT_EQ(f["households"], 90);
  EXPECT_EQ(f["children"], 90);
  EXPECT_EQ(f["services"], 475);
  EXPECT_EQ(f["person_times"], 475);
  EXPECT_EQ(f["service_hours"], 1995.0);
  EXPECT_EQ(f["responses"], 200);
  EXPECT_EQ(f["satisfied"], 197);
  EXPECT_EQ(f["satisfaction_rate"], 98.5);
  EXPECT_EQ(f["cases_opened"], 90);

  // The same figures on the project's indicators, computed live from the records.
  auto ind = org_admin_.Get("/api/v1/projects/" + S(project) + "/indicators");
  ASSERT_EQ(ind.status, 200) << ind.body;
  auto total = ind.Json()["total"];
  EXPECT_EQ(total["persons"], 90);
  EXPECT_EQ(total["services"], 475);
  EXPECT_EQ(total["service_hours"], 1995.0);
  EXPECT_EQ(total["satisfaction_rate"], 98.5);

  // By month and by street, the parts add up; categories count households once each.
  auto months = admin_.Get("/api/v1/kpis?dimension=month&project_id=" + S(project)).Json()["rows"];
  ASSERT_EQ(months.size(), 3u);
  long long services = 0;
  for (const auto& m : months) {
    services += m["figures"]["services"].get<long long>();
  }
  EXPECT_EQ(services, 475);
  EXPECT_EQ(months[0]["key"], "2026-09");
  auto streets = admin_.Get("/api/v1/kpis?dimension=street&district=310101").Json()["rows"];
  ASSERT_EQ(streets.size(), 2u);
  EXPECT_EQ(streets[0]["figures"]["persons"].get<int>() + streets[1]["figures"]["persons"].get<int>(), 90);
  EXPECT_EQ(streets[0]["label"].get<std::string>().empty(), false);
  auto edge = Figures(admin_.Get("/api/v1/kpis?category=policy_edge"));
  EXPECT_EQ(edge["households"], 30);
  // Raw SQL over the records agrees with the rollups.
  EXPECT_EQ(server_.CountRows("SELECT COUNT(DISTINCT person_id) FROM service_record_participants"), 90);
  EXPECT_EQ(server_.CountRows("SELECT SUM(duration_minutes) FROM service_records"), 119700);

  // Drill-down: the records behind the figure, newest first, within the viewer's permissions.
  auto records = admin_.Get("/api/v1/kpis/records?project_id=" + S(project) + "&period=2026-09&per=200");
  ASSERT_EQ(records.status, 200) << records.body;
  long long september = months[0]["figures"]["services"].get<long long>();
  EXPECT_EQ(records.Json()["metadata"]["total"], september);
  EXPECT_EQ(records.Json()["data"][0]["served_on"].get<std::string>().substr(0, 7), "2026-09");
  EXPECT_EQ(records.Json()["data"][0].contains("content"), false);

  // A rebuild from the records gives identical rollups.
  EXPECT_NE(Rebuild().find(" 0 differed"), std::string::npos);
}

// 人次: each participation of one person in one record counts once; persons and households are
// distinct; a group activity gathers members of several cases.
TEST_F(Outcomes, PersonTimesCountEveryParticipationOfGroupActivities) {
  long long project = FundProject(server_, admin_, org_admin_, "group").project_id;
  long long ha = Household("310101002", "dibao");
  long long grandmother = Person(ha, "李桂英", "31010119500101002", "head");
  long long grandson = Person(ha, "李小宝", "31010120150601001", "grandchild");
  long long hb = Household("310101002", "low_income");
  long long girl = Person(hb, "张小妹", "31010120160601002", "head");
  long long hc = Household("310101013", "policy_edge");
  long long uncle = Person(hc, "陈先生", "31010119800101001", "head");
  long long ca = Case(ha, grandmother, project);
  long long cb = Case(hb, girl, project);
  Case(hc, uncle, project);

  Record(ca, "2026-10-10", 120, {grandmother, grandson, girl, uncle}, "group_activity", true);  // 4 人次
  Record(ca, "2026-10-12", 60, {grandson});                                                   // 1
  Record(cb, "2026-11-02", 90, {girl, uncle}, "group_activity");                              // 2
  auto f = Figures(admin_.Get("/api/v1/kpis?project_id=" + S(project)));
  EXPECT_EQ(f["services"], 3);
  EXPECT_EQ(f["person_times"], 7);
  EXPECT_EQ(f["persons"], 4);
  EXPECT_EQ(f["households"], 3);
  EXPECT_EQ(f["children"], 2);
  EXPECT_EQ(f["elderly"], 1);
  EXPECT_EQ(f["women"], 2);
  EXPECT_EQ(f["service_hours"], 4.5);
  EXPECT_EQ(f["volunteer_hours"], 2.0);
  EXPECT_EQ(f["satisfaction_rate"], nullptr);
  // Months split the records; a person served in two months counts once in the quarter.
  auto october = Figures(admin_.Get("/api/v1/kpis?project_id=" + S(project) + "&period=2026-10"));
  EXPECT_EQ(october["person_times"], 5);
  EXPECT_EQ(october["persons"], 4);
  auto quarter = Figures(admin_.Get("/api/v1/kpis?project_id=" + S(project) + "&period=2026-Q4"));
  EXPECT_EQ(quarter["persons"], 4);
  EXPECT_EQ(quarter["person_times"], 7);
  // Participants count under their own household's street: the uncle's street has 2 人次.
  auto waitan = Figures(admin_.Get("/api/v1/kpis?street=310101013"));
  EXPECT_EQ(waitan["person_times"], 2);
  EXPECT_EQ(waitan["persons"], 1);

  // A household's change of category moves its figures, exactly as a rebuild would.
  auto h = worker_.Get("/api/v1/households/" + S(hc)).Json();
  auto moved = worker_.Put("/api/v1/households/" + S(hc),
                           {{"version", h["version"]}, {"district_code", "310101"}, {"street_code", "310101013"},
                            {"community", "居委"}, {"categories", {{{"category", "dibao"}, {"valid_from", "2025-01-01"}}}}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(admin_.Get("/api/v1/kpis?category=policy_edge").Json()["rows"][0]["figures"]["persons"], 0);
  EXPECT_EQ(Figures(admin_.Get("/api/v1/kpis?category=dibao"))["persons"], 3);
  EXPECT_NE(Rebuild().find(" 0 differed"), std::string::npos);
}

TEST_F(Outcomes, KpisAreScopedAndSuppressedForGovernmentViewers) {
  long long project = FundProject(server_, admin_, org_admin_, "scope").project_id;
  long long h = Household("310101002", "dibao");
  long long p = Person(h, "李桂英", "31010119500101002", "head");
  long long c = Case(h, p, project);
  Record(c, "2026-10-10", 60, {p});

  // Platform roles see all; the platform row carries the small tables' counts.
  auto platform = Figures(admin_.Get("/api/v1/kpis"));
  EXPECT_EQ(platform["persons"], 1);
  EXPECT_EQ(platform["organizations_active"].get<int>() >= 2, true);
  EXPECT_EQ(platform["projects"], 1);
  EXPECT_EQ(Figures(finance_.Get("/api/v1/kpis?district=310101"))["services"], 1);

  // Organization staff: their organization only (applied when left out).
  auto own = worker_.Get("/api/v1/kpis");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json()["filter"]["key"], S(org_a_));
  EXPECT_EQ(own.Json()["rows"][0]["figures"]["services"], 1);
  EXPECT_EQ(Figures(worker_b_.Get("/api/v1/kpis"))["services"], 0);
  EXPECT_EQ(worker_b_.Get("/api/v1/kpis?organization_id=" + S(org_a_)).status, 403);
  EXPECT_EQ(worker_b_.Get("/api/v1/kpis?dimension=district").status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/kpis?dimension=month").status, 200);

  // Government: district figures only, small cells "<5", no records.
  auto gov = gov_.Get("/api/v1/kpis?dimension=district");
  ASSERT_EQ(gov.status, 200) << gov.body;
  EXPECT_EQ(gov.Json()["suppressed"], true);
  ASSERT_EQ(gov.Json()["rows"].size(), 1u);
  auto g = gov.Json()["rows"][0]["figures"];
  EXPECT_EQ(g["persons"], "<5");
  EXPECT_EQ(g["households"], "<5");
  EXPECT_EQ(g["person_times"], "<5");
  EXPECT_EQ(g["services"], 1);
  EXPECT_EQ(g["satisfaction_rate"], nullptr);
  EXPECT_EQ(gov_.Get("/api/v1/kpis?dimension=street&district=310101").status, 200);
  EXPECT_EQ(gov_.Get("/api/v1/kpis?dimension=month&district=310101").status, 200);
  EXPECT_EQ(gov_.Get("/api/v1/kpis?district=310104").status, 403);
  EXPECT_EQ(gov_.Get("/api/v1/kpis").status, 403);
  EXPECT_EQ(gov_.Get("/api/v1/kpis?dimension=organization").status, 403);
  EXPECT_EQ(gov_.Get("/api/v1/kpis?project_id=" + S(project)).status, 403);
  EXPECT_EQ(gov_.Get("/api/v1/kpis/records?district=310101").status, 403);
  // Records need case access: the foundation inspects, finance does not, staff see their own.
  EXPECT_EQ(admin_.Get("/api/v1/kpis/records?district=310101").Json()["metadata"]["total"], 1);
  EXPECT_EQ(finance_.Get("/api/v1/kpis/records?district=310101").status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/kpis/records").Json()["metadata"]["total"], 1);
  EXPECT_EQ(worker_b_.Get("/api/v1/kpis/records").Json()["metadata"]["total"], 0);

  // Refusals: anonymous 401; every bad parameter named.
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get("/api/v1/kpis").status, 401);
  EXPECT_EQ(anonymous.Get("/api/v1/kpis/records").status, 401);
  EXPECT_EQ(anonymous.Get("/api/v1/kpis/export?format=csv").status, 401);
  Client volunteer = LoginNewUser(server_, "volunteer.a");
  EXPECT_EQ(volunteer.Get("/api/v1/kpis").status, 403);
  EXPECT_EQ(volunteer.Get("/api/v1/kpis/records").status, 403);
  EXPECT_EQ(volunteer.Get("/api/v1/kpis/export?format=csv").status, 403);
  EXPECT_EQ(gov_.Get("/api/v1/kpis/export?format=csv&dimension=organization").status, 403);
  auto bad = admin_.Get("/api/v1/kpis?dimension=galaxy&period=2026-13&district=310101&project_id=1");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(HasField(bad, "dimension:unknown")) << bad.body;
  EXPECT_TRUE(HasField(bad, "period:invalid")) << bad.body;
  EXPECT_TRUE(HasField(bad, "project_id:only_one_filter")) << bad.body;
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/kpis?dimension=district&project_id=1"), "dimension:unsupported_combination"));
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/kpis?dimension=month&period=2026"), "period:not_with_time_dimension"));
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/kpis?dimension=month&from=2026"), "from:invalid"));
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/kpis?organization_id=abc"), "organization_id:invalid"));
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/kpis/export?format=pdf"), "format:invalid"));
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/kpis/records?per=1000"), "per:out_of_range"));
}

TEST_F(Outcomes, ExportsOpenInLibreOfficeWithTheSameFigures) {
  long long project = FundProject(server_, admin_, org_admin_, "export").project_id;
  long long h = Household("310101002", "dibao");
  long long p = Person(h, "李桂英", "31010119500101002", "head");
  long long c = Case(h, p, project);
  Record(c, "2026-10-10", 90, {p});
  Record(c, "2026-10-11", 45, {p});

  auto csv = admin_.Get("/api/v1/kpis/export?dimension=district&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("区,代码,服务次数,服务时长（小时）,服务人次"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("黄浦区,310101,2,2.25,2,1,1,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.headers["content-disposition"].find("kpis-district.csv"), std::string::npos);

  auto xlsx = admin_.Get("/api/v1/kpis/export?dimension=district&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto dir = std::filesystem::path(server_.data_dir()) / "export-check";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "kpis.xlsx", std::ios::binary) << xlsx.body;
  }
  // LibreOffice headless converts it to CSV (UTF-8: filter option 76) with the same figures.
  CommandOutput("cd '" + dir.string() + "' && HOME='" + dir.string() +
                "' libreoffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' kpis.xlsx >/dev/null 2>&1");
  std::ifstream in(dir / "kpis.csv");
  std::string converted((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(converted.find("服务次数"), std::string::npos) << converted;
  EXPECT_NE(converted.find("黄浦区,310101,2,2.25,2,1,1,"), std::string::npos) << converted;

  // Suppression applies to exports exactly as on screen; exports are audited.
  auto gov_csv = gov_.Get("/api/v1/kpis/export?dimension=district&format=csv");
  ASSERT_EQ(gov_csv.status, 200);
  EXPECT_NE(gov_csv.body.find("黄浦区,310101,2,2.25,<5,<5,<5,"), std::string::npos) << gov_csv.body;
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'kpi.export'"), 3);
}

TEST_F(Outcomes, SurveyTokensAnswerOnceExpireAndShowOnlyInAggregates) {
  long long project = FundProject(server_, admin_, org_admin_, "survey").project_id;
  long long h = Household("310101002", "dibao");
  long long p = Person(h, "李桂英", "31010119500101002", "head");
  long long c = Case(h, p, project);
  std::string path = "/api/v1/cases/" + S(c) + "/survey-invitations";

  auto created = worker_.Post(path, {{"count", 4}, {"expires_in_days", 7}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto invitations = created.Json()["data"];
  ASSERT_EQ(invitations.size(), 4u);
  std::string token = invitations[0]["token"];
  EXPECT_EQ(token.size(), 24u);
  EXPECT_EQ(invitations[0]["url"], "/s/" + token);
  // The database keeps only hashes.
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM survey_invitations WHERE token_hash = '" + token + "'"), 0);

  // The public page: the items and the organization, nothing about the household.
  Client anonymous(server_);
  auto page = anonymous.Get("/api/v1/public/surveys/" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json()["organization_name"], "甲社工机构");
  EXPECT_EQ(page.Json()["template"]["items"].size(), 5u);
  EXPECT_EQ(page.body.find("李桂英"), std::string::npos);
  EXPECT_EQ(page.body.find("case"), std::string::npos);
  auto png = anonymous.Get("/api/v1/public/surveys/" + token + "/qr.png");
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  EXPECT_EQ(png.headers["content-type"], "image/png");
  auto svg = anonymous.Get("/api/v1/public/surveys/" + token + "/qr.svg");
  ASSERT_EQ(svg.status, 200);
  EXPECT_NE(svg.body.find("<svg"), std::string::npos);

  // Bad answers are named; nothing is stored.
  auto bad = anonymous.Post("/api/v1/public/surveys/" + token, {{"answers", {{"attitude", 9}, {"colour", 3}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(HasField(bad, "answers.attitude:out_of_range")) << bad.body;
  EXPECT_TRUE(HasField(bad, "answers.colour:unknown")) << bad.body;
  EXPECT_TRUE(HasField(bad, "answers.overall:required")) << bad.body;
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM survey_responses"), 0);

  // One response per token: a second one is 409.
  ASSERT_EQ(Answer(token, 5).status, 201);
  EXPECT_EQ(Answer(token, 1).status, 409);
  EXPECT_EQ(anonymous.Get("/api/v1/public/surveys/" + token).status, 409);
  // Expired (moved into the past with SQL, as time would) and cancelled tokens are 410.
  std::string expiring = invitations[1]["token"];
  ASSERT_EQ(server_.ExecSql("UPDATE survey_invitations SET expires_at = '2026-01-01T00:00:00Z' WHERE id = " +
                            S(invitations[1]["id"].get<long long>())),
            0);
  EXPECT_EQ(Answer(expiring, 5).status, 410);
  auto late = worker_.Post("/api/v1/survey-invitations/" + S(invitations[1]["id"].get<long long>()) + "/phone-response",
                           {{"answers", {{"overall", 4}}}, {"called_on", "2026-10-01"}});
  EXPECT_EQ(late.status, 410) << late.body;
  EXPECT_EQ(late.ErrorCode(), "expired");
  EXPECT_EQ(worker_.Post("/api/v1/survey-invitations/999999/phone-response",
                         {{"answers", {{"overall", 4}}}, {"called_on", "2026-10-01"}})
                .status,
            404);
  EXPECT_EQ(anonymous.Get("/api/v1/public/surveys/" + expiring).status, 410);
  long long cancelled = invitations[2]["id"];
  EXPECT_EQ(worker_b_.Post("/api/v1/survey-invitations/" + S(cancelled) + "/cancel", nlohmann::json::object()).status, 403);
  ASSERT_EQ(worker_.Post("/api/v1/survey-invitations/" + S(cancelled) + "/cancel", nlohmann::json::object()).status, 200);
  EXPECT_EQ(worker_.Post("/api/v1/survey-invitations/" + S(cancelled) + "/cancel", nlohmann::json::object()).status, 409);
  EXPECT_EQ(Answer(invitations[2]["token"], 5).status, 410);
  EXPECT_EQ(anonymous.Get("/api/v1/public/surveys/unknown-token-000000000").status, 404);
  EXPECT_EQ(worker_.Post("/api/v1/survey-invitations/999999/cancel", nlohmann::json::object()).status, 404);

  // 回访: the social worker enters an answer taken by phone, marked as such.
  long long by_phone = invitations[3]["id"];
  std::string phone_path = "/api/v1/survey-invitations/" + S(by_phone) + "/phone-response";
  auto future = worker_.Post(phone_path, {{"answers", {{"overall", 4}}}, {"called_on", "2999-01-01"}});
  EXPECT_TRUE(HasField(future, "called_on:in_future")) << future.body;
  EXPECT_EQ(worker_b_.Post(phone_path, {{"answers", {{"overall", 4}}}, {"called_on", "2026-10-01"}}).status, 403);
  auto phone = worker_.Post(phone_path, {{"answers", {{"overall", 2}, {"attitude", 4}}}, {"comment", "希望多来几次"},
                                         {"called_on", "2026-10-01"}});
  ASSERT_EQ(phone.status, 201) << phone.body;
  EXPECT_EQ(phone.Json()["channel"], "phone");
  EXPECT_EQ(worker_.Post(phone_path, {{"answers", {{"overall", 4}}}, {"called_on", "2026-10-01"}}).status, 409);

  // Staff see statuses, never tokens or answers.
  auto list = worker_.Get(path);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(token), std::string::npos);
  EXPECT_EQ(list.body.find("overall"), std::string::npos);
  std::map<std::string, int> statuses;
  const nlohmann::json listed = list.Json();
  for (const auto& i : listed["data"]) {
    ++statuses[i["status"].get<std::string>()];
  }
  EXPECT_EQ(statuses["answered"], 2);
  EXPECT_EQ(statuses["expired"], 1);
  EXPECT_EQ(statuses["cancelled"], 1);
  EXPECT_EQ(worker_b_.Get(path).status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/cases/999999/survey-invitations").status, 404);

  // Results: aggregates only — counts per item and unlinked comments.
  auto results = org_admin_.Get("/api/v1/survey-results?project_id=" + S(project));
  ASSERT_EQ(results.status, 200) << results.body;
  auto r = results.Json();
  EXPECT_EQ(r["responses"], 2);
  EXPECT_EQ(r["satisfied"], 1);
  EXPECT_EQ(r["satisfaction_rate"], 50.0);
  EXPECT_EQ(r["by_channel"]["phone"], 1);
  EXPECT_EQ(r["comments"][0]["text"], "希望多来几次");
  EXPECT_EQ(results.body.find("case"), std::string::npos);
  EXPECT_EQ(r["items"].back()["code"], "overall");
  EXPECT_EQ(r["items"].back()["counts"]["2"], 1);
  EXPECT_EQ(worker_b_.Get("/api/v1/survey-results?project_id=" + S(project)).status, 403);
  EXPECT_EQ(admin_.Get("/api/v1/survey-results?project_id=999999").status, 404);
  EXPECT_TRUE(HasField(admin_.Get("/api/v1/survey-results?project_id=" + S(project) + "&organization_id=" + S(org_a_)),
                       "project_id:only_one_filter"));
  EXPECT_EQ(gov_.Get("/api/v1/survey-results").status, 403);
  EXPECT_EQ(Client(server_).Get("/api/v1/survey-results").status, 401);
  EXPECT_EQ(Figures(admin_.Get("/api/v1/kpis?project_id=" + S(project)))["responses"], 2);

  // Invitation refusals: anonymous, other organization, unknown case, bad fields.
  EXPECT_EQ(anonymous.Post(path, nlohmann::json::object()).status, 401);
  EXPECT_EQ(worker_b_.Post(path, nlohmann::json::object()).status, 403);
  EXPECT_EQ(worker_.Post("/api/v1/cases/999999/survey-invitations", nlohmann::json::object()).status, 404);
  auto invalid = worker_.Post(path, {{"count", 500}, {"expires_in_days", 0}, {"template_id", 99}, {"service_record_id", 99999}});
  EXPECT_EQ(invalid.status, 422);
  for (const char* f : {"count:out_of_range", "expires_in_days:out_of_range", "template_id:not_found",
                        "service_record_id:not_found"}) {
    EXPECT_TRUE(HasField(invalid, f)) << f << " " << invalid.body;
  }

  // Templates: the foundation adds them; "overall" is required.
  auto templates = worker_.Get("/api/v1/survey-templates");
  ASSERT_EQ(templates.status, 200);
  EXPECT_EQ(templates.Json()["data"][0]["items"][4]["code"], "overall");
  nlohmann::json items = {{{"code", "overall"}, {"label_zh", "总体满意度"}, {"label_en", "Overall"}},
                          {{"code", "venue"}, {"label_zh", "活动场地"}, {"label_en", "Venue"}}};
  EXPECT_EQ(worker_.Post("/api/v1/survey-templates", {{"name", "活动"}, {"items", items}}).status, 403);
  auto missing = admin_.Post("/api/v1/survey-templates", {{"name", "活动"}, {"items", {items[1]}}});
  EXPECT_TRUE(HasField(missing, "items:overall_missing")) << missing.body;
  auto tpl = admin_.Post("/api/v1/survey-templates", {{"name", "团体活动满意度"}, {"items", items}});
  ASSERT_EQ(tpl.status, 201) << tpl.body;
  auto group = worker_.Post(path, {{"template_id", tpl.Json()["id"]}});
  ASSERT_EQ(group.status, 201) << group.body;
  EXPECT_EQ(anonymous.Get("/api/v1/public/surveys/" + group.Json()["data"][0]["token"].get<std::string>())
                .Json()["template"]["items"][1]["code"],
            "venue");
}

}  // namespace bangyi::testing

namespace bangyi::testing {

// The demo's rollups (counted while seeding) are what a rebuild from the records gives, and agree
// with GROUP BY over the raw tables.
TEST(OutcomesDemo, RebuildReproducesTheDemoRollupsAndRawCountsAgree) {
  TestServer server(std::map<std::string, std::string>{}, /*create_admin=*/false);
  std::string out;
  ASSERT_EQ(server.RunCli({"seed-demo", "--quiet"}, &out), 0) << out;
  long long cells = server.CountRows("SELECT COUNT(*) FROM kpi_cells");
  ASSERT_GT(cells, 1000);
  ASSERT_EQ(server.RunCli({"rebuild-rollups"}, &out), 0) << out;
  EXPECT_NE(out.find(": " + std::to_string(cells) + " cells, 0 differed"), std::string::npos) << out;

  std::ifstream credentials(server.data_dir() + "/demo-credentials.txt");
  std::map<std::string, std::string> passwords;
  for (std::string role, user, password; credentials >> role >> user >> password;) {
    passwords[user] = password;
  }
  Client admin(server);
  ASSERT_EQ(admin.Login("admin", passwords["admin"]).status, 200);
  auto f = Figures(admin.Get("/api/v1/kpis"));
  EXPECT_EQ(f["services"], server.CountRows("SELECT COUNT(*) FROM service_records"));
  EXPECT_EQ(f["person_times"], server.CountRows("SELECT COUNT(*) FROM service_record_participants"));
  EXPECT_EQ(f["persons"], server.CountRows("SELECT COUNT(DISTINCT person_id) FROM service_record_participants"));
  EXPECT_EQ(f["households"], server.CountRows("SELECT COUNT(DISTINCT pe.household_id) FROM service_record_participants sp"
                                              " JOIN persons pe ON pe.id = sp.person_id"));
  EXPECT_EQ(f["responses"], server.CountRows("SELECT COUNT(*) FROM survey_responses"));
  EXPECT_EQ(f["cases_opened"], server.CountRows("SELECT COUNT(*) FROM cases"));
  // By district: the raw GROUP BY of each district's records.
  auto districts = admin.Get("/api/v1/kpis?dimension=district").Json()["rows"];
  ASSERT_EQ(districts.size(), 16u);
  for (const auto& d : districts) {
    std::string code = d["key"];
    EXPECT_EQ(d["figures"]["services"],
              server.CountRows("SELECT COUNT(*) FROM service_records r JOIN cases c ON c.id = r.case_id"
                               " JOIN households h ON h.id = c.household_id WHERE h.district_code = '" + code + "'"))
        << code;
    EXPECT_EQ(d["figures"]["persons"],
              server.CountRows("SELECT COUNT(DISTINCT sp.person_id) FROM service_record_participants sp"
                               " JOIN persons pe ON pe.id = sp.person_id JOIN households h ON h.id = pe.household_id"
                               " WHERE h.district_code = '" + code + "'"))
        << code;
  }
  // The platform's satisfaction is about the article's 97%.
  double rate = f["satisfaction_rate"].get<double>();
  EXPECT_GT(rate, 94.0);
  EXPECT_LT(rate, 99.5);
}

}  // namespace bangyi::testing
