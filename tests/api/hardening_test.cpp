// Refusals found in review: each test is an attack or a malformed input that once got through
// or produced a 500.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace {

class Hardening : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200); }
  TestServer server_;
  Client admin_{server_};
};

}  // namespace

TEST_F(Hardening, OrgAdminCannotTouchAPlatformAccountFiledUnderTheirOrganization) {
  long long org = CreateOrganization(admin_, "基金会自身", 1);
  CreateUser(admin_, "orgadmin9", "org_admin", org);
  long long platform = CreateUser(admin_, "fa2", "foundation_admin", org, "platform");
  Client org_admin = LoginNewUser(server_, "orgadmin9");
  std::string path = "/api/v1/users/" + std::to_string(platform);
  EXPECT_EQ(org_admin.Post(path + "/reset-password", {{"new_password", "Taken-Over-123"}}).status, 403);
  EXPECT_EQ(org_admin.Put(path, {{"status", "disabled"}}).status, 403);
  EXPECT_EQ(admin_.Get(path).Json()["status"], "active");
  Client fa2(server_);
  EXPECT_EQ(fa2.Login("fa2", "Taken-Over-123").status, 401);
}

TEST_F(Hardening, SelfResetAndTokenPasswordChangeAreRefused) {
  long long self = admin_.Get("/api/v1/auth/me").Json()["user"]["id"];
  auto res = admin_.Post("/api/v1/users/" + std::to_string(self) + "/reset-password", {{"new_password", "Whatever-123"}});
  EXPECT_EQ(res.status, 409);
  auto token = admin_.Post("/api/v1/api-tokens", {{"name", "t"}, {"scopes", {"users.read"}}}).Json()["token"];
  Client integration(server_);
  integration.set_bearer(token);
  EXPECT_EQ(integration.Post("/api/v1/auth/password", {{"current_password", TestServer::kAdminPassword},
                                                        {"new_password", "Changed-By-Token-1"}})
                .status,
            403);
}

TEST_F(Hardening, BadInputIsA4xxNeverA500) {
  EXPECT_EQ(admin_.Get("/api/v1/users?organization_id=3000000000").status, 200);
  EXPECT_EQ(admin_.Get("/api/v1/audit-events?organization_id=3000000000").status, 200);
  auto abc = admin_.Get("/api/v1/users?organization_id=1abc");
  EXPECT_EQ(abc.status, 422);
  EXPECT_EQ(abc.ErrorFields(), std::vector<std::string>{"organization_id:invalid"});
  EXPECT_EQ(admin_.Get("/api/v1/organizations?q=%ff").status, 400);
  EXPECT_EQ(admin_.Get("/api/v1/audit-events?action=%c3%28").status, 400);
  EXPECT_EQ(admin_.Get("/api/v1/audit-events?from=yesterday").ErrorFields(), std::vector<std::string>{"from:format"});
  auto scope = admin_.Post("/api/v1/users", {{"username", "scoped"}, {"display_name", "s"},
                                             {"roles", {{{"role", "gov_viewer"}, {"scope_type", 5}}}}});
  EXPECT_EQ(scope.status, 422);
  EXPECT_EQ(scope.ErrorFields(), std::vector<std::string>{"roles[0].scope_type:invalid"});
  auto nul = admin_.Post("/api/v1/users", {{"username", std::string("ad\0min", 6)}, {"display_name", "x"},
                                           {"roles", {{{"role", "reviewer"}}}}});
  EXPECT_EQ(nul.status, 422);
  auto dup = admin_.Post("/api/v1/organizations", [] {
    auto b = OrganizationBody("重复区", ValidCreditCode('2', "310101", 5));
    b["districts_served"] = {"310101", "310101"};
    return b;
  }());
  EXPECT_EQ(dup.status, 422);
  EXPECT_EQ(dup.ErrorFields(), std::vector<std::string>{"districts_served:duplicate"});
  Client odd(server_);
  auto login = odd.Request("POST", "/api/v1/auth/login",
                           nlohmann::json{{"username", "admin"}, {"password", TestServer::kAdminPassword}}.dump(),
                           {{"User-Agent", std::string("agent\xff\xfe")}});
  EXPECT_EQ(login.status, 200);
}

TEST_F(Hardening, MistypedPasswordsInTheUsernameFieldStayOutOfTheAuditLog) {
  Client c(server_);
  EXPECT_EQ(c.Login("my-secret-passw0rd", "x").status, 401);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE changes LIKE '%my-secret%'"), 0);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login_failed'"), 1);
}

TEST_F(Hardening, ParallelGuessesCannotExceedTheLimit) {
  std::atomic<int> checked{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      Client c(server_);
      int status = c.Login("admin", "guess-" + std::to_string(i)).status;
      (status == 401 ? checked : refused) += 1;
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_LE(checked.load(), 5);
  EXPECT_EQ(checked + refused, 16);
  EXPECT_EQ(Client(server_).Login("admin", TestServer::kAdminPassword).status, 429);
}

TEST(TrustedProxy, ForwardedClientAddressOnlyFromTrustedProxies) {
  TestServer direct;
  Client c(direct);
  c.Request("POST", "/api/v1/auth/login", R"({"username":"admin","password":"wrong-password"})",
            {{"X-Forwarded-For", "203.0.113.7"}});
  EXPECT_EQ(direct.Query("SELECT ip FROM audit_events WHERE action = 'auth.login_failed'"), "127.0.0.1\n");
  EXPECT_EQ(c.Request("GET", "/metrics", "", {{"X-Forwarded-For", "203.0.113.7"}}).status, 200);

  TestServer proxied(Env{{"BANGYI_TRUSTED_PROXIES", "127.0.0.1"}});
  Client p(proxied);
  p.Request("POST", "/api/v1/auth/login", R"({"username":"admin","password":"wrong-password"})",
            {{"X-Forwarded-For", "198.51.100.1, 203.0.113.7"}});
  EXPECT_EQ(proxied.Query("SELECT ip FROM audit_events WHERE action = 'auth.login_failed'"), "203.0.113.7\n");
  // Through the proxy, /metrics is no longer a loopback request.
  EXPECT_EQ(p.Request("GET", "/metrics", "", {{"X-Forwarded-For", "203.0.113.7"}}).status, 403);
  EXPECT_EQ(p.Get("/metrics").status, 200);
}

}  // namespace bangyi::testing
