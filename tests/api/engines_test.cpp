// Behaviour that must hold on both engines and across several server processes.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace {

std::set<std::string> Lines(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) {
      out.insert(line);
    }
  }
  return out;
}

// Tables that hold no organization's data: shared reference data and infrastructure.
// Platform data: reference tables, the platform's catalogues (service types, survey templates),
// and the KPI rollups, which sum across organizations by design (an organization's figures are its
// own cells, dimension = 'organization').
constexpr const char* kNotOrganizationData =
    "'divisions', 'schema_version', 'organizations', 'login_failures', 'service_types', 'survey_templates',"
    " 'kpi_cells', 'kpi_seen'";

}  // namespace

// A load balancer may send consecutive requests to different processes: the session, its CSRF
// token, the login throttle and optimistic concurrency must all live in the database.
TEST(MultiProcess, TwoServersShareSessionsThrottlingAndRefuseLostUpdates) {
  TestServer a;
  TestServer b(Env{{"BANGYI_DATABASE_URL", a.database_url()}}, false);
  Client on_a(a);
  ASSERT_EQ(on_a.Login("admin", TestServer::kAdminPassword).status, 200);
  Client on_b(b);
  on_b.set_cookie(on_a.cookie());
  auto me = on_b.Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["csrf_token"], on_a.csrf());

  // Write on B with the session and CSRF token obtained from A, read back on A.
  auto created = on_b.Request("POST", "/api/v1/organizations",
                              OrganizationBody("跨进程机构", ValidCreditCode('2', "310101", 1)).dump(),
                              {{"X-CSRF-Token", on_a.csrf()}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/organizations/" + std::to_string(created.Json()["id"].get<long long>());
  auto read = on_a.Get(path);
  ASSERT_EQ(read.status, 200);

  // Both processes edit version 1: the second write is refused, nothing is lost silently.
  auto body_a = read.Json();
  auto body_b = read.Json();
  body_a["contact_name"] = "甲的修改";
  body_b["contact_name"] = "乙的修改";
  auto first = on_a.Put(path, body_a);
  auto second = on_b.Request("PUT", path, body_b.dump(), {{"X-CSRF-Token", on_a.csrf()}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.ErrorCode(), "version_conflict");
  EXPECT_EQ(on_b.Get(path).Json()["contact_name"], "甲的修改");

  // Failed logins count across processes.
  Client x(a);
  Client y(b);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(x.Login("admin", "wrong-password-a").status, 401);
  }
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(y.Login("admin", "wrong-password-b").status, 401);
  }
  EXPECT_EQ(x.Login("admin", TestServer::kAdminPassword).status, 429);
  EXPECT_EQ(y.Login("admin", TestServer::kAdminPassword).status, 429);

  // Logout on A ends the session on B too.
  EXPECT_EQ(on_a.Post("/api/v1/auth/logout", nlohmann::json::object()).status, 204);
  EXPECT_EQ(on_b.Get("/api/v1/auth/me").status, 401);
}

// Distribution by organization (Citus) needs organization_id on every organization table.
TEST(Schema, EveryOrganizationTableCarriesOrganizationId) {
  TestServer server({}, false);
  std::string sql =
      server.engine() == "postgresql"
          ? std::string("SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = 'public'"
                        " AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN (") +
                kNotOrganizationData +
                ") AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public'"
                " AND c.table_name = t.table_name AND c.column_name = 'organization_id') ORDER BY 1"
          : std::string("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT IN (") +
                kNotOrganizationData +
                ") AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'organization_id')"
                " ORDER BY 1";
  EXPECT_EQ(server.Query(sql), "") << "tables without organization_id";
  EXPECT_GE(server.CountRows(server.engine() == "postgresql"
                                 ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
                                 : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"),
            10);
}

// The two migration sets describe one schema: same version, same tables, same columns.
TEST(Schema, BothEnginesReachTheSameSchema) {
  if (TestEngine() != "postgresql") {
    GTEST_SKIP() << "compares against PostgreSQL; runs in the postgresql.* suite";
  }
  TestServer pg({}, false);
  TestServer lite(Env{{"BANGYI_DATABASE_URL", "sqlite://" + pg.data_dir() + "/compare.db"}}, false);
  ASSERT_EQ(lite.engine(), "sqlite");
  auto sqlite_columns = Lines(lite.Query(
      "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"));
  auto pg_columns = Lines(pg.Query(
      "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'"));
  EXPECT_GT(sqlite_columns.size(), 50u);
  EXPECT_EQ(sqlite_columns, pg_columns);
  EXPECT_EQ(lite.Query("SELECT MAX(version) FROM schema_version"), pg.Query("SELECT MAX(version) FROM schema_version"));
}

}  // namespace bangyi::testing
