#include "modules/cases/case_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::cases {

void RegisterRoutes(http::Router& router, CaseService& service, const access::Authenticate& authenticate) {
  using http::Request;
  using http::Response;
  auto purpose = [](const Request& r) { return r.Query("purpose").value_or(""); };
  auto body = [](const Request& r) { return core::ParseJsonObject(r.body); };

  router.Get("/api/v1/staff", [&service, authenticate](Request& r) {
    return Response::Json(200, service.Staff(authenticate(r)));
  });
  router.Get("/api/v1/service-types", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.ServiceTypes(p, r.Query("all").value_or("") == "true"));
  });
  router.Post("/api/v1/service-types", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.SaveServiceType(p, body(r)));
  });
  router.Get("/api/v1/referral-targets", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.ReferralTargets(p, r.Query("q").value_or("")));
  });
  router.Get("/api/v1/cases", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    CaseListQuery q;
    q.state = r.Query("state").value_or("");
    q.mine = r.Query("mine").value_or("") == "true";
    q.household_id = r.QueryId("household_id").value_or(0);
    return Response::Json(200, service.List(p, q, http::ParsePage(r)));
  });
  router.Post("/api/v1/cases", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    return Response::Json(201, service.Create(p, body(r)));
  });
  router.Get("/api/v1/cases/{id}", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Get(p, r.PathId("id"), purpose(r)));
  });
  router.Get("/api/v1/cases/{id}/timeline", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Timeline(p, r.PathId("id"), purpose(r)));
  });
  router.Post("/api/v1/cases/{id}/transitions", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.Transition(p, id, body(r)));
  });
  router.Get("/api/v1/cases/{id}/assessments", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Assessments(p, r.PathId("id"), purpose(r)));
  });
  router.Post("/api/v1/cases/{id}/assessments", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.AddAssessment(p, id, body(r)));
  });
  router.Put("/api/v1/cases/{id}/plan", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.SavePlan(p, id, body(r)));
  });
  router.Post("/api/v1/cases/{id}/plan/submit", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.SubmitPlan(p, r.PathId("id")));
  });
  router.Post("/api/v1/cases/{id}/plan/decision", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.DecidePlan(p, id, body(r)));
  });
  router.Get("/api/v1/cases/{id}/plans", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Plans(p, r.PathId("id"), purpose(r)));
  });
  router.Get("/api/v1/cases/{id}/service-records", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.ServiceRecords(p, id, http::ParsePage(r), purpose(r)));
  });
  router.Post("/api/v1/cases/{id}/service-records", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.AddServiceRecord(p, id, body(r)));
  });
  router.Post("/api/v1/cases/{id}/referrals", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.Refer(p, id, body(r)));
  });
  router.Post("/api/v1/cases/{id}/closing", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.RecordClosing(p, id, body(r)));
  });
  router.Post("/api/v1/cases/{id}/closing/sign-off", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.SignOff(p, r.PathId("id")));
  });
  router.Post("/api/v1/cases/{id}/follow-ups/{fid}", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    int64_t fid = r.PathId("fid");
    return Response::Json(200, service.CompleteFollowUp(p, id, fid, body(r)));
  });
  router.Post("/api/v1/cases/{id}/attachments", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201, service.Upload(p, id, r.body, r.Header("content-type"),
                                              r.Query("filename").value_or(""), r.QueryId("service_record_id")));
  });
  router.Get("/api/v1/cases/{id}/attachments", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Attachments(p, r.PathId("id"), purpose(r)));
  });
  router.Get("/api/v1/attachments/{id}", [&service, authenticate, purpose](Request& r) {
    auto p = authenticate(r);
    Download file = service.Fetch(p, r.PathId("id"), purpose(r));
    return Response::Download(file.content_type, file.filename, std::move(file.bytes));
  });
  router.Get("/api/v1/alerts", [&service, authenticate](Request& r) {
    return Response::Json(200, service.Alerts(authenticate(r)));
  });
  router.Post("/api/v1/alerts/{id}/acknowledge", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.AcknowledgeAlert(p, id, body(r)));
  });
  router.Get("/api/v1/referrals", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, service.Referrals(p, r.Query("direction").value_or(""), r.Query("status").value_or("")));
  });
  router.Post("/api/v1/referrals/{id}/decision", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.DecideReferral(p, id, body(r)));
  });
  router.Post("/api/v1/referrals/{id}/outcome", [&service, authenticate, body](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(200, service.ReferralOutcome(p, id, body(r)));
  });
  router.Get("/api/v1/work-queue", [&service, authenticate](Request& r) {
    return Response::Json(200, service.WorkQueue(authenticate(r)));
  });
  router.Get("/api/v1/duplicate-check", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    auto res = Response::Json(200, service.DuplicateCheck(p, r.Query("id_number").value_or(""),
                                                          r.Query("name").value_or(""),
                                                          r.Query("birth_date").value_or(""),
                                                          r.Query("street_code").value_or("")));
    res.AddHeader("Cache-Control", "no-store");
    return res;
  });
}

}  // namespace bangyi::cases
