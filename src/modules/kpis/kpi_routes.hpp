// HTTP routes of the KPIs (docs/outcomes.md).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/kpis/kpi_service.hpp"

namespace bangyi::kpis {

void RegisterRoutes(http::Router& router, KpiService& kpis, const access::Authenticate& authenticate);

}  // namespace bangyi::kpis
