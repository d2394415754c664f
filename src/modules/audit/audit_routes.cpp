#include "modules/audit/audit_routes.hpp"

namespace bangyi::audit {

namespace {

EventFilter FilterFrom(const http::Request& r) {
  EventFilter f;
  f.action = r.Query("action").value_or("");
  f.entity_type = r.Query("entity_type").value_or("");
  f.entity_id = r.Query("entity_id").value_or("");
  f.actor = r.Query("actor").value_or("");
  f.from = r.Query("from").value_or("");
  f.to = r.Query("to").value_or("");
  if (auto org = r.Query("organization_id")) {
    try {
      f.organization_id = std::stoll(*org);
    } catch (const std::exception&) {
      throw core::Error::Validation({{"organization_id", "invalid"}});
    }
  }
  return f;
}

}  // namespace

void RegisterRoutes(http::Router& router, AuditService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/audit-events", [&service, authenticate](http::Request& r) {
    return http::Response::Json(200, service.List(authenticate(r), FilterFrom(r), http::ParsePage(r)));
  });
}

}  // namespace bangyi::audit
