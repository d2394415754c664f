#include "modules/surveys/survey_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::surveys {

void RegisterRoutes(http::Router& router, SurveyService& s, const access::Authenticate& authenticate) {
  using access::IdRead;
  using access::IdWrite;
  using http::Request;
  using http::Response;
  using P = const access::Principal&;
  using B = const nlohmann::json&;

  // The public page's API: no login, the token is the only key.
  router.Get("/api/v1/public/surveys/{token}",
             [&s](Request& r) { return Response::Json(200, s.PublicSurvey(r.params.at("token"))); });
  router.Post("/api/v1/public/surveys/{token}", [&s](Request& r) {
    return Response::Json(201, s.Submit(r.params.at("token"), core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/public/surveys/{token}/qr.png",
             [&s](Request& r) { return Response::Text(200, "image/png", s.QrPng(r.params.at("token"))); });
  router.Get("/api/v1/public/surveys/{token}/qr.svg",
             [&s](Request& r) { return Response::Text(200, "image/svg+xml", s.QrSvg(r.params.at("token"))); });

  router.Get("/api/v1/survey-templates", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.Templates(p));
  });
  router.Post("/api/v1/survey-templates", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(201, s.CreateTemplate(p, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/cases/{id}/survey-invitations", IdRead(authenticate, [&s](P p, int64_t id) { return s.Invitations(p, id); }));
  router.Post("/api/v1/cases/{id}/survey-invitations",
              IdWrite(authenticate, 201, [&s](P p, int64_t id, B b) { return s.Invite(p, id, b); }));
  router.Post("/api/v1/survey-invitations/{id}/cancel",
              IdWrite(authenticate, 200, [&s](P p, int64_t id, B) { return s.Cancel(p, id); }));
  router.Post("/api/v1/survey-invitations/{id}/phone-response",
              IdWrite(authenticate, 201, [&s](P p, int64_t id, B b) { return s.PhoneResponse(p, id, b); }));
  router.Get("/api/v1/survey-results", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.Results(p, r.QueryId("organization_id"), r.QueryId("project_id")));
  });
}

}  // namespace bangyi::surveys
