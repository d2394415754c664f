#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/organizations/organization_service.hpp"

namespace bangyi::organizations {

void RegisterRoutes(http::Router& router, OrganizationService& service, const access::Authenticate& authenticate);

}  // namespace bangyi::organizations
