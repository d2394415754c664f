#include "modules/rounds/round_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::rounds {

namespace {

using http::Request;
using http::Response;

void RoundRoutes(http::Router& router, RoundService& service, const access::Authenticate& authenticate) {
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

void ApplicationRoutes(http::Router& router, ApplicationService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/rounds/{id}/applications", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.List(p, id, r.Query("state").value_or(""), http::ParsePage(r)));
  });
  router.Post("/api/v1/rounds/{id}/applications", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.Create(p, id, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/applications/{id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Get(p, r.PathId("id")));
  });
  router.Put("/api/v1/applications/{id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Update(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/applications/{id}/submit", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Submit(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/applications/{id}/attachments", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.Upload(p, id, r.body, r.Header("content-type"), r.Query("filename").value_or("")));
  });
  router.Get("/api/v1/applications/{id}/attachments", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Documents(p, r.PathId("id")));
  });
  router.Get("/api/v1/applications/{id}/attachments/{document_id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    auto file = service.Fetch(p, r.PathId("id"), r.PathId("document_id"));
    return Response::Download(file.content_type, file.filename, std::move(file.bytes));
  });
  router.Post("/api/v1/applications/{id}/screening", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Screen(p, id, core::ParseJsonObject(r.body)));
  });
}

void ReviewRoutes(http::Router& router, ReviewService& service, const access::Authenticate& authenticate) {
  router.Post("/api/v1/applications/{id}/reviewers", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Assign(p, id, core::ParseJsonObject(r.body)));
  });
  router.Delete("/api/v1/applications/{id}/reviewers/{user_id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Unassign(p, r.PathId("id"), r.PathId("user_id")));
  });
  router.Post("/api/v1/applications/{id}/conflict", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.DeclareConflict(p, id, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/applications/{id}/review", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.OwnReview(p, r.PathId("id")));
  });
  router.Put("/api/v1/applications/{id}/review", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.SaveOwnReview(p, id, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/applications/{id}/reviews", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Reviews(p, r.PathId("id")));
  });
  router.Get("/api/v1/rounds/{id}/results", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Results(p, r.PathId("id")));
  });
  router.Post("/api/v1/applications/{id}/decision", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Decide(p, id, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/rounds/{id}/objections", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Objections(p, r.PathId("id")));
  });
  router.Post("/api/v1/rounds/{id}/objections", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.RecordObjection(p, id, core::ParseJsonObject(r.body)));
  });
  router.Post("/api/v1/objections/{id}/resolve", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.ResolveObjection(p, id, core::ParseJsonObject(r.body)));
  });
  // 公示 is public: no session.
  router.Get("/api/v1/public/rounds/{id}/notice",
             [&service](Request& r) { return Response::Json(200, service.PublicNotice(r.PathId("id"))); });
}

}  // namespace

void RegisterRoutes(http::Router& router, const RoundServices& services, const access::Authenticate& authenticate) {
  RoundRoutes(router, services.rounds, authenticate);
  ApplicationRoutes(router, services.applications, authenticate);
  ReviewRoutes(router, services.reviews, authenticate);
}

}  // namespace bangyi::rounds
