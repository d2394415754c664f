#include <gtest/gtest.h>

#include "api/api_client.hpp"

namespace bangyi::testing {

TEST(Health, ReportsEngineSchemaAndSecurityHeaders) {
  TestServer server;
  Client c(server);
  auto res = c.Get("/api/v1/health");
  ASSERT_EQ(res.status, 200);
  auto j = res.Json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["database"]["engine"], server.engine());
  EXPECT_GE(j["database"]["schema_version"].get<int>(), 2);
  EXPECT_FALSE(j["version"].get<std::string>().empty());
  EXPECT_EQ(res.headers["x-request-id"].size(), 16u);
  EXPECT_NE(res.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(res.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(res.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(res.headers["referrer-policy"], "same-origin");
}

TEST(Health, EveryResponseGetsItsOwnRequestId) {
  TestServer server;
  Client c(server);
  auto a = c.Get("/api/v1/health");
  auto b = c.Get("/api/v1/health");
  EXPECT_NE(a.headers["x-request-id"], b.headers["x-request-id"]);
}

TEST(Metrics, PrometheusTextOnLoopbackWithRouteTemplates) {
  TestServer server;
  Client c(server);
  c.Get("/api/v1/organizations/12345");
  c.Get("/api/v1/organizations/67890");
  auto res = c.Get("/metrics");
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.headers["content-type"].find("text/plain"), std::string::npos);
  EXPECT_NE(res.body.find("bangyi_http_requests_total{method=\"GET\",route=\"/api/v1/health\",status=\"200\"}"),
            std::string::npos)
      << res.body;
  // Ids are folded into the route template, so metrics do not grow with ids.
  EXPECT_NE(res.body.find("route=\"/api/v1/organizations/{id}\",status=\"401\"} 2"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("bangyi_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(res.body.find("bangyi_db_pool_connections{state=\"open\"}"), std::string::npos);
  EXPECT_NE(res.body.find("bangyi_db_writer_queue"), std::string::npos);
}

}  // namespace bangyi::testing
