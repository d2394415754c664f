#include "modules/projects/project_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::projects {

namespace {

using http::Request;
using http::Response;

void MonitoringRoutes(http::Router& router, MonitoringService& m, const access::Authenticate& authenticate) {
  using access::IdRead;
  using access::IdWrite;
  using P = const access::Principal&;
  using B = const nlohmann::json&;
  router.Get("/api/v1/projects/{id}/reports", IdRead(authenticate, [&m](P p, int64_t id) { return m.Reports(p, id); }));
  router.Post("/api/v1/projects/{id}/reports",
              IdWrite(authenticate, 201, [&m](P p, int64_t id, B b) { return m.SubmitReport(p, id, b); }));
  router.Put("/api/v1/reports/{id}",
             IdWrite(authenticate, 200, [&m](P p, int64_t id, B b) { return m.ResubmitReport(p, id, b); }));
  router.Post("/api/v1/reports/{id}/review",
              IdWrite(authenticate, 200, [&m](P p, int64_t id, B b) { return m.ReviewReport(p, id, b); }));
  router.Get("/api/v1/reports/overdue", [&m, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, m.OverdueReports(p));
  });
  router.Get("/api/v1/projects/{id}/evaluations",
             IdRead(authenticate, [&m](P p, int64_t id) { return m.Evaluations(p, id); }));
  router.Post("/api/v1/projects/{id}/evaluations",
              IdWrite(authenticate, 201, [&m](P p, int64_t id, B b) { return m.OpenEvaluation(p, id, b); }));
  router.Get("/api/v1/evaluations/mine", [&m, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, m.MyEvaluations(p));
  });
  router.Put("/api/v1/evaluations/{id}",
             IdWrite(authenticate, 200, [&m](P p, int64_t id, B b) { return m.CompleteEvaluation(p, id, b); }));
  router.Get("/api/v1/projects/{id}/ledger", IdRead(authenticate, [&m](P p, int64_t id) { return m.Ledger(p, id); }));
  router.Get("/api/v1/rounds/{id}/ledger",
             IdRead(authenticate, [&m](P p, int64_t id) { return m.RoundLedger(p, id); }));
  router.Post("/api/v1/projects/{id}/disbursements",
              IdWrite(authenticate, 201, [&m](P p, int64_t id, B b) { return m.RequestTranche(p, id, b); }));
  router.Post("/api/v1/disbursements/{id}/approve",
              IdWrite(authenticate, 200, [&m](P p, int64_t id, B) { return m.Approve(p, id); }));
  router.Post("/api/v1/disbursements/{id}/reject",
              IdWrite(authenticate, 200, [&m](P p, int64_t id, B b) { return m.Reject(p, id, b); }));
  router.Post("/api/v1/disbursements/{id}/pay",
              IdWrite(authenticate, 200, [&m](P p, int64_t id, B b) { return m.Pay(p, id, b); }));
  router.Get("/api/v1/disbursements", [&m, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, m.Queue(p, r.Query("state").value_or("")));
  });
  router.Get("/api/v1/projects/{id}/expenses",
             IdRead(authenticate, [&m](P p, int64_t id) { return m.Expenses(p, id); }));
  router.Post("/api/v1/projects/{id}/expenses",
              IdWrite(authenticate, 201, [&m](P p, int64_t id, B b) { return m.AddExpense(p, id, b); }));
  router.Post("/api/v1/expenses/{id}/receipt", [&m, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return Response::Json(201,
                          m.UploadReceipt(p, id, r.body, r.Header("content-type"), r.Query("filename").value_or("")));
  });
  router.Get("/api/v1/expenses/{id}/receipt", [&m, authenticate](Request& r) {
    auto p = authenticate(r);
    auto file = m.Receipt(p, r.PathId("id"));
    return Response::Download(file.content_type, file.filename, std::move(file.bytes));
  });
  router.Get("/api/v1/projects/{id}/budget", IdRead(authenticate, [&m](P p, int64_t id) { return m.Budget(p, id); }));
}

}  // namespace

void RegisterRoutes(http::Router& router, ProjectService& service, MonitoringService& monitoring,
                    const access::Authenticate& authenticate) {
  MonitoringRoutes(router, monitoring, authenticate);
  router.Get("/api/v1/projects", [&service, authenticate](Request& r) {
    auto p = authenticate(r);
    int64_t round_id = r.QueryId("round_id").value_or(0);
    return Response::Json(200, service.List(p, round_id, http::ParsePage(r)));
  });
  using P = const access::Principal&;
  router.Get("/api/v1/projects/{id}",
             access::IdRead(authenticate, [&service](P p, int64_t id) { return service.Get(p, id); }));
  router.Get("/api/v1/projects/{id}/indicators",
             access::IdRead(authenticate, [&service](P p, int64_t id) { return service.Indicators(p, id); }));
  router.Post("/api/v1/projects/{id}/agreement",
              access::IdWrite(authenticate, 200, [&service](P p, int64_t id, const nlohmann::json& b) {
                return service.SignAgreement(p, id, b);
              }));
}

}  // namespace bangyi::projects
