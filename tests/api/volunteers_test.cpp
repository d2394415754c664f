// Volunteers, four-in-one teams and pairing through the HTTP API (docs/volunteers.md): public
// sign-up and approval, encrypted profiles, safeguarding before a minor's household, what a team
// volunteer may see, visits that count only once confirmed — exactly once in the case's service
// records and the project's indicators — and certificates as PDF with a public check.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "api/api_client.hpp"
#include "api/funding_flow.hpp"
#include "core/validation.hpp"

namespace bangyi::testing {

namespace {

std::string S(long long v) { return std::to_string(v); }

std::string IdNumber(const std::string& first17) { return first17 + core::ResidentIdCheckChar(first17); }

bool HasField(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

nlohmann::json VolunteerBody(const std::string& name, const std::string& first17, const std::string& gender) {
  return {{"name", name},
          {"gender", gender},
          {"birth_date", first17.substr(6, 4) + "-" + first17.substr(10, 2) + "-" + first17.substr(12, 2)},
          {"id_number", IdNumber(first17)},
          {"phone", "13912345678"},
          {"district_code", "310101"},
          {"street_code", "310101002"},
          {"skills", {"tutoring_math", "companionship"}},
          {"languages", {"mandarin", "shanghainese"}},
          {"availability", {"sat_am", "sat_pm", "wed_eve"}},
          {"works_with_minors", true},
          {"motivation", "想帮助社区里的孩子"}};
}

class Volunteers : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
    CreateUser(admin_, "orgadmin.b", "org_admin", org_b_);
    worker_id_ = CreateUser(admin_, "worker.a", "social_worker", org_a_);
    supervisor_id_ = CreateUser(admin_, "supervisor.a", "supervisor", org_a_);
    CreateUser(admin_, "worker.a2", "social_worker", org_a_);
    CreateUser(admin_, "worker.b", "social_worker", org_b_);
    org_admin_ = LoginNewUser(server_, "orgadmin.a");
    org_b_admin_ = LoginNewUser(server_, "orgadmin.b");
    worker_ = LoginNewUser(server_, "worker.a");
    worker2_ = LoginNewUser(server_, "worker.a2");
    supervisor_ = LoginNewUser(server_, "supervisor.a");
    worker_b_ = LoginNewUser(server_, "worker.b");
  }

  // A grandmother and her grandson (a minor); returns {household, grandmother, grandson}.
  std::tuple<long long, long long, long long> Household(int n = 0) {
    auto h = worker_.Post("/api/v1/households", {{"district_code", "310101"},
                                                 {"street_code", "310101002"},
                                                 {"community", "南京东路居委"},
                                                 {"address_detail", "南京东路1号"},
                                                 {"categories", {{{"category", "dibao"}, {"valid_from", "2025-01-01"}}}}});
    EXPECT_EQ(h.status, 201) << h.body;
    long long hid = h.Json()["id"].get<long long>();
    std::vector<long long> ids;
    for (const auto& [name, first17, relation] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"李桂英", "3101011950010" + std::to_string(1000 + n * 10 + 2).substr(0, 4), "head"},
             {"李小宝", "3101012015060" + std::to_string(1000 + n * 10 + 1).substr(0, 4), "grandchild"}}) {
      auto person = worker_.Post("/api/v1/households/" + S(hid) + "/persons",
                                 {{"relation", relation},
                                  {"name", name},
                                  {"gender", (first17[16] - '0') % 2 == 1 ? "male" : "female"},
                                  {"birth_date", first17.substr(6, 4) + "-" + first17.substr(10, 2) + "-" +
                                                     first17.substr(12, 2)},
                                  {"id_number", IdNumber(first17)},
                                  {"conditions", {{"illness", "糖尿病"}}}});
      EXPECT_EQ(person.status, 201) << person.body;
      ids.push_back(person.Json()["id"].get<long long>());
    }
    return {hid, ids[0], ids[1]};
  }

  // A case of the household in service (assessment with low education, approved plan).
  long long CaseInService(long long household, long long person, std::optional<long long> project = std::nullopt) {
    nlohmann::json body = {{"household_id", household},      {"primary_person_id", person},
                           {"referral_source", "self"},       {"presenting_problem", "孙子学业困难"},
                           {"urgency", "normal"},             {"social_worker_id", worker_id_},
                           {"supervisor_id", supervisor_id_}, {"consent_given_on", "2026-09-01"}};
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
      scores.push_back({{"domain", d}, {"score", std::string(d) == "education" ? 1 : 4}, {"evidence", "家访"}});
    }
    EXPECT_EQ(worker_.Post(path + "/assessments", {{"kind", "initial"}, {"assessed_on", "2026-09-02"},
                                                    {"risk_level", "low"}, {"scores", scores}})
                  .status,
              201);
    EXPECT_EQ(worker_.Post(path + "/transitions", {{"to", "planning"}}).status, 200);
    EXPECT_EQ(worker_.Put(path + "/plan", {{"goals", {{{"title", "学业提升"}, {"indicator", "成绩"}, {"target_date", "2027-06-01"}}}},
                                           {"interventions", {{{"description", "志愿者每周陪伴"}, {"goal_index", 0}}}},
                                           {"resources", nlohmann::json::array()}})
                  .status,
              200);
    EXPECT_EQ(worker_.Post(path + "/plan/submit", nlohmann::json::object()).status, 200);
    auto approved = supervisor_.Post(path + "/plan/decision", {{"decision", "approve"}});
    EXPECT_EQ(approved.Json()["state"], "in_service") << approved.body;
    return id;
  }

  // An active volunteer of org A with an account `username` (created by the org admin).
  long long CreateVolunteer(const std::string& name, const std::string& first17, const std::string& username) {
    auto body = VolunteerBody(name, first17, (first17[16] - '0') % 2 == 1 ? "male" : "female");
    body["username"] = username;
    body["password"] = username + "-Password-1";
    auto res = org_admin_.Post("/api/v1/volunteers", body);
    EXPECT_EQ(res.status, 201) << res.body;
    return res.Json()["id"].get<long long>();
  }

  void PassCheck(long long volunteer) {
    auto res = org_admin_.Put("/api/v1/volunteers/" + S(volunteer) + "/safeguarding",
                              {{"training_completed_on", "2026-05-01"}, {"background_check_status", "passed"},
                               {"background_check_on", "2026-06-01"}, {"agreement_signed_on", "2026-05-01"}});
    ASSERT_EQ(res.status, 200) << res.body;
    ASSERT_EQ(res.Json()["background_check"]["valid"], true);
  }

  // Proposes a pairing and has the volunteer accept it; returns the pairing id.
  long long ActivePairing(long long case_id, long long volunteer, Client& volunteer_client) {
    auto proposed = worker_.Post("/api/v1/cases/" + S(case_id) + "/pairings",
                                 {{"volunteer_id", volunteer}, {"purpose", "每周学业辅导与陪伴"}, {"cadence", "weekly"},
                                  {"started_on", "2026-10-01"}, {"planned_end_on", "2027-06-30"}});
    EXPECT_EQ(proposed.status, 201) << proposed.body;
    long long id = proposed.Json()["id"].get<long long>();
    EXPECT_EQ(proposed.Json()["status"], "proposed");
    auto accepted = volunteer_client.Post("/api/v1/pairings/" + S(id) + "/accept", nlohmann::json::object());
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.Json()["status"], "active");
    return id;
  }

  Client Login(const std::string& username) {
    Client c(server_);
    EXPECT_EQ(c.Login(username, username + "-Password-1").status, 200);
    return c;
  }

  // At most one open pairing per volunteer, so the capacity refusal is reachable.
  TestServer server_{{{"BANGYI_VOLUNTEERS_MAX_ACTIVE_PAIRINGS", "1"}}};
  Client admin_{server_};
  long long org_a_ = 0, org_b_ = 0, worker_id_ = 0, supervisor_id_ = 0;
  Client org_admin_{server_}, org_b_admin_{server_}, worker_{server_}, worker2_{server_}, supervisor_{server_},
      worker_b_{server_};
};

}  // namespace

TEST_F(Volunteers, SignUpIsApprovedByTheChosenOrganizationWhichCreatesTheAccount) {
  Client anonymous(server_);
  auto orgs = anonymous.Get("/api/v1/public/volunteer-organizations?district=310101");
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  ASSERT_EQ(orgs.Json()["data"].size(), 1u);
  EXPECT_EQ(orgs.Json()["data"][0]["id"], org_a_);
  EXPECT_EQ(anonymous.Get("/api/v1/public/volunteer-organizations?district=999999").status, 422);
  auto divisions = anonymous.Get("/api/v1/public/divisions");
  ASSERT_EQ(divisions.status, 200);
  EXPECT_EQ(divisions.Json()["data"].size(), 16u);  // Shanghai's districts, each with its streets

  // Bad input names each field; nothing is stored.
  auto body = VolunteerBody("周晓敏", "31010119990304002", "female");
  body["organization_ids"] = {org_a_};
  body["username"] = "xiaomin.zhou";
  body["password"] = "Volunteer-Password-1";
  auto bad = body;
  bad["id_number"] = "310101199903040020";  // wrong check character
  bad["street_code"] = "310104003";         // not in 310101
  bad["skills"] = {"juggling"};
  bad["birth_date"] = "2015-01-01";
  bad["organization_ids"] = {999999};
  auto refused = anonymous.Post("/api/v1/public/volunteer-signups", bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  for (const char* f : {"id_number:checksum", "street_code:not_in_district", "skills:invalid", "birth_date:too_young"}) {
    EXPECT_TRUE(HasField(refused, f)) << f << " " << refused.body;
  }
  auto unknown_org = body;
  unknown_org["organization_ids"] = {999999};
  EXPECT_TRUE(HasField(anonymous.Post("/api/v1/public/volunteer-signups", unknown_org), "organization_ids[0]:unknown"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM volunteers"), 0);

  auto signed_up = anonymous.Post("/api/v1/public/volunteer-signups", body);
  ASSERT_EQ(signed_up.status, 201) << signed_up.body;
  long long id = signed_up.Json()["id"].get<long long>();
  EXPECT_EQ(signed_up.Json()["status"], "applicant");
  auto again = body;
  again["username"] = "someone.else";
  auto twice = anonymous.Post("/api/v1/public/volunteer-signups", again);
  EXPECT_EQ(twice.status, 409);
  EXPECT_TRUE(HasField(twice, "id_number:duplicate")) << twice.body;
  auto taken = VolunteerBody("吴强", "31010119880808001", "male");
  taken["organization_ids"] = {org_a_};
  taken["username"] = "xiaomin.zhou";
  taken["password"] = "Volunteer-Password-1";
  EXPECT_TRUE(HasField(anonymous.Post("/api/v1/public/volunteer-signups", taken), "username:duplicate"));

  // Encrypted at rest: the clear ID number and phone are nowhere in the row.
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM volunteers WHERE id_number_enc LIKE '%310101199903040%'"
                              " OR phone_enc LIKE '%13912345678%' OR id_number_masked = '" +
                              IdNumber("31010119990304002") + "'"),
            0);

  // The chosen organization sees the applicant, masked; another organization does not.
  auto pending = org_admin_.Get("/api/v1/volunteers?membership=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_EQ(pending.Json()["data"].size(), 1u);
  EXPECT_EQ(pending.Json()["data"][0]["membership_status"], "pending");
  auto profile = worker_.Get("/api/v1/volunteers/" + S(id));
  ASSERT_EQ(profile.status, 200) << profile.body;
  EXPECT_EQ(profile.Json()["id_number_masked"], "310***********" + IdNumber("31010119990304002").substr(14));
  EXPECT_EQ(profile.Json()["phone_masked"], "139****5678");
  EXPECT_FALSE(profile.Json().contains("id_number"));
  EXPECT_EQ(org_b_admin_.Get("/api/v1/volunteers/" + S(id)).status, 403);
  EXPECT_EQ(org_b_admin_.Get("/api/v1/volunteers").Json()["data"].size(), 0u);
  EXPECT_EQ(anonymous.Get("/api/v1/volunteers").status, 401);
  EXPECT_EQ(org_admin_.Get("/api/v1/volunteers/999999").status, 404);
  EXPECT_EQ(org_admin_.Get("/api/v1/volunteers?status=sleeping").status, 422);

  // Before approval there is no account.
  Client volunteer(server_);
  EXPECT_EQ(volunteer.Login("xiaomin.zhou", "Volunteer-Password-1").status, 401);
  EXPECT_EQ(worker_.Post("/api/v1/volunteers/" + S(id) + "/approve", nlohmann::json::object()).status, 403);
  EXPECT_EQ(org_b_admin_.Post("/api/v1/volunteers/" + S(id) + "/approve", nlohmann::json::object()).status, 403);
  auto approved = org_admin_.Post("/api/v1/volunteers/" + S(id) + "/approve", nlohmann::json::object());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["status"], "active");
  EXPECT_EQ(approved.Json()["membership_status"], "approved");
  EXPECT_EQ(approved.Json()["has_account"], true);
  EXPECT_EQ(org_admin_.Post("/api/v1/volunteers/" + S(id) + "/approve", nlohmann::json::object()).ErrorCode(),
            "not_pending");
  EXPECT_EQ(org_admin_.Post("/api/v1/volunteers/" + S(id) + "/reject", {{"reason", "重复"}}).status, 409);

  // The volunteer logs in with the password chosen at sign-up and sees their own profile.
  ASSERT_EQ(volunteer.Login("xiaomin.zhou", "Volunteer-Password-1").status, 200);
  auto me = volunteer.Get("/api/v1/me/volunteer");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["volunteer"]["id"], id);
  EXPECT_EQ(me.Json()["hours"]["confirmed_minutes"], 0);
  EXPECT_EQ(volunteer.Get("/api/v1/volunteers").status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/me/volunteer").status, 403);
  // The volunteer reads their own record but cannot vouch for themselves.
  EXPECT_EQ(volunteer.Get("/api/v1/volunteers/" + S(id)).status, 200);
  EXPECT_EQ(volunteer.Put("/api/v1/volunteers/" + S(id) + "/safeguarding",
                          {{"background_check_status", "passed"}, {"background_check_on", "2026-11-01"}})
                .status,
            403);
  EXPECT_EQ(volunteer.Post("/api/v1/volunteers/" + S(id) + "/status", {{"status", "paused"}, {"reason", "自己"}}).status,
            403);
  EXPECT_EQ(volunteer.Put("/api/v1/volunteers/" + S(id), {{"version", 1}, {"name", "周大敏"}}).status, 403);
  EXPECT_TRUE(HasField(org_admin_.Put("/api/v1/volunteers/" + S(id) + "/safeguarding",
                                      {{"background_check_status", "passed"}, {"background_check_on", ""}}),
                       "background_check_on:required"));

  // An organization that rejected an applicant keeps the record of its decision, nothing more.
  auto other = VolunteerBody("吴强", "31010119880808001", "male");
  other["organization_ids"] = {org_b_};
  other["username"] = "qiang.wu";
  other["password"] = "Volunteer-Password-1";
  auto other_id = anonymous.Post("/api/v1/public/volunteer-signups", other).Json()["id"].get<long long>();
  EXPECT_TRUE(HasField(org_b_admin_.Post("/api/v1/volunteers/" + S(other_id) + "/reject", nlohmann::json::object()),
                       "reason:required"));
  ASSERT_EQ(org_b_admin_.Post("/api/v1/volunteers/" + S(other_id) + "/reject", {{"reason", "服务区域不符"}}).status, 200);
  EXPECT_EQ(org_b_admin_.Get("/api/v1/volunteers/" + S(other_id)).Json()["membership_status"], "rejected");
  EXPECT_EQ(org_b_admin_.Post("/api/v1/volunteers/" + S(other_id) + "/reveal", {{"reason", "核对身份"}}).status, 403);
  EXPECT_EQ(org_b_admin_.Put("/api/v1/volunteers/" + S(other_id) + "/safeguarding", {{"background_check_status", "none"}})
                .status,
            403);
  EXPECT_EQ(org_b_admin_.Post("/api/v1/volunteers/" + S(other_id) + "/approve", nlohmann::json::object()).status, 403);
  Client rejected(server_);
  EXPECT_EQ(rejected.Login("qiang.wu", "Volunteer-Password-1").status, 401);

  // Reveal: with a reason, by the organization's administrator, audited without the values.
  EXPECT_EQ(worker_.Post("/api/v1/volunteers/" + S(id) + "/reveal", {{"reason", "核对身份"}}).status, 403);
  EXPECT_TRUE(HasField(org_admin_.Post("/api/v1/volunteers/" + S(id) + "/reveal", nlohmann::json::object()),
                       "reason:required"));
  auto revealed = org_admin_.Post("/api/v1/volunteers/" + S(id) + "/reveal", {{"reason", "签署志愿服务协议核对身份"}});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_number"], IdNumber("31010119990304002"));
  EXPECT_EQ(revealed.Json()["phone"], "13912345678");
  auto audit = admin_.Get("/api/v1/audit-events?action=volunteer.reveal");
  ASSERT_EQ(audit.Json()["data"].size(), 1u) << audit.body;
  EXPECT_EQ(audit.body.find("13912345678"), std::string::npos);

  // Profile edits: versioned, identity fixed.
  long long version = approved.Json()["version"].get<long long>();
  auto edited = org_admin_.Put("/api/v1/volunteers/" + S(id),
                               {{"version", version}, {"skills", {"tutoring_english"}}, {"phone", "13800001111"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json()["skills"], nlohmann::json({"tutoring_english"}));
  EXPECT_EQ(edited.Json()["phone_masked"], "138****1111");
  EXPECT_EQ(org_admin_.Put("/api/v1/volunteers/" + S(id), {{"version", version}, {"name", "周敏"}}).status, 409);
  EXPECT_TRUE(HasField(org_admin_.Put("/api/v1/volunteers/" + S(id),
                                      {{"version", version + 1}, {"id_number", IdNumber("31010119990304002")}}),
                       "id_number:read_only"));
  auto status = org_admin_.Post("/api/v1/volunteers/" + S(id) + "/status", {{"status", "paused"}, {"reason", "出国学习"}});
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.Json()["status"], "paused");
  EXPECT_EQ(org_admin_.Post("/api/v1/volunteers/" + S(id) + "/status", {{"status", "paused"}, {"reason", "再次"}}).status,
            409);
}

TEST_F(Volunteers, PairingWithAMinorsHouseholdNeedsABackgroundCheckAndVolunteersSeeOnlyWhatIsGranted) {
  auto [household, grandmother, grandson] = Household();
  long long case_id = CaseInService(household, grandmother);
  long long volunteer = CreateVolunteer("周晓敏", "31010119990304002", "xiaomin.zhou");
  Client me = Login("xiaomin.zhou");

  // No valid background check: left out of the suggestions, and refused naming the check.
  auto suggestions = worker_.Get("/api/v1/cases/" + S(case_id) + "/pairing-suggestions");
  ASSERT_EQ(suggestions.status, 200) << suggestions.body;
  EXPECT_EQ(suggestions.Json()["data"].size(), 0u);
  EXPECT_EQ(suggestions.Json()["excluded"]["background_check"], 1);
  EXPECT_EQ(suggestions.Json()["needs"]["has_minor"], true);
  nlohmann::json pairing = {{"volunteer_id", volunteer}, {"purpose", "每周学业辅导"}, {"cadence", "weekly"},
                            {"started_on", "2026-10-01"}};
  auto refused = worker_.Post("/api/v1/cases/" + S(case_id) + "/pairings", pairing);
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "background_check_missing");
  EXPECT_TRUE(HasField(refused, "volunteer_id:background_check_missing"));
  // A check older than 36 months does not count either.
  ASSERT_EQ(org_admin_.Put("/api/v1/volunteers/" + S(volunteer) + "/safeguarding",
                           {{"background_check_status", "passed"}, {"background_check_on", "2023-01-01"}})
                .Json()["background_check"]["valid"],
            false);
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(case_id) + "/pairings", pairing).status, 409);
  EXPECT_TRUE(HasField(org_admin_.Put("/api/v1/volunteers/" + S(volunteer) + "/safeguarding",
                                      {{"background_check_status", "passed"}}),
                       "background_check_on:required"));
  PassCheck(volunteer);

  // Now suggested, with the score explained part by part.
  suggestions = worker_.Get("/api/v1/cases/" + S(case_id) + "/pairing-suggestions?slots=sat_am,sun_am");
  ASSERT_EQ(suggestions.Json()["data"].size(), 1u) << suggestions.body;
  auto best = suggestions.Json()["data"][0];
  EXPECT_EQ(best["volunteer_id"], volunteer);
  std::map<std::string, nlohmann::json> parts;
  int sum = 0;
  for (const auto& part : best["parts"]) {
    parts[part["factor"].get<std::string>()] = part;
    sum += part["points"].get<int>();
  }
  EXPECT_EQ(best["score"], sum);
  EXPECT_EQ(parts["distance"]["reason"], "same_street");
  EXPECT_EQ(parts["distance"]["points"], 30);
  EXPECT_EQ(parts["skills"]["matched"], nlohmann::json({"tutoring_math", "companionship"}));
  EXPECT_EQ(parts["availability"]["matched"], nlohmann::json({"sat_am"}));
  EXPECT_EQ(parts["safeguarding"]["points"], 10);
  EXPECT_EQ(worker_.Get("/api/v1/cases/" + S(case_id) + "/pairing-suggestions?slots=moon_am").status, 422);
  EXPECT_EQ(worker_b_.Get("/api/v1/cases/" + S(case_id) + "/pairing-suggestions").status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/cases/999999/pairing-suggestions").status, 404);

  auto bad = pairing;
  bad["cadence"] = "hourly";
  bad["person_ids"] = {999999};
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/cases/" + S(case_id) + "/pairings", bad), "cadence:invalid"));
  bad["cadence"] = "weekly";
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/cases/" + S(case_id) + "/pairings", bad), "person_ids[0]:not_member"));
  EXPECT_EQ(me.Post("/api/v1/cases/" + S(case_id) + "/pairings", pairing).status, 403);
  long long id = ActivePairing(case_id, volunteer, me);
  EXPECT_EQ(me.Post("/api/v1/pairings/" + S(id) + "/accept", nlohmann::json::object()).ErrorCode(), "not_proposed");
  // The pairing's refusals: another organization, another volunteer, missing ones, bad input.
  std::string pairing_path = "/api/v1/pairings/" + S(id);
  EXPECT_EQ(worker_b_.Get(pairing_path).status, 403);
  EXPECT_EQ(worker_b_.Post(pairing_path + "/pause", {{"reason", "外机构"}}).status, 403);
  EXPECT_EQ(worker_.Get("/api/v1/pairings/999999").status, 404);
  EXPECT_EQ(worker_.Post("/api/v1/pairings/999999/end", {{"reason", "无"}}).status, 404);
  EXPECT_TRUE(HasField(worker_.Post(pairing_path + "/end", nlohmann::json::object()), "reason:required"));
  EXPECT_TRUE(HasField(me.Post(pairing_path + "/decline", nlohmann::json::object()), "reason:required"));
  long long stranger = CreateVolunteer("吴强", "31010119880808001", "qiang.wu");
  Client other = Login("qiang.wu");
  EXPECT_EQ(other.Post(pairing_path + "/accept", nlohmann::json::object()).status, 403);
  EXPECT_EQ(other.Get(pairing_path).status, 403);
  EXPECT_EQ(other.Post(pairing_path + "/visits", {{"visited_on", "2026-11-20"}, {"duration_minutes", 60},
                                                  {"activities", "陪伴"}})
                .status,
            403);
  EXPECT_EQ(other.Get("/api/v1/volunteers/" + S(volunteer) + "/hours").status, 403);
  EXPECT_EQ(me.Get("/api/v1/volunteers/" + S(stranger) + "/hours").status, 403);
  EXPECT_EQ(org_b_admin_.Get("/api/v1/volunteers/" + S(volunteer) + "/hours").status, 403);
  EXPECT_TRUE(HasField(org_admin_.Get("/api/v1/volunteer-hours?from=2026-12-01&to=2026-11-01"), "to:before_from"));
  EXPECT_EQ(me.Get(pairing_path).Json()["can"]["log"], true);
  EXPECT_FALSE(me.Get(pairing_path).Json().contains("case_number"));  // the family, not the file

  // Already paired with this family: not suggested again.
  auto again = worker_.Get("/api/v1/cases/" + S(case_id) + "/pairing-suggestions").Json();
  EXPECT_EQ(again["data"].size(), 0u);
  EXPECT_EQ(again["excluded"]["already_paired"], 1);
  EXPECT_EQ(again["excluded"]["at_capacity"], 0);
  // The volunteer picks a service type for a visit from the catalogue.
  EXPECT_EQ(me.Get("/api/v1/service-types").status, 200);

  // The cap on open pairings (1 here) keeps another case from getting this volunteer.
  auto [household2, head2, child2] = Household(1);
  (void)child2;
  long long other_case = CaseInService(household2, head2);
  auto capped = worker_.Post("/api/v1/cases/" + S(other_case) + "/pairings", pairing);
  EXPECT_EQ(capped.ErrorCode(), "at_capacity") << capped.body;
  EXPECT_EQ(worker_.Get("/api/v1/cases/" + S(other_case) + "/pairing-suggestions").Json()["excluded"]["at_capacity"], 1);

  // What the volunteer sees: given names, street, needs; never ID numbers or health details.
  EXPECT_EQ(me.Get("/api/v1/cases/" + S(case_id)).status, 403);
  EXPECT_EQ(me.Get("/api/v1/persons/" + S(grandmother)).status, 403);
  EXPECT_EQ(me.Post("/api/v1/persons/" + S(grandmother) + "/reveal", {{"reason", "想知道"}}).status, 403);
  EXPECT_EQ(me.Get("/api/v1/households/" + S(household)).status, 403);
  auto view = me.Get("/api/v1/cases/" + S(case_id) + "/volunteer-view");
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.Json()["members"].size(), 1u);  // the pairing serves the primary person
  EXPECT_EQ(view.Json()["members"][0]["given_name"], "桂英");
  EXPECT_EQ(view.Json()["street_code"], "310101002");
  EXPECT_EQ(view.Json()["needs"], nlohmann::json({"education"}));
  EXPECT_EQ(view.body.find(IdNumber("31010119500101002")), std::string::npos);
  EXPECT_EQ(view.body.find("糖尿病"), std::string::npos);
  EXPECT_EQ(view.body.find("李桂英"), std::string::npos);
  EXPECT_EQ(me.Get("/api/v1/cases/" + S(other_case) + "/volunteer-view").status, 403);

  // The team: the lead, and the volunteer who joined with the pairing.
  auto team = worker_.Get("/api/v1/cases/" + S(case_id) + "/team");
  ASSERT_EQ(team.status, 200) << team.body;
  EXPECT_EQ(team.Json()["lead"]["user_id"], worker_id_);
  ASSERT_EQ(team.Json()["members"].size(), 1u);
  long long member = team.Json()["members"][0]["id"].get<long long>();
  EXPECT_EQ(team.Json()["members"][0]["volunteer_id"], volunteer);
  EXPECT_EQ(me.Get("/api/v1/cases/" + S(case_id) + "/team").status, 200);
  EXPECT_EQ(worker_b_.Get("/api/v1/cases/" + S(case_id) + "/team").status, 403);

  // Only the lead (or a supervisor) opens more, with a reason; audited.
  std::string grants = "/api/v1/cases/" + S(case_id) + "/team/" + S(member) + "/grants";
  EXPECT_EQ(worker2_.Put(grants, {{"grants", {"id_number"}}, {"reason", "办理助学金需要"}}).status, 403);
  EXPECT_TRUE(HasField(worker_.Put(grants, {{"grants", {"bank_card"}}, {"reason", "x"}}), "grants:invalid"));
  auto granted = worker_.Put(grants, {{"grants", {"id_number", "health"}}, {"reason", "协助办理助学金"}});
  ASSERT_EQ(granted.status, 200) << granted.body;
  view = me.Get("/api/v1/cases/" + S(case_id) + "/volunteer-view");
  EXPECT_EQ(view.Json()["granted"]["id_numbers"][0]["id_number"], IdNumber("31010119500101002"));
  EXPECT_EQ(view.Json()["granted"]["health"][0]["conditions"]["illness"], "糖尿病");
  EXPECT_FALSE(view.Json()["granted"].contains("income"));
  EXPECT_EQ(admin_.Get("/api/v1/audit-events?action=team.grant").Json()["data"].size(), 1u);
  EXPECT_EQ(admin_.Get("/api/v1/audit-events?action=case.volunteer_view").Json()["data"].size(), 1u);
  ASSERT_EQ(worker_.Put(grants, {{"grants", nlohmann::json::array()}, {"reason", "助学金已办结"}}).status, 200);
  EXPECT_EQ(me.Get("/api/v1/cases/" + S(case_id) + "/volunteer-view").body.find(IdNumber("31010119500101002")),
            std::string::npos);

  // Professionals join the team too.
  auto pro = worker_.Post("/api/v1/professionals", {{"name", "孙医生"}, {"profession", "doctor"},
                                                    {"qualification", "执业医师"}, {"phone", "13700001234"}});
  ASSERT_EQ(pro.status, 201) << pro.body;
  EXPECT_EQ(pro.Json()["phone_masked"], "137****1234");
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/professionals", {{"name", "x"}, {"profession", "wizard"}}), "profession:invalid"));
  auto added = worker_.Post("/api/v1/cases/" + S(case_id) + "/team",
                            {{"kind", "professional"}, {"professional_id", pro.Json()["id"]}, {"role", "家庭医生"},
                             {"started_on", "2026-10-01"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.Json()["name"], "孙医生");
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(case_id) + "/team",
                         {{"kind", "professional"}, {"professional_id", pro.Json()["id"]}, {"started_on", "2026-10-01"}})
                .status,
            409);
  EXPECT_EQ(worker_b_.Post("/api/v1/cases/" + S(case_id) + "/team",
                           {{"kind", "professional"}, {"professional_id", pro.Json()["id"]}, {"started_on", "2026-10-01"}})
                .status,
            403);
  std::string end = "/api/v1/cases/" + S(case_id) + "/team/" + S(added.Json()["id"].get<long long>()) + "/end";
  ASSERT_EQ(worker_.Post(end, {{"ended_on", "2026-11-01"}, {"reason", "疗程结束"}}).status, 200);
  EXPECT_EQ(worker_.Post(end, {{"ended_on", "2026-11-01"}, {"reason", "疗程结束"}}).status, 409);
  EXPECT_EQ(worker_.Post("/api/v1/cases/" + S(case_id) + "/team/999999/end", {{"ended_on", "2026-11-01"}, {"reason", "x"}}).status,
            404);

  // Ending the pairing takes the volunteer off the team.
  EXPECT_EQ(worker_.Post("/api/v1/pairings/" + S(id) + "/resume", nlohmann::json::object()).ErrorCode(),
            "invalid_transition");
  ASSERT_EQ(worker_.Post("/api/v1/pairings/" + S(id) + "/end", {{"reason", "家庭搬迁"}}).status, 200);
  EXPECT_EQ(me.Get("/api/v1/cases/" + S(case_id) + "/volunteer-view").status, 403);
}

TEST_F(Volunteers, VisitsCountOnlyOnceConfirmedExactlyOnceInTheCaseAndTheProjectIndicators) {
  FundedProject funded = FundProject(server_, admin_, org_admin_, "flow");
  ASSERT_GT(funded.project_id, 0);
  auto [household, grandmother, grandson] = Household();
  (void)grandson;
  long long case_id = CaseInService(household, grandmother, funded.project_id);
  long long volunteer = CreateVolunteer("周晓敏", "31010119990304002", "xiaomin.zhou");
  PassCheck(volunteer);
  Client me = Login("xiaomin.zhou");
  long long pairing = ActivePairing(case_id, volunteer, me);
  std::string indicators = "/api/v1/projects/" + S(funded.project_id) + "/indicators";
  std::string records = "/api/v1/cases/" + S(case_id) + "/service-records";
  auto before = org_admin_.Get(indicators).Json()["total"];
  long long records_before = worker_.Get(records).Json()["metadata"]["total"].get<long long>();

  // Logged, not confirmed: pending hours only, nothing in the case or the project.
  std::string visits = "/api/v1/pairings/" + S(pairing) + "/visits";
  nlohmann::json visit = {{"visited_on", "2026-11-20"}, {"duration_minutes", 90}, {"activities", "辅导数学作业，聊学校生活"},
                          {"service_type", "tutoring"}};
  auto future = visit;
  future["visited_on"] = "2099-01-01";
  EXPECT_TRUE(HasField(me.Post(visits, future), "visited_on:out_of_range"));
  auto early = visit;
  early["visited_on"] = "2026-09-30";
  EXPECT_TRUE(HasField(me.Post(visits, early), "visited_on:before_start"));
  auto too_long = visit;
  too_long["duration_minutes"] = 721;
  EXPECT_TRUE(HasField(me.Post(visits, too_long), "duration_minutes:out_of_range"));
  EXPECT_EQ(worker_.Post(visits, visit).status, 403);  // only the paired volunteer logs
  auto logged = me.Post(visits, visit);
  ASSERT_EQ(logged.status, 201) << logged.body;
  long long visit_id = logged.Json()["id"].get<long long>();
  EXPECT_EQ(logged.Json()["status"], "logged");
  auto hours = me.Get("/api/v1/volunteers/" + S(volunteer) + "/hours");
  ASSERT_EQ(hours.status, 200) << hours.body;
  EXPECT_EQ(hours.Json()["confirmed_minutes"], 0);
  EXPECT_EQ(hours.Json()["pending_minutes"], 90);
  EXPECT_EQ(worker_.Get(records).Json()["metadata"]["total"], records_before);
  EXPECT_EQ(org_admin_.Get(indicators).Json()["total"], before);

  // The social worker queries it; the volunteer corrects it; then it is confirmed once.
  auto queue = worker_.Get("/api/v1/visits?status=logged&mine=true");
  ASSERT_EQ(queue.Json()["data"].size(), 1u) << queue.body;
  EXPECT_TRUE(HasField(worker_.Post("/api/v1/visits/" + S(visit_id) + "/query", nlohmann::json::object()),
                       "comment:required"));
  ASSERT_EQ(worker_.Post("/api/v1/visits/" + S(visit_id) + "/query", {{"comment", "时长是否含路上时间？"}}).Json()["status"],
            "queried");
  EXPECT_EQ(worker_.Post("/api/v1/visits/" + S(visit_id) + "/confirm", nlohmann::json::object()).ErrorCode(), "not_pending");
  visit["duration_minutes"] = 75;
  auto with_concern = visit;
  with_concern["concerns"] = {{{"type", "safety"}, {"note", "楼道灯坏了，老人夜间摔倒风险"}}};
  auto corrected = me.Put("/api/v1/visits/" + S(visit_id), with_concern);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json()["status"], "logged");
  // A correction that adds a safety concern raises the alert too.
  EXPECT_EQ(worker_.Get("/api/v1/cases/" + S(case_id)).Json()["open_alerts"].size(), 1u);
  EXPECT_EQ(worker_b_.Post("/api/v1/visits/" + S(visit_id) + "/confirm", nlohmann::json::object()).status, 403);
  EXPECT_EQ(me.Post("/api/v1/visits/" + S(visit_id) + "/confirm", nlohmann::json::object()).status, 403);
  EXPECT_EQ(worker_.Post("/api/v1/visits/999999/confirm", nlohmann::json::object()).status, 404);
  auto confirmed = worker_.Post("/api/v1/visits/" + S(visit_id) + "/confirm", nlohmann::json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.Json()["status"], "confirmed");
  EXPECT_TRUE(confirmed.Json()["service_record_id"].is_number());
  auto twice = worker_.Post("/api/v1/visits/" + S(visit_id) + "/confirm", nlohmann::json::object());
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.ErrorCode(), "not_pending");
  EXPECT_EQ(me.Put("/api/v1/visits/" + S(visit_id), visit).ErrorCode(), "visit_confirmed");

  // Exactly once: one more service record of the case, one more service and 1.25 volunteer
  // hours in the project, 75 confirmed minutes for the volunteer.
  auto list = worker_.Get(records).Json();
  EXPECT_EQ(list["metadata"]["total"], records_before + 1);
  EXPECT_EQ(list["data"][0]["mode"], "home_visit");
  EXPECT_EQ(list["data"][0]["duration_minutes"], 75);
  auto after = org_admin_.Get(indicators).Json()["total"];
  EXPECT_EQ(after["services"], before["services"].get<int>() + 1);
  EXPECT_EQ(after["person_times"], before["person_times"].get<int>() + 1);
  EXPECT_DOUBLE_EQ(after["service_hours"].get<double>(), before["service_hours"].get<double>() + 1.25);
  EXPECT_DOUBLE_EQ(after["volunteer_hours"].get<double>(), before["volunteer_hours"].get<double>() + 1.25);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM service_records WHERE id = " +
                              S(confirmed.Json()["service_record_id"].get<long long>())),
            1);
  hours = me.Get("/api/v1/volunteers/" + S(volunteer) + "/hours");
  EXPECT_EQ(hours.Json()["confirmed_minutes"], 75);
  EXPECT_EQ(hours.Json()["pending_minutes"], 0);
  EXPECT_EQ(hours.Json()["by_project"][0]["project_id"], funded.project_id);
  EXPECT_EQ(hours.Json()["by_month"][0]["month"], "2026-11");
  auto org_hours = org_admin_.Get("/api/v1/volunteer-hours?group=volunteer");
  ASSERT_EQ(org_hours.status, 200) << org_hours.body;
  EXPECT_EQ(org_hours.Json()["total_minutes"], 75);
  EXPECT_EQ(org_admin_.Get("/api/v1/volunteer-hours?group=planet").status, 422);
  EXPECT_EQ(me.Get("/api/v1/me/volunteer").Json()["hours"]["confirmed_minutes"], 75);

  // A safety concern raises the case's crisis alert at once.
  auto alarming = visit;
  alarming["visited_on"] = "2026-11-27";
  alarming["concerns"] = {{{"type", "safety"}, {"note", "家中燃气有异味，老人独自在家"}}};
  ASSERT_EQ(me.Post(visits, alarming).status, 201);
  auto alerts = worker_.Get("/api/v1/cases/" + S(case_id)).Json()["open_alerts"];
  ASSERT_EQ(alerts.size(), 2u);
  for (const auto& alert : alerts) {
    EXPECT_EQ(alert["kind"], "crisis");
    EXPECT_EQ(alert["level"], "critical");
  }
  alarming["concerns"] = {{{"type", "gossip"}, {"note", "x"}}};
  EXPECT_TRUE(HasField(me.Post(visits, alarming), "concerns[0].type:invalid"));

  // Missed cadence: no visit for two weekly periods puts the pairing in the worker's queue.
  ASSERT_EQ(server_.ExecSql("UPDATE pairing_visits SET visited_on = '2026-10-02' WHERE pairing_id = " + S(pairing)), 0);
  auto overdue = worker_.Get("/api/v1/pairings?overdue=true&mine=true");
  ASSERT_EQ(overdue.Json()["data"].size(), 1u) << overdue.body;
  EXPECT_EQ(overdue.Json()["data"][0]["overdue"], true);
  EXPECT_EQ(overdue.Json()["data"][0]["next_due_on"], "2026-10-09");
  EXPECT_EQ(worker2_.Get("/api/v1/pairings?overdue=true&mine=true").Json()["data"].size(), 0u);

  // A paused pairing takes no visits.
  ASSERT_EQ(worker_.Post("/api/v1/pairings/" + S(pairing) + "/pause", {{"reason", "家属住院"}}).status, 200);
  EXPECT_EQ(me.Post(visits, visit).ErrorCode(), "pairing_not_active");
  EXPECT_EQ(worker_.Post("/api/v1/pairings/" + S(pairing) + "/pause", {{"reason", "again"}}).status, 409);
  ASSERT_EQ(worker_.Post("/api/v1/pairings/" + S(pairing) + "/resume", nlohmann::json::object()).status, 200);

  // A paused volunteer keeps their history but no longer logs visits or sees the family.
  ASSERT_EQ(org_admin_.Post("/api/v1/volunteers/" + S(volunteer) + "/status", {{"status", "paused"}, {"reason", "考试季"}})
                .status,
            200);
  EXPECT_EQ(me.Post(visits, visit).ErrorCode(), "volunteer_not_active");
  EXPECT_EQ(me.Get("/api/v1/cases/" + S(case_id) + "/volunteer-view").ErrorCode(), "volunteer_not_active");
  EXPECT_EQ(me.Get("/api/v1/me/volunteer").status, 200);
}

TEST_F(Volunteers, CertificatesAreChinesePdfsThatAnyoneCanVerifyByCode) {
  auto [household, grandmother, grandson] = Household();
  (void)grandson;
  long long case_id = CaseInService(household, grandmother);
  long long volunteer = CreateVolunteer("周晓敏", "31010119990304002", "xiaomin.zhou");
  PassCheck(volunteer);
  Client me = Login("xiaomin.zhou");
  long long pairing = ActivePairing(case_id, volunteer, me);
  for (const char* on : {"2026-11-02", "2026-11-09"}) {
    auto v = me.Post("/api/v1/pairings/" + S(pairing) + "/visits",
                     {{"visited_on", on}, {"duration_minutes", 90}, {"activities", "陪伴与学业辅导"}});
    ASSERT_EQ(v.status, 201) << v.body;
    ASSERT_EQ(worker_.Post("/api/v1/visits/" + S(v.Json()["id"].get<long long>()) + "/confirm", nlohmann::json::object()).status,
              200);
  }
  // An unconfirmed visit stays out of the certificate.
  ASSERT_EQ(me.Post("/api/v1/pairings/" + S(pairing) + "/visits",
                    {{"visited_on", "2026-11-16"}, {"duration_minutes", 60}, {"activities", "陪伴"}})
                .status,
            201);

  std::string issue = "/api/v1/volunteers/" + S(volunteer) + "/certificates";
  EXPECT_TRUE(HasField(me.Post(issue, {{"from", "2026-01-01"}, {"to", "2026-01-31"}}), "to:no_hours"));
  EXPECT_TRUE(HasField(me.Post(issue, {{"from", "2026-12-01"}, {"to", "2026-11-01"}}), "to:before_from"));
  EXPECT_EQ(org_b_admin_.Post(issue, {{"from", "2026-11-01"}, {"to", "2026-11-28"}}).status, 403);
  auto cert = me.Post(issue, {{"from", "2026-11-01"}, {"to", "2026-11-28"}});
  ASSERT_EQ(cert.status, 201) << cert.body;
  EXPECT_EQ(cert.Json()["minutes"], 180);
  EXPECT_EQ(cert.Json()["hours"], 3.0);
  std::string code = cert.Json()["code"].get<std::string>();
  EXPECT_EQ(code.size(), 14u);
  EXPECT_EQ(org_admin_.Get(issue).Json()["data"].size(), 1u);

  // The public check needs no login, shows the hours and only the surname.
  Client anonymous(server_);
  auto check = anonymous.Get("/api/v1/certificates/" + code);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.Json()["hours"], 3.0);
  EXPECT_EQ(check.Json()["minutes"], 180);
  EXPECT_EQ(check.Json()["volunteer_name"], "周**");
  EXPECT_EQ(check.Json()["organization"], "甲社工机构");
  EXPECT_EQ(check.Json()["from"], "2026-11-01");
  EXPECT_EQ(anonymous.Get("/api/v1/certificates/ABCD-EFGH-JKMN").status, 404);

  // The PDF: A4, Chinese text with the name and hours, renders to PNG.
  EXPECT_EQ(anonymous.Get("/api/v1/certificates/" + code + "/pdf").status, 401);
  EXPECT_EQ(worker_b_.Get("/api/v1/certificates/" + code + "/pdf").status, 403);
  auto pdf = me.Get("/api/v1/certificates/" + code + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
  std::string path = server_.data_dir() + "/certificate.pdf";
  std::ofstream(path, std::ios::binary) << pdf.body;
  std::string text = CommandOutput("pdftotext -layout '" + path + "' - 2>/dev/null");
  EXPECT_NE(text.find("周晓敏"), std::string::npos) << text;
  EXPECT_NE(text.find("3.0"), std::string::npos) << text;
  EXPECT_NE(text.find("甲社工机构"), std::string::npos) << text;
  EXPECT_NE(text.find(code), std::string::npos) << text;
  EXPECT_NE(text.find("志愿服务证明"), std::string::npos) << text;
  std::string info = CommandOutput("pdfinfo '" + path + "' 2>/dev/null");
  EXPECT_NE(info.find("595.276 x 841.89"), std::string::npos) << info;  // A4 in points
  ASSERT_EQ(std::system(("pdftoppm -png -r 50 -singlefile '" + path + "' '" + server_.data_dir() + "/certificate'").c_str()),
            0);
  std::ifstream png(server_.data_dir() + "/certificate.png", std::ios::binary);
  std::string png_bytes((std::istreambuf_iterator<char>(png)), std::istreambuf_iterator<char>());
  EXPECT_GT(png_bytes.size(), 5000u);
  EXPECT_EQ(png_bytes.substr(1, 3), "PNG");
  // The fonts in the PDF are Noto CJK (so the Chinese is real text, not boxes).
  EXPECT_NE(CommandOutput("pdffonts '" + path + "' 2>/dev/null").find("NotoSerifCJK"), std::string::npos);
}

}  // namespace bangyi::testing

namespace bangyi::testing {

// bangyi rotate-keys re-encrypts volunteers' ID numbers and phones and recomputes their blind
// index: afterwards reveal still gives the clear values and a second sign-up of the same person
// is still refused.
TEST_F(Volunteers, KeyRotationCoversVolunteers) {
  long long volunteer = CreateVolunteer("周晓敏", "31010119990304002", "xiaomin.zhou");
  std::string before = server_.Query("SELECT id_number_enc || phone_enc || id_number_bidx FROM volunteers");
  ASSERT_EQ(server_.Stop(), 0);
  std::string out;
  ASSERT_EQ(server_.RunCli({"rotate-keys", "--blind-index"}, &out), 0) << out;
  EXPECT_NE(out.find("2 values re-encrypted, 1 blind indexes"), std::string::npos) << out;
  server_.Start();
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM volunteers WHERE id_number_enc NOT LIKE 'v1.2.%'"
                              " OR phone_enc NOT LIKE 'v1.2.%'"),
            0);
  EXPECT_NE(server_.Query("SELECT id_number_enc || phone_enc || id_number_bidx FROM volunteers"), before);
  Client org_admin(server_);
  ASSERT_EQ(org_admin.Login("orgadmin.a", "orgadmin.a-Password-2").status, 200);
  auto revealed = org_admin.Post("/api/v1/volunteers/" + S(volunteer) + "/reveal", {{"reason", "轮换密钥后核对"}});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_number"], IdNumber("31010119990304002"));
  EXPECT_EQ(revealed.Json()["phone"], "13912345678");
  auto body = VolunteerBody("周晓敏", "31010119990304002", "female");
  body["organization_ids"] = {org_a_};
  body["username"] = "another.name";
  body["password"] = "Volunteer-Password-1";
  EXPECT_TRUE(HasField(Client(server_).Post("/api/v1/public/volunteer-signups", body), "id_number:duplicate"));
}

}  // namespace bangyi::testing
