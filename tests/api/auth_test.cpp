#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/api_client.hpp"

namespace bangyi::testing {

TEST(Auth, LoginSetsStrictHttpOnlyCookieAndReturnsMe) {
  TestServer server;
  Client c(server);
  auto res = c.Login("admin", TestServer::kAdminPassword);
  ASSERT_EQ(res.status, 200) << res.body;
  std::string cookie = res.headers["set-cookie"];
  EXPECT_NE(cookie.find("bangyi_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  auto j = res.Json();
  EXPECT_EQ(j["user"]["username"], "admin");
  EXPECT_FALSE(j["csrf_token"].get<std::string>().empty());
  auto me = c.Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["csrf_token"], j["csrf_token"]);
  auto perms = me.Json()["permissions"];
  EXPECT_NE(std::find(perms.begin(), perms.end(), "audit.read"), perms.end());
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login'"), 1);
  // Only the token's hash is stored.
  std::string token = c.cookie().substr(c.cookie().find('=') + 1);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + token + "'"), 0);
}

TEST(Auth, WrongPasswordIs401AndAudited) {
  TestServer server;
  Client c(server);
  auto res = c.Login("admin", "not-the-password");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.ErrorCode(), "invalid_credentials");
  EXPECT_TRUE(res.headers["set-cookie"].empty());
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login_failed'"), 1);
  auto unknown = c.Login("nobody", "whatever-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.ErrorCode(), "invalid_credentials");
}

TEST(Auth, MissingFieldsAre422NamingThem) {
  TestServer server;
  Client c(server);
  auto res = c.Post("/api/v1/auth/login", nlohmann::json::object());
  EXPECT_EQ(res.status, 422);
  auto fields = res.ErrorFields();
  EXPECT_NE(std::find(fields.begin(), fields.end(), "username:required"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "password:required"), fields.end());
}

TEST(Auth, LocksAccountAfterFiveFailures) {
  TestServer server;
  Client c(server);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(c.Login("admin", "wrong-password-" + std::to_string(i)).status, 401);
  }
  auto locked = c.Login("admin", TestServer::kAdminPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.ErrorCode(), "account_locked");
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.lockout'"), 1);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login_refused_locked'"), 1);
}

TEST(Auth, LockoutEndsAfterItsDuration) {
  // Five seconds: on a loaded machine the fifth failed login (a deliberately slow hash) can take
  // more than a second or two, and the lockout must still be running when the sixth arrives.
  TestServer server(Env{{"BANGYI_LOGIN_LOCKOUT_SECONDS", "5"}});
  Client c(server);
  for (int i = 0; i < 5; ++i) {
    c.Login("admin", "wrong-password");
  }
  EXPECT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 429);
  std::this_thread::sleep_for(std::chrono::milliseconds(5500));
  EXPECT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
}

TEST(Auth, SessionExpiresWhenIdle) {
  TestServer server(Env{{"BANGYI_SESSION_IDLE_TIMEOUT_SECONDS", "2"}});
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  EXPECT_EQ(c.Get("/api/v1/auth/me").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  auto res = c.Get("/api/v1/auth/me");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.ErrorCode(), "unauthenticated");
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM sessions"), 0);
}

TEST(Auth, SessionEndsAtAbsoluteLifetimeEvenWhenActive) {
  // Session times have one-second resolution: a 3 s lifetime lasts at least 2 s.
  TestServer server(Env{{"BANGYI_SESSION_ABSOLUTE_TIMEOUT_SECONDS", "3"}});
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(c.Get("/api/v1/auth/me").status, 200);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2800));
  EXPECT_EQ(c.Get("/api/v1/auth/me").status, 401);
}

TEST(Auth, WriteWithoutCsrfTokenIs403AndWritesNothing) {
  TestServer server;
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  long long before = server.CountRows("SELECT COUNT(*) FROM audit_events");
  c.set_send_csrf(false);
  auto res = c.Post("/api/v1/organizations", OrganizationBody("无令牌机构", ValidCreditCode('2', "310101", 1)));
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.ErrorCode(), "csrf_failed");
  auto wrong = c.Request("POST", "/api/v1/organizations",
                         OrganizationBody("错令牌机构", ValidCreditCode('2', "310101", 2)).dump(),
                         {{"X-CSRF-Token", "forged"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM organizations"), 0);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events"), before);
}

TEST(Auth, LogoutEndsTheSession) {
  TestServer server;
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  auto out = c.Post("/api/v1/auth/logout", nlohmann::json::object());
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(c.Get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.logout'"), 1);
}

TEST(Auth, MeWithoutSessionIs401WithErrorShape) {
  TestServer server;
  Client c(server);
  auto res = c.Get("/api/v1/auth/me");
  EXPECT_EQ(res.status, 401);
  auto j = res.Json();
  EXPECT_EQ(j["error"]["code"], "unauthenticated");
  EXPECT_TRUE(j["error"]["message"].is_string());
  EXPECT_TRUE(j["error"]["fields"].is_array());
  EXPECT_EQ(j["error"]["request_id"], res.headers["x-request-id"]);
}

TEST(Auth, ChangePasswordChecksCurrentAndPolicy) {
  TestServer server;
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  auto wrong = c.Post("/api/v1/auth/password", {{"current_password", "nope-nope-nope"}, {"new_password", "Another-Password-1"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.ErrorFields(), std::vector<std::string>{"current_password:wrong_password"});
  auto weak = c.Post("/api/v1/auth/password", {{"current_password", TestServer::kAdminPassword}, {"new_password", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.ErrorFields(), std::vector<std::string>{"new_password:too_short"});
  auto same = c.Post("/api/v1/auth/password", {{"current_password", TestServer::kAdminPassword}, {"new_password", "ADMIN"}});
  EXPECT_EQ(same.status, 422);
  auto ok = c.Post("/api/v1/auth/password", {{"current_password", TestServer::kAdminPassword}, {"new_password", "Another-Password-1"}});
  EXPECT_EQ(ok.status, 204);
  Client fresh(server);
  EXPECT_EQ(fresh.Login("admin", TestServer::kAdminPassword).status, 401);
  EXPECT_EQ(fresh.Login("admin", "Another-Password-1").status, 200);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'user.password_changed'"
                             " AND changes NOT LIKE '%Another%'"),
            1);
}

TEST(Auth, ResetPasswordForcesChangeBeforeAnythingElse) {
  TestServer server;
  Client admin(server);
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword).status, 200);
  long long id = CreateUser(admin, "officer1", "program_officer", std::nullopt);
  Client officer(server);
  auto login = officer.Login("officer1", "officer1-Password-1");
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.Json()["user"]["must_change_password"].get<bool>());
  auto blocked = officer.Get("/api/v1/organizations");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.ErrorCode(), "password_change_required");
  EXPECT_EQ(officer.Get("/api/v1/auth/me").status, 200);
  ASSERT_EQ(officer.Post("/api/v1/auth/password",
                         {{"current_password", "officer1-Password-1"}, {"new_password", "officer1-Password-2"}})
                .status,
            204);
  EXPECT_EQ(officer.Get("/api/v1/organizations").status, 200);
  // An admin reset ends the sessions and forces a change again.
  EXPECT_EQ(admin.Post("/api/v1/users/" + std::to_string(id) + "/reset-password", {{"new_password", "Reset-Password-9"}})
                .status,
            204);
  EXPECT_EQ(officer.Get("/api/v1/auth/me").status, 401);
  Client again(server);
  ASSERT_EQ(again.Login("officer1", "Reset-Password-9").status, 200);
  EXPECT_EQ(again.Get("/api/v1/organizations").ErrorCode(), "password_change_required");
}

TEST(ApiTokens, ShownOnceScopedAndRevocable) {
  TestServer server;
  Client admin(server);
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword).status, 200);
  long long org = CreateOrganization(admin, "令牌测试机构", 1);
  auto created = admin.Post("/api/v1/api-tokens", {{"name", "报表同步"}, {"scopes", {"organizations.read"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string token = created.Json()["token"];
  EXPECT_EQ(token.rfind("byk_", 0), 0u);
  long long token_id = created.Json()["id"];
  auto listed = admin.Get("/api/v1/api-tokens");
  EXPECT_EQ(listed.body.find(token), std::string::npos);
  EXPECT_EQ(listed.Json()["metadata"]["total"], 1);

  Client integration(server);
  integration.set_bearer(token);
  EXPECT_EQ(integration.Get("/api/v1/organizations/" + std::to_string(org)).status, 200);
  // Outside its scopes, even though the admin who made it could: 403, and no CSRF needed to be refused.
  auto write = integration.Post("/api/v1/organizations", OrganizationBody("越权", ValidCreditCode('2', "310101", 9)));
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(integration.Get("/api/v1/audit-events").status, 403);

  auto bad = admin.Post("/api/v1/api-tokens", {{"name", "x"}, {"scopes", {"no.such.permission"}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.ErrorFields(), std::vector<std::string>{"scopes:invalid"});

  EXPECT_EQ(admin.Delete("/api/v1/api-tokens/" + std::to_string(token_id)).status, 204);
  EXPECT_EQ(admin.Delete("/api/v1/api-tokens/" + std::to_string(token_id)).status, 409);
  EXPECT_EQ(admin.Delete("/api/v1/api-tokens/999999").status, 404);
  EXPECT_EQ(integration.Get("/api/v1/organizations/" + std::to_string(org)).status, 401);
}

TEST(ApiTokens, OnlyFoundationAdminsManageThem) {
  TestServer server;
  Client admin(server);
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword).status, 200);
  CreateUser(admin, "officer2", "program_officer", std::nullopt);
  Client officer = LoginNewUser(server, "officer2");
  EXPECT_EQ(officer.Get("/api/v1/api-tokens").status, 403);
  EXPECT_EQ(officer.Post("/api/v1/api-tokens", {{"name", "x"}, {"scopes", {"organizations.read"}}}).status, 403);
  Client anonymous(server);
  EXPECT_EQ(anonymous.Get("/api/v1/api-tokens").status, 401);
}

}  // namespace bangyi::testing
