#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::divisions {

// GET /api/v1/divisions: any signed-in user (divisions.read).
void RegisterRoutes(http::Router& router, const DivisionIndex& index, const access::Authenticate& authenticate);

}  // namespace bangyi::divisions
