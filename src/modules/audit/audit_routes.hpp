#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/audit/audit_service.hpp"

namespace bangyi::audit {

void RegisterRoutes(http::Router& router, AuditService& service, const access::Authenticate& authenticate);

}  // namespace bangyi::audit
