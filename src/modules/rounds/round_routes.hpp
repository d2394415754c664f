// HTTP routes of funding rounds, their applications and review (docs/rounds.md).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/rounds/application_service.hpp"
#include "modules/rounds/review_service.hpp"
#include "modules/rounds/round_service.hpp"

namespace bangyi::rounds {

struct RoundServices {
  RoundService& rounds;
  ApplicationService& applications;
  ReviewService& reviews;
};

void RegisterRoutes(http::Router& router, const RoundServices& services, const access::Authenticate& authenticate);

}  // namespace bangyi::rounds
