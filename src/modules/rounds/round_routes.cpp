#include "modules/rounds/round_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::rounds {

void RegisterRoutes(http::Router& router, RoundService& service, const access::Authenticate& authenticate) {
  using http::Request;
  using http::Response;
  router.Get("/api/v1/rounds", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.List(p, r.Query("state").value_or(""), http::ParsePage(r)));
  });
  router.Post("/api/v1/rounds", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(201, service.Create(p, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/rounds/{id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Get(p, r.PathId("id")));
  });
  router.Put("/api/v1/rounds/{id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Update(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/rounds/{id}/transitions", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Transition(p, id, core::ParseJsonObject(r.body)));
  });
}

}  // namespace bangyi::rounds
