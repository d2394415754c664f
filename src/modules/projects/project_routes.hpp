// HTTP routes of funded projects (docs/projects.md).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/projects/monitoring_service.hpp"
#include "modules/projects/project_service.hpp"

namespace bangyi::projects {

void RegisterRoutes(http::Router& router, ProjectService& service, MonitoringService& monitoring,
                    const access::Authenticate& authenticate);

}  // namespace bangyi::projects
