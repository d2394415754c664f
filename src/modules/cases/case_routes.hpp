// HTTP routes of case work (docs/case-work.md).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/cases/case_service.hpp"

namespace bangyi::cases {

void RegisterRoutes(http::Router& router, CaseService& service, const access::Authenticate& authenticate);

}  // namespace bangyi::cases
