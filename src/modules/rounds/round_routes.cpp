#include "modules/rounds/round_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::rounds {

namespace {

using access::IdRead;
using access::IdWrite;
using http::Request;
using http::Response;
using P = const access::Principal&;
using B = const nlohmann::json&;

void RoundRoutes(http::Router& router, RoundService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/rounds", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.List(p, r.Query("state").value_or(""), http::ParsePage(r)));
  });
  router.Post("/api/v1/rounds", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(201, service.Create(p, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/rounds/{id}", IdRead(authenticate, [&service](P p, int64_t id) { return service.Get(p, id); }));
  router.Put("/api/v1/rounds/{id}",
             IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Update(p, id, b); }));
  router.Post("/api/v1/rounds/{id}/transitions",
              IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Transition(p, id, b); }));
}

void ApplicationRoutes(http::Router& router, ApplicationService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/rounds/{id}/applications", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.List(p, id, r.Query("state").value_or(""), http::ParsePage(r)));
  });
  router.Post("/api/v1/rounds/{id}/applications",
              IdWrite(authenticate, 201, [&service](P p, int64_t id, B b) { return service.Create(p, id, b); }));
  router.Get("/api/v1/applications/{id}",
             IdRead(authenticate, [&service](P p, int64_t id) { return service.Get(p, id); }));
  router.Put("/api/v1/applications/{id}",
             IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Update(p, id, b); }));
  router.Post("/api/v1/applications/{id}/submit",
              IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Submit(p, id, b); }));
  router.Post("/api/v1/applications/{id}/attachments", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201,
                          service.Upload(p, id, r.body, r.Header("content-type"), r.Query("filename").value_or("")));
  });
  router.Get("/api/v1/applications/{id}/attachments",
             IdRead(authenticate, [&service](P p, int64_t id) { return service.Documents(p, id); }));
  router.Get("/api/v1/applications/{id}/attachments/{document_id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    auto file = service.Fetch(p, r.PathId("id"), r.PathId("document_id"));
    return Response::Download(file.content_type, file.filename, std::move(file.bytes));
  });
  router.Post("/api/v1/applications/{id}/screening",
              IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Screen(p, id, b); }));
}

void ReviewRoutes(http::Router& router, ReviewService& service, const access::Authenticate& authenticate) {
  router.Post("/api/v1/applications/{id}/reviewers",
              IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Assign(p, id, b); }));
  router.Delete("/api/v1/applications/{id}/reviewers/{user_id}", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Unassign(p, r.PathId("id"), r.PathId("user_id")));
  });
  router.Post("/api/v1/applications/{id}/conflict", IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) {
                return service.DeclareConflict(p, id, b);
              }));
  router.Get("/api/v1/applications/{id}/review",
             IdRead(authenticate, [&service](P p, int64_t id) { return service.OwnReview(p, id); }));
  router.Put("/api/v1/applications/{id}/review",
             IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.SaveOwnReview(p, id, b); }));
  router.Get("/api/v1/applications/{id}/reviews",
             IdRead(authenticate, [&service](P p, int64_t id) { return service.Reviews(p, id); }));
  router.Get("/api/v1/rounds/{id}/results",
             IdRead(authenticate, [&service](P p, int64_t id) { return service.Results(p, id); }));
  router.Post("/api/v1/applications/{id}/decision",
              IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) { return service.Decide(p, id, b); }));
  router.Get("/api/v1/rounds/{id}/objections",
             IdRead(authenticate, [&service](P p, int64_t id) { return service.Objections(p, id); }));
  router.Post("/api/v1/rounds/{id}/objections", IdWrite(authenticate, 201, [&service](P p, int64_t id, B b) {
                return service.RecordObjection(p, id, b);
              }));
  router.Post("/api/v1/objections/{id}/resolve", IdWrite(authenticate, 200, [&service](P p, int64_t id, B b) {
                return service.ResolveObjection(p, id, b);
              }));
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
