#include "modules/accounts/account_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::accounts {

namespace {

UserFilter UserFilterFrom(const http::Request& r) {
  UserFilter f;
  f.organization_id = r.QueryId("organization_id");
  f.q = r.Query("q").value_or("");
  f.role = r.Query("role").value_or("");
  f.status = r.Query("status").value_or("");
  return f;
}

}  // namespace

void RegisterRoutes(http::Router& router, AuthService& auth, UserService& users, TokenService& tokens) {
  auto body = [](const http::Request& r) { return core::ParseJsonObject(r.body); };
  auto who = [&auth](const http::Request& r) { return auth.Authenticate(r); };

  router.Post("/api/v1/auth/login", [&auth](http::Request& r) {
    LoginResult result = auth.Login(r);
    http::Response res = http::Response::Json(200, result.me);
    res.AddHeader("Set-Cookie", result.set_cookie);
    res.AddHeader("Cache-Control", "no-store");
    return res;
  });
  router.Post("/api/v1/auth/logout", [&auth](http::Request& r) {
    http::Response res = http::Response::NoContent();
    res.AddHeader("Set-Cookie", auth.Logout(auth.Authenticate(r, true)));
    return res;
  });
  router.Get("/api/v1/auth/me", [&auth](http::Request& r) {
    http::Response res = http::Response::Json(200, auth.Me(auth.Authenticate(r, true)));
    res.AddHeader("Cache-Control", "no-store");
    return res;
  });
  router.Post("/api/v1/auth/password", [&auth](http::Request& r) {
    auth.ChangePassword(auth.Authenticate(r, true), r);
    return http::Response::NoContent();
  });

  router.Get("/api/v1/users", [&users, who](http::Request& r) {
    return http::Response::Json(200, users.List(who(r), UserFilterFrom(r), http::ParsePage(r)));
  });
  router.Post("/api/v1/users", [&users, who, body](http::Request& r) {
    auto p = who(r);  // authenticate before reading the body: 401 beats 400
    return http::Response::Json(201, users.Create(p, body(r)));
  });
  router.Get("/api/v1/users/{id}", [&users, who](http::Request& r) {
    return http::Response::Json(200, users.Get(who(r), r.PathId("id")));
  });
  router.Put("/api/v1/users/{id}", [&users, who, body](http::Request& r) {
    auto p = who(r);
    return http::Response::Json(200, users.Update(p, r.PathId("id"), body(r)));
  });
  router.Post("/api/v1/users/{id}/reset-password", [&users, who, body](http::Request& r) {
    auto p = who(r);
    users.ResetPassword(p, r.PathId("id"), body(r));
    return http::Response::NoContent();
  });

  router.Get("/api/v1/api-tokens", [&tokens, who](http::Request& r) {
    return http::Response::Json(200, tokens.List(who(r), http::ParsePage(r)));
  });
  router.Post("/api/v1/api-tokens", [&tokens, who, body](http::Request& r) {
    auto p = who(r);
    return http::Response::Json(201, tokens.Create(p, body(r)));
  });
  router.Delete("/api/v1/api-tokens/{id}", [&tokens, who](http::Request& r) {
    tokens.Revoke(who(r), r.PathId("id"));
    return http::Response::NoContent();
  });
}

}  // namespace bangyi::accounts
