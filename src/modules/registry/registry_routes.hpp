#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/registry/registry_service.hpp"

namespace bangyi::registry {

// /api/v1/households*, /api/v1/persons*.
void RegisterRoutes(http::Router& router, RegistryService& service, const access::Authenticate& authenticate);

}  // namespace bangyi::registry
