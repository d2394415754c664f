#include "http/router.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/pagination.hpp"

namespace bangyi::http {

namespace {
Response Named(const std::string& name) { return Response::Text(200, "text/plain", name); }
}  // namespace

TEST(Router, MatchesPathParametersAndSetsTheTemplate) {
  Router router;
  router.Get("/api/v1/organizations", [](Request&) { return Named("list"); });
  router.Get("/api/v1/organizations/{id}", [](Request&) { return Named("get"); });
  router.Put("/api/v1/organizations/{id}", [](Request&) { return Named("put"); });
  router.Post("/api/v1/users/{id}/reset-password", [](Request&) { return Named("reset"); });

  Request r;
  r.method = "GET";
  r.path = "/api/v1/organizations/42";
  const Handler* h = nullptr;
  ASSERT_EQ(router.Match(r, &h), Router::MatchResult::kFound);
  EXPECT_EQ((*h)(r).body, "get");
  EXPECT_EQ(r.params.at("id"), "42");
  EXPECT_EQ(r.route_template, "/api/v1/organizations/{id}");

  r.method = "POST";
  r.path = "/api/v1/users/7/reset-password";
  ASSERT_EQ(router.Match(r, &h), Router::MatchResult::kFound);
  EXPECT_EQ((*h)(r).body, "reset");

  r.method = "HEAD";
  r.path = "/api/v1/organizations/";
  ASSERT_EQ(router.Match(r, &h), Router::MatchResult::kFound);
  EXPECT_EQ((*h)(r).body, "list");
}

TEST(Router, TellsNotFoundFromMethodNotAllowed) {
  Router router;
  router.Get("/api/v1/organizations/{id}", [](Request&) { return Named("get"); });
  Request r;
  const Handler* h = nullptr;
  r.method = "DELETE";
  r.path = "/api/v1/organizations/1";
  EXPECT_EQ(router.Match(r, &h), Router::MatchResult::kMethodNotAllowed);
  r.method = "GET";
  r.path = "/api/v1/organizations/1/extra";
  EXPECT_EQ(router.Match(r, &h), Router::MatchResult::kNotFound);
  EXPECT_THROW(router.Get("/api/v1/organizations/{id}", [](Request&) { return Named("x"); }), std::logic_error);
}

TEST(Request, QueryCookiesAndPathIds) {
  EXPECT_EQ(ParseQuery("q=%E5%B8%AE+x&per=5&flag")["q"], "帮 x");
  Request r;
  r.headers["cookie"] = "a=1; bangyi_session=tok; b=2";
  EXPECT_EQ(r.Cookie("bangyi_session"), "tok");
  EXPECT_EQ(r.Cookie("missing"), "");
  r.params["id"] = "12";
  EXPECT_EQ(r.PathId("id"), 12);
  r.params["id"] = "12x";
  EXPECT_THROW(r.PathId("id"), core::Error);
  r.params["id"] = "-3";
  EXPECT_THROW(r.PathId("id"), core::Error);
}

TEST(Pagination, DefaultsLimitsAndErrors) {
  Request r;
  Page p = ParsePage(r);
  EXPECT_EQ(p.page, 1);
  EXPECT_EQ(p.per, 20);
  r.query = {{"page", "3"}, {"per", "200"}};
  p = ParsePage(r);
  EXPECT_EQ(p.Offset(), 400);
  r.query = {{"page", "0"}, {"per", "201"}};
  try {
    ParsePage(r);
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(core::HttpStatus(e.kind()), 422);
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].field, "page");
    EXPECT_EQ(e.fields()[1].field, "per");
  }
  auto body = ListBody({nlohmann::json{{"id", 1}}}, 41, Page{3, 20});
  EXPECT_EQ(body["metadata"]["total"], 41);
  EXPECT_EQ(body["data"].size(), 1u);
}

}  // namespace bangyi::http
