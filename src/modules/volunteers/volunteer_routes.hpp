// HTTP routes of the volunteers module (docs/volunteers.md).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/volunteers/pairing_service.hpp"
#include "modules/volunteers/volunteer_service.hpp"

namespace bangyi::volunteers {

void RegisterRoutes(http::Router& router, VolunteerService& volunteers, PairingService& pairings,
                    const access::Authenticate& authenticate);

}  // namespace bangyi::volunteers
