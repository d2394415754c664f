// HTTP routes of funding rounds (/api/v1/rounds).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/rounds/round_service.hpp"

namespace bangyi::rounds {

void RegisterRoutes(http::Router& router, RoundService& service, const access::Authenticate& authenticate);

}  // namespace bangyi::rounds
