// Reading the audit log: foundation administrators only (audit.read, platform-wide).
#pragma once

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/audit/audit_repository.hpp"

namespace bangyi::audit {

Actor ActorOf(const access::Principal& principal);

class AuditService {
 public:
  explicit AuditService(db::Database& db) : db_(db) {}
  nlohmann::json List(const access::Principal& principal, const EventFilter& filter, const http::Page& page);

 private:
  db::Database& db_;
};

}  // namespace bangyi::audit
