#include "modules/registry/registry_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::registry {

void RegisterRoutes(http::Router& router, RegistryService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/households", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    HouseholdFilter filter;
    filter.street = r.Query("street").value_or("");
    filter.q = r.Query("q").value_or("");
    filter.category = r.Query("category").value_or("");
    return http::Response::Json(200, service.ListHouseholds(p, filter, http::ParsePage(r)));
  });
  router.Post("/api/v1/households", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(201, service.CreateHousehold(p, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/households/{id}", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(200, service.GetHousehold(p, r.PathId("id")));
  });
  router.Put("/api/v1/households/{id}", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(200, service.UpdateHousehold(p, id, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/households/{id}/finances", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(200, service.Finances(p, r.PathId("id")));
  });
  router.Post("/api/v1/households/{id}/finances", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(201, service.AddFinance(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/households/{id}/merge", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(200, service.Merge(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/households/{id}/persons", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(201, service.AddPerson(p, id, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/persons", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    auto id_number = r.Query("id_number");
    if (!id_number || id_number->empty()) {
      throw core::Error::Validation({{"id_number", "required"}});
    }
    return http::Response::Json(200, service.FindByIdNumber(p, *id_number));
  });
  router.Get("/api/v1/persons/{id}", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(200, service.GetPerson(p, r.PathId("id")));
  });
  router.Put("/api/v1/persons/{id}", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(200, service.UpdatePerson(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/persons/{id}/reveal", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    auto res = http::Response::Json(200, service.Reveal(p, id, core::ParseJsonObject(r.body)));
    res.AddHeader("Cache-Control", "no-store");
    return res;
  });
  router.Get("/api/v1/persons/{id}/consents", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(200, service.Consents(p, r.PathId("id")));
  });
  router.Post("/api/v1/persons/{id}/consents", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(201, service.AddConsent(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/consents/{id}/withdraw", [&service, authenticate](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(200, service.WithdrawConsent(p, id, core::ParseJsonObject(r.body)));
  });
}

}  // namespace bangyi::registry
