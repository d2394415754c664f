#include "modules/projects/project_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::projects {

void RegisterRoutes(http::Router& router, ProjectService& service, const access::Authenticate& authenticate) {
  using http::Request;
  using http::Response;
  router.Get("/api/v1/projects", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t round_id = r.QueryId("round_id").value_or(0);
    return Response::Json(200, service.List(p, round_id, http::ParsePage(r)));
  });
  router.Get("/api/v1/projects/{id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Get(p, r.PathId("id")));
  });
  router.Get("/api/v1/projects/{id}/indicators", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Indicators(p, r.PathId("id")));
  });
  router.Post("/api/v1/projects/{id}/agreement", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.SignAgreement(p, id, core::ParseJsonObject(r.body)));
  });
}

}  // namespace bangyi::projects
