#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace {

class Registry : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    CreateUser(admin_, "worker.a", "social_worker", org_a_);
    CreateUser(admin_, "worker.b", "social_worker", org_b_);
    worker_a_ = LoginNewUser(server_, "worker.a");
    worker_b_ = LoginNewUser(server_, "worker.b");
  }

  long long Household(Client& c) {
    auto res = c.Post("/api/v1/households", {{"district_code", "310101"},
                                             {"street_code", "310101002"},
                                             {"community", "南京东路居委"},
                                             {"address_detail", "黄浦区南京东路100弄3号"},
                                             {"categories", {{{"category", "dibao"}, {"valid_from", "2025-01-01"}}}}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.Json()["id"].get<long long>();
  }

  static nlohmann::json Person() {
    return {{"relation", "head"},        {"name", "王阿姨"},        {"gender", "male"},
            {"birth_date", "1958-03-12"}, {"id_number", "310101195803120178"}, {"phone", "+86 136 0001 1122"},
            {"conditions", {{"illness", "肺癌"}, {"living_alone", true}}}};
  }

  TestServer server_;
  Client admin_{server_};
  long long org_a_ = 0;
  long long org_b_ = 0;
  Client worker_a_{server_};
  Client worker_b_{server_};
};

bool Has(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

}  // namespace

TEST_F(Registry, RegistersMaskedAndRevealsWithAReasonAudited) {
  long long h = Household(worker_a_);
  auto person = worker_a_.Post("/api/v1/households/" + std::to_string(h) + "/persons", Person());
  ASSERT_EQ(person.status, 201) << person.body;
  auto p = person.Json();
  EXPECT_EQ(p["id_number"], "310***********0178");
  EXPECT_EQ(p["phone"], "136****1122");
  EXPECT_TRUE(p["is_elderly"].get<bool>());
  EXPECT_EQ(person.body.find("肺癌"), std::string::npos);
  std::string pid = std::to_string(p["id"].get<long long>());

  auto household = worker_a_.Get("/api/v1/households/" + std::to_string(h)).Json();
  EXPECT_EQ(household["address_detail"], "黄浦****");
  EXPECT_EQ(household["members"].size(), 1u);
  EXPECT_EQ(household["street_name"], "南京东路街道");

  auto no_reason = worker_a_.Post("/api/v1/persons/" + pid + "/reveal", nlohmann::json::object());
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(Has(no_reason, "reason:required"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'person.reveal'"), 0);

  auto revealed = worker_a_.Post("/api/v1/persons/" + pid + "/reveal", {{"reason", "办理临时救助申请"}});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_number"], "310101195803120178");
  EXPECT_EQ(revealed.Json()["phone"], "13600011122");
  EXPECT_EQ(revealed.Json()["conditions"]["illness"], "肺癌");
  EXPECT_EQ(revealed.headers["cache-control"], "no-store");
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'person.reveal'"
                              " AND changes LIKE '%办理临时救助申请%' AND changes NOT LIKE '%310101195803120178%'"
                              " AND changes NOT LIKE '%13600011122%'"),
            1);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE changes LIKE '%310101195803120178%'"
                              " OR changes LIKE '%13600011122%' OR changes LIKE '%肺癌%'"),
            0);

  auto found = worker_a_.Get("/api/v1/persons?id_number=310101195803120178");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.Json()["metadata"]["total"], 1);
  EXPECT_EQ(worker_b_.Get("/api/v1/persons?id_number=310101195803120178").Json()["metadata"]["total"], 0);
}

TEST_F(Registry, RefusesBadIdentityData) {
  long long h = Household(worker_a_);
  std::string path = "/api/v1/households/" + std::to_string(h) + "/persons";
  auto bad_check = Person();
  bad_check["id_number"] = "310101195803120179";
  auto r1 = worker_a_.Post(path, bad_check);
  EXPECT_EQ(r1.status, 422);
  EXPECT_TRUE(Has(r1, "id_number:checksum")) << r1.body;
  auto wrong_birth = Person();
  wrong_birth["birth_date"] = "1958-03-13";
  EXPECT_TRUE(Has(worker_a_.Post(path, wrong_birth), "birth_date:mismatch"));
  auto wrong_gender = Person();
  wrong_gender["gender"] = "female";
  EXPECT_TRUE(Has(worker_a_.Post(path, wrong_gender), "gender:mismatch"));
  auto bad_phone = Person();
  bad_phone["phone"] = "12345678901";
  EXPECT_TRUE(Has(worker_a_.Post(path, bad_phone), "phone:format"));
  auto bad_street = worker_a_.Post("/api/v1/households", {{"district_code", "310104"}, {"street_code", "310101002"}});
  EXPECT_TRUE(Has(bad_street, "street_code:mismatch")) << bad_street.body;
  auto bad_category = worker_a_.Post("/api/v1/households", {{"district_code", "310101"}, {"street_code", "310101002"},
                                                             {"categories", {{{"category", "dibao"}, {"valid_from", "2025-13-01"}}}}});
  EXPECT_TRUE(Has(bad_category, "categories[0].valid_from:format"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM persons"), 0);
  ASSERT_EQ(worker_a_.Post(path, Person()).status, 201);
  auto dup = worker_a_.Post(path, Person());
  EXPECT_EQ(dup.status, 409);
  EXPECT_TRUE(Has(dup, "id_number:duplicate"));
}

TEST_F(Registry, ScopedToTheOrganizationAndRole) {
  long long h = Household(worker_a_);
  std::string hp = "/api/v1/households/" + std::to_string(h);
  auto person = worker_a_.Post(hp + "/persons", Person()).Json();
  std::string pp = "/api/v1/persons/" + std::to_string(person["id"].get<long long>());
  EXPECT_EQ(worker_b_.Get(hp).status, 403);
  EXPECT_EQ(worker_b_.Get(pp).status, 403);
  EXPECT_EQ(worker_b_.Post(pp + "/reveal", {{"reason", "好奇"}}).status, 403);
  EXPECT_EQ(worker_b_.Post(hp + "/persons", Person()).status, 403);
  EXPECT_EQ(worker_b_.Get("/api/v1/households").Json()["metadata"]["total"], 0);
  EXPECT_EQ(worker_a_.Get("/api/v1/households").Json()["metadata"]["total"], 1);
  EXPECT_EQ(worker_a_.Get("/api/v1/households/999999").status, 404);
  EXPECT_EQ(worker_a_.Get("/api/v1/persons/999999").status, 404);
  // Platform staff and government viewers never see individual households.
  EXPECT_EQ(admin_.Get(hp).status, 403);
  EXPECT_EQ(admin_.Get("/api/v1/households").status, 403);
  CreateUser(admin_, "gov.a", "gov_viewer", std::nullopt, "district", "310101");
  Client gov = LoginNewUser(server_, "gov.a");
  EXPECT_EQ(gov.Get(hp).status, 403);
  EXPECT_EQ(gov.Get(pp).status, 403);
  // An organization administrator reads but neither writes nor reveals.
  CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
  Client org_admin = LoginNewUser(server_, "orgadmin.a");
  EXPECT_EQ(org_admin.Get(hp).status, 200);
  EXPECT_EQ(org_admin.Post(pp + "/reveal", {{"reason", "核对信息"}}).status, 403);
  EXPECT_EQ(org_admin.Post("/api/v1/households", {{"district_code", "310101"}, {"street_code", "310101002"}}).status, 403);
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get(hp).status, 401);
}

// PIPL: the database file on disk holds no clear ID number, phone or address detail.
TEST_F(Registry, TheSqliteFileHoldsNoClearSensitiveValues) {
  if (server_.engine() != "sqlite") {
    GTEST_SKIP() << "reads the SQLite file directly";
  }
  long long h = Household(worker_a_);
  ASSERT_EQ(worker_a_.Post("/api/v1/households/" + std::to_string(h) + "/persons", Person()).status, 201);
  std::string bytes;
  for (const auto& suffix : {"", "-wal"}) {
    std::ifstream in(server_.db_path() + suffix, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes += ss.str();
  }
  ASSERT_GT(bytes.size(), 10000u);
  for (const char* secret : {"310101195803120178", "13600011122", "南京东路100弄", "肺癌"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(bytes.find("310***********0178"), std::string::npos);  // the masked form is stored
}

}  // namespace bangyi::testing
