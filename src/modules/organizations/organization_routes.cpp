#include "modules/organizations/organization_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::organizations {

namespace {

OrganizationFilter FilterFrom(const http::Request& r) {
  OrganizationFilter f;
  f.q = r.Query("q").value_or("");
  f.district = r.Query("district").value_or("");
  f.status = r.Query("status").value_or("");
  f.org_type = r.Query("org_type").value_or("");
  return f;
}

}  // namespace

void RegisterRoutes(http::Router& router, OrganizationService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/organizations", [&service, authenticate](http::Request& r) {
    return http::Response::Json(200, service.List(authenticate(r), FilterFrom(r), http::ParsePage(r)));
  });
  router.Post("/api/v1/organizations", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);  // authenticate before reading the body: 401 beats 400
    return http::Response::Json(201, service.Create(p, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/organizations/{id}", [&service, authenticate](http::Request& r) {
    return http::Response::Json(200, service.Get(authenticate(r), r.PathId("id")));
  });
  router.Put("/api/v1/organizations/{id}", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(200, service.Update(p, r.PathId("id"), core::ParseJsonObject(r.body)));
  });
}

}  // namespace bangyi::organizations
