#include <gtest/gtest.h>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace {

class Users : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200); }
  TestServer server_;
  Client admin_{server_};
};

nlohmann::json UserBody(const std::string& username, long long org, const std::string& role) {
  return {{"username", username},
          {"display_name", "用户 " + username},
          {"password", username + "-Password-1"},
          {"organization_id", org},
          {"roles", {{{"role", role}}}}};
}

}  // namespace

TEST_F(Users, AdminCreatesStaffWithScopedRolesAudited) {
  long long org = CreateOrganization(admin_, "用户机构", 1);
  auto res = admin_.Post("/api/v1/users", UserBody("worker1", org, "social_worker"));
  ASSERT_EQ(res.status, 201) << res.body;
  auto u = res.Json();
  EXPECT_EQ(u["organization_id"], org);
  EXPECT_EQ(u["roles"][0]["scope_type"], "organization");
  EXPECT_EQ(u["roles"][0]["scope_id"], std::to_string(org));
  EXPECT_TRUE(u["must_change_password"].get<bool>());
  EXPECT_EQ(u.count("password_hash"), 0u);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'user.create' AND actor_username = 'admin'"
                              " AND changes LIKE '%password%changed%' AND changes NOT LIKE '%Password-1%'"),
            1);
  auto got = admin_.Get("/api/v1/users/" + std::to_string(u["id"].get<long long>()));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(admin_.Get("/api/v1/users/999999").status, 404);
  auto list = admin_.Get("/api/v1/users?organization_id=" + std::to_string(org));
  EXPECT_EQ(list.Json()["metadata"]["total"], 1);
}

TEST_F(Users, DuplicateUsernameIs409AndBadInputIs422) {
  long long org = CreateOrganization(admin_, "用户机构", 2);
  ASSERT_EQ(admin_.Post("/api/v1/users", UserBody("dup.user", org, "social_worker")).status, 201);
  auto dup = admin_.Post("/api/v1/users", UserBody("DUP.user", org, "supervisor"));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.ErrorFields(), std::vector<std::string>{"username:duplicate"});
  auto bad = admin_.Post("/api/v1/users", {{"username", "x"}, {"display_name", ""}, {"password", "short"},
                                           {"roles", {{{"role", "king"}}}}});
  EXPECT_EQ(bad.status, 422);
  auto fields = bad.ErrorFields();
  for (const char* f : {"username:format", "display_name:required", "password:too_short", "roles[0].role:unknown"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " in " << bad.body;
  }
  auto no_org = admin_.Post("/api/v1/users", {{"username", "noorg"}, {"display_name", "n"}, {"roles", {{{"role", "social_worker"}}}}});
  EXPECT_EQ(no_org.status, 422);
  EXPECT_EQ(no_org.ErrorFields(), std::vector<std::string>{"organization_id:required"});
  auto unknown_org = admin_.Post("/api/v1/users", UserBody("ghost", 999999, "social_worker"));
  EXPECT_EQ(unknown_org.status, 422);
  auto bad_district = admin_.Post("/api/v1/users", {{"username", "gov9"}, {"display_name", "g"},
                                                    {"roles", {{{"role", "gov_viewer"}, {"scope_type", "district"}, {"scope_id", "000000"}}}}});
  EXPECT_EQ(bad_district.ErrorFields(), std::vector<std::string>{"roles[0].scope_id:unknown"});
}

TEST_F(Users, OrgAdminManagesOnlyOwnStaffAndRoles) {
  long long mine = CreateOrganization(admin_, "甲机构", 3);
  long long other = CreateOrganization(admin_, "乙机构", 4);
  CreateUser(admin_, "orgadmin2", "org_admin", mine);
  long long other_worker = CreateUser(admin_, "otherworker", "social_worker", other);
  Client org_admin = LoginNewUser(server_, "orgadmin2");

  EXPECT_EQ(org_admin.Post("/api/v1/users", UserBody("newworker", mine, "social_worker")).status, 201);
  EXPECT_EQ(org_admin.Post("/api/v1/users", UserBody("intruder", other, "social_worker")).status, 403);
  EXPECT_EQ(org_admin.Post("/api/v1/users", {{"username", "boss"}, {"display_name", "b"}, {"organization_id", mine},
                                             {"roles", {{{"role", "foundation_admin"}}}}})
                .status,
            403);
  EXPECT_EQ(org_admin.Get("/api/v1/users/" + std::to_string(other_worker)).status, 403);
  EXPECT_EQ(org_admin.Put("/api/v1/users/" + std::to_string(other_worker), {{"status", "disabled"}}).status, 403);
  auto list = org_admin.Get("/api/v1/users");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["metadata"]["total"], 2);  // orgadmin2 + newworker
  EXPECT_EQ(org_admin.Get("/api/v1/users?organization_id=" + std::to_string(other)).status, 403);
}

TEST_F(Users, DisablingEndsSessionsAndBlocksLogin) {
  long long org = CreateOrganization(admin_, "停用机构", 5);
  long long id = CreateUser(admin_, "leaver", "social_worker", org);
  Client leaver = LoginNewUser(server_, "leaver");
  ASSERT_EQ(leaver.Get("/api/v1/auth/me").status, 200);
  auto res = admin_.Put("/api/v1/users/" + std::to_string(id), {{"status", "disabled"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(leaver.Get("/api/v1/auth/me").status, 401);
  Client again(server_);
  EXPECT_EQ(again.Login("leaver", "leaver-Password-2").ErrorCode(), "account_disabled");
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'user.update' AND changes LIKE '%disabled%'"), 1);
}

TEST_F(Users, RoleChangesAreAuditedAsPermissionChanges) {
  long long org = CreateOrganization(admin_, "角色机构", 6);
  long long id = CreateUser(admin_, "promoted", "social_worker", org);
  auto res = admin_.Put("/api/v1/users/" + std::to_string(id), {{"roles", {{{"role", "supervisor"}}}}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.Json()["roles"][0]["role"], "supervisor");
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'user.roles_changed'"), 1);
  auto self = admin_.Get("/api/v1/auth/me").Json()["user"]["id"].get<long long>();
  EXPECT_EQ(admin_.Put("/api/v1/users/" + std::to_string(self), {{"status", "disabled"}}).status, 409);
  auto bad = admin_.Put("/api/v1/users/" + std::to_string(id), {{"status", "asleep"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.ErrorFields(), std::vector<std::string>{"status:invalid"});
}

}  // namespace bangyi::testing
