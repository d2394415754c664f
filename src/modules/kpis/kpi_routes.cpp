#include "modules/kpis/kpi_routes.hpp"

#include "http/pagination.hpp"

namespace bangyi::kpis {

namespace {

KpiQuery QueryOf(const http::Request& r) {
  return ParseKpiQuery([&r](const std::string& name) { return r.Query(name); });
}

}  // namespace

void RegisterRoutes(http::Router& router, KpiService& kpis, const access::Authenticate& authenticate) {
  using http::Request;
  using http::Response;
  router.Get("/api/v1/kpis", [&kpis, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, kpis.Figures(p, QueryOf(r)));
  });
  router.Get("/api/v1/kpis/records", [&kpis, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, kpis.Records(p, QueryOf(r), http::ParsePage(r)));
  });
  router.Get("/api/v1/kpis/export", [&kpis, authenticate](Request& r) {
    auto p = authenticate(r);
    auto file = kpis.Export(p, QueryOf(r), r.Query("format").value_or(""));
    return Response::Download(file.content_type, file.filename, std::move(file.body));
  });
}

}  // namespace bangyi::kpis
