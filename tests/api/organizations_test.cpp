#include <gtest/gtest.h>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace {

class Organizations : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200); }
  long long Audits(const std::string& where = "1=1") {
    return server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE " + where);
  }
  TestServer server_;
  Client admin_{server_};
};

bool HasField(const HttpResponse& r, const std::string& field_code) {
  auto f = r.ErrorFields();
  return std::find(f.begin(), f.end(), field_code) != f.end();
}

}  // namespace

TEST_F(Organizations, CreateReadUpdateWithAudit) {
  std::string code = ValidCreditCode('2', "310115", 1);
  auto created = admin_.Post("/api/v1/organizations", OrganizationBody("浦东阳光社工服务中心", code, "310115"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto org = created.Json();
  EXPECT_EQ(org["credit_code"], code);
  EXPECT_EQ(org["contact_phone"], "13912345678");  // normalized from +86 139-1234-5678
  EXPECT_EQ(org["version"], 1);
  std::string path = "/api/v1/organizations/" + std::to_string(org["id"].get<long long>());
  EXPECT_EQ(Audits("action = 'organization.create'"), 1);

  auto read = admin_.Get(path);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.Json()["name"], "浦东阳光社工服务中心");

  auto body = OrganizationBody("浦东阳光社会工作服务中心", code, "310115");
  body["version"] = 1;
  body["streets_served"] = {"310115004"};
  auto updated = admin_.Put(path, body);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json()["version"], 2);
  EXPECT_EQ(updated.Json()["streets_served"], nlohmann::json({"310115004"}));
  EXPECT_EQ(Audits("action = 'organization.update' AND changes LIKE '%浦东阳光社会工作服务中心%'"), 1);
}

TEST_F(Organizations, InvalidCreditCodeIs422NamingTheFieldAndWritesNothing) {
  std::string code = ValidCreditCode('2', "310101", 2);
  code.back() = code.back() == '0' ? '1' : '0';
  long long before = Audits();
  auto res = admin_.Post("/api/v1/organizations", OrganizationBody("校验失败机构", code));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.ErrorCode(), "validation_failed");
  EXPECT_TRUE(HasField(res, "credit_code:checksum")) << res.body;
  auto many = admin_.Post("/api/v1/organizations", {{"name", ""}, {"credit_code", "123"}, {"org_type", "club"},
                                                    {"registered_district", "999999"}, {"contact_phone", "12345"},
                                                    {"streets_served", {"310101999"}}});
  EXPECT_EQ(many.status, 422);
  EXPECT_TRUE(HasField(many, "name:required"));
  EXPECT_TRUE(HasField(many, "credit_code:format"));
  EXPECT_TRUE(HasField(many, "org_type:invalid"));
  EXPECT_TRUE(HasField(many, "registered_district:unknown"));
  EXPECT_TRUE(HasField(many, "contact_phone:format"));
  EXPECT_TRUE(HasField(many, "streets_served:unknown"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM organizations"), 0);
  EXPECT_EQ(Audits(), before);
}

TEST_F(Organizations, DuplicateCreditCodeIs409) {
  std::string code = ValidCreditCode('2', "310101", 3);
  ASSERT_EQ(admin_.Post("/api/v1/organizations", OrganizationBody("第一家", code)).status, 201);
  long long before = Audits();
  auto dup = admin_.Post("/api/v1/organizations", OrganizationBody("第二家", code));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.ErrorCode(), "duplicate");
  EXPECT_TRUE(HasField(dup, "credit_code:duplicate"));
  EXPECT_EQ(Audits(), before);
  // Lower-case and full-width input normalize to the same code.
  std::string lower = code;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(admin_.Post("/api/v1/organizations", OrganizationBody("第三家", lower)).status, 409);
}

TEST_F(Organizations, StaleVersionIs409) {
  long long id = CreateOrganization(admin_, "并发测试机构", 4);
  std::string path = "/api/v1/organizations/" + std::to_string(id);
  auto body = admin_.Get(path).Json();
  body["name"] = "第一次修改";
  ASSERT_EQ(admin_.Put(path, body).status, 200);
  body["name"] = "基于旧版本的修改";
  long long before = Audits();
  auto stale = admin_.Put(path, body);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "version_conflict");
  EXPECT_EQ(admin_.Get(path).Json()["name"], "第一次修改");
  EXPECT_EQ(Audits(), before);
}

TEST_F(Organizations, OrgAdminEditsOwnOrganizationOnly) {
  long long mine = CreateOrganization(admin_, "本机构", 5);
  long long other = CreateOrganization(admin_, "他机构", 6);
  CreateUser(admin_, "orgadmin1", "org_admin", mine);
  Client org_admin = LoginNewUser(server_, "orgadmin1");

  auto other_body = admin_.Get("/api/v1/organizations/" + std::to_string(other)).Json();
  other_body["name"] = "被越权修改";
  long long before = Audits("entity_type = 'organization'");
  auto forbidden = org_admin.Put("/api/v1/organizations/" + std::to_string(other), other_body);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.ErrorCode(), "forbidden");
  EXPECT_EQ(org_admin.Get("/api/v1/organizations/" + std::to_string(other)).status, 403);
  EXPECT_EQ(Audits("entity_type = 'organization'"), before);

  auto own = org_admin.Get("/api/v1/organizations/" + std::to_string(mine)).Json();
  own["contact_name"] = "新联系人";
  auto ok = org_admin.Put("/api/v1/organizations/" + std::to_string(mine), own);
  EXPECT_EQ(ok.status, 200) << ok.body;
  own = ok.Json();
  own["status"] = "suspended";  // only the foundation may suspend
  EXPECT_EQ(org_admin.Put("/api/v1/organizations/" + std::to_string(mine), own).status, 403);
  EXPECT_EQ(org_admin.Post("/api/v1/organizations", OrganizationBody("自建", ValidCreditCode('2', "310101", 77))).status,
            403);

  auto list = org_admin.Get("/api/v1/organizations");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["metadata"]["total"], 1);
  EXPECT_EQ(list.Json()["data"][0]["id"], mine);
}

TEST_F(Organizations, DistrictViewerSeesOrganizationsOfTheDistrict) {
  CreateOrganization(admin_, "黄浦机构", 7, "310101");
  CreateOrganization(admin_, "徐汇机构", 8, "310104");
  CreateUser(admin_, "gov1", "gov_viewer", std::nullopt, "district", "310104");
  Client gov = LoginNewUser(server_, "gov1");
  auto list = gov.Get("/api/v1/organizations");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["metadata"]["total"], 1);
  EXPECT_EQ(list.Json()["data"][0]["name"], "徐汇机构");
}

TEST_F(Organizations, ListPaginatesAndFilters) {
  for (int i = 0; i < 25; ++i) {
    CreateOrganization(admin_, "分页机构" + std::to_string(i), 100 + i, i % 2 == 0 ? "310101" : "310104");
  }
  auto page = admin_.Get("/api/v1/organizations?page=2&per=10");
  ASSERT_EQ(page.status, 200);
  auto j = page.Json();
  EXPECT_EQ(j["metadata"]["total"], 25);
  EXPECT_EQ(j["metadata"]["page"], 2);
  EXPECT_EQ(j["metadata"]["per"], 10);
  EXPECT_EQ(j["data"].size(), 10u);
  EXPECT_EQ(admin_.Get("/api/v1/organizations").Json()["metadata"]["per"], 20);
  EXPECT_EQ(admin_.Get("/api/v1/organizations?district=310104").Json()["metadata"]["total"], 12);
  EXPECT_EQ(admin_.Get("/api/v1/organizations?q=%E5%88%86%E9%A1%B5%E6%9C%BA%E6%9E%8412").Json()["metadata"]["total"], 1);
  auto too_many = admin_.Get("/api/v1/organizations?per=201");
  EXPECT_EQ(too_many.status, 422);
  EXPECT_TRUE(HasField(too_many, "per:out_of_range"));
}

TEST_F(Organizations, MissingIs404AndAnonymousIs401) {
  EXPECT_EQ(admin_.Get("/api/v1/organizations/424242").status, 404);
  EXPECT_EQ(admin_.Get("/api/v1/organizations/not-a-number").status, 404);
  auto put = admin_.Put("/api/v1/organizations/424242", OrganizationBody("x", ValidCreditCode('2', "310101", 9)));
  EXPECT_EQ(put.status, 404);
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get("/api/v1/organizations").status, 401);
  EXPECT_EQ(anonymous.Post("/api/v1/organizations", OrganizationBody("x", ValidCreditCode('2', "310101", 9))).status, 401);
}

TEST_F(Organizations, DivisionsListsSixteenDistrictsAnd234Streets) {
  auto res = admin_.Get("/api/v1/divisions");
  ASSERT_EQ(res.status, 200);
  auto data = res.Json()["data"];
  EXPECT_EQ(data.size(), 16u);
  size_t streets = 0;
  for (const auto& d : data) {
    streets += d["streets"].size();
  }
  EXPECT_EQ(streets, 234u);
  EXPECT_EQ(data[0]["code"], "310101");
  EXPECT_EQ(data[0]["name"], "黄浦区");
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get("/api/v1/divisions").status, 401);
}

TEST_F(Organizations, AuditLogIsForFoundationAdminsAndFilterable) {
  CreateOrganization(admin_, "审计机构", 11);
  auto res = admin_.Get("/api/v1/audit-events?action=organization.create");
  ASSERT_EQ(res.status, 200);
  auto j = res.Json();
  EXPECT_EQ(j["metadata"]["total"], 1);
  auto e = j["data"][0];
  EXPECT_EQ(e["actor_username"], "admin");
  EXPECT_EQ(e["entity_type"], "organization");
  EXPECT_EQ(e["ip"], "127.0.0.1");
  EXPECT_FALSE(e["request_id"].get<std::string>().empty());
  EXPECT_EQ(e["changes"]["name"]["to"], "审计机构");
  CreateUser(admin_, "officer3", "program_officer", std::nullopt);
  Client officer = LoginNewUser(server_, "officer3");
  EXPECT_EQ(officer.Get("/api/v1/audit-events").status, 403);
}

TEST_F(Organizations, AuditEventsCannotBeAlteredInTheDatabase) {
  CreateOrganization(admin_, "不可篡改", 12);
  long long n = server_.CountRows("SELECT COUNT(*) FROM audit_events");
  EXPECT_NE(server_.ExecSql("UPDATE audit_events SET action = 'x'"), 0);
  EXPECT_NE(server_.ExecSql("DELETE FROM audit_events"), 0);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events"), n);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'x'"), 0);
}

}  // namespace bangyi::testing
