#include "modules/audit/audit_routes.hpp"

#include <regex>

namespace bangyi::audit {

namespace {

// "2026-11-29" or "2026-11-29T02:47:31Z".
bool IsIsoTime(const std::string& v) {
  static const std::regex kIso(R"(^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$)");
  return std::regex_match(v, kIso);
}

EventFilter FilterFrom(const http::Request& r) {
  EventFilter f;
  f.action = r.Query("action").value_or("");
  f.entity_type = r.Query("entity_type").value_or("");
  f.entity_id = r.Query("entity_id").value_or("");
  f.actor = r.Query("actor").value_or("");
  f.from = r.Query("from").value_or("");
  f.to = r.Query("to").value_or("");
  f.organization_id = r.QueryId("organization_id");
  // Time bounds compare as text against ISO-8601 UTC: accept only that shape.
  core::FieldErrors errors;
  for (const auto& [field, value] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (!value->empty() && !IsIsoTime(*value)) {
      errors.Add(field, "format");
    }
  }
  errors.ThrowIfAny();
  return f;
}

}  // namespace

void RegisterRoutes(http::Router& router, AuditService& service, const access::Authenticate& authenticate) {
  router.Get("/api/v1/audit-events", [&service, authenticate](http::Request& r) {
    return http::Response::Json(200, service.List(authenticate(r), FilterFrom(r), http::ParsePage(r)));
  });
}

}  // namespace bangyi::audit
