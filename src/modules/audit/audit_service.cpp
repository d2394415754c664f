#include "modules/audit/audit_service.hpp"

namespace bangyi::audit {

Actor ActorOf(const access::Principal& principal) {
  return Actor{principal.user_id, principal.username, principal.request_id, principal.ip};
}

nlohmann::json AuditService::List(const access::Principal& principal, const EventFilter& filter,
                                  const http::Page& page) {
  access::RequirePlatform(principal, access::permission::kAuditRead);
  auto [rows, total] = db_.Read([&](db::Connection& c) { return ListEvents(c, filter, page.per, page.Offset()); });
  return http::ListBody(std::move(rows), total, page);
}

}  // namespace bangyi::audit
