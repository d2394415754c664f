// Demo funding rounds (part of seed-demo): a finished round, a running one and one open for
// applications, with applications, reviews, decisions, projects linked to the demo cases (so
// their indicators are computed from real demo case work), tranches, evaluations and reports.
#pragma once

#include <cstdint>
#include <vector>

#include "app/demo_cases.hpp"
#include "db/database.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::app {

struct DemoRoundUsers {
  int64_t officer = 0, reviewer = 0, finance = 0;
};

struct DemoRoundCounts {
  int64_t rounds = 0, projects = 0;
};

// Runs after SeedDemoCases: cases are linked to the projects of their organization.
DemoRoundCounts SeedDemoRounds(db::Connection& c, const divisions::DivisionIndex& divisions,
                               const std::vector<DemoOrganization>& orgs, const DemoRoundUsers& users);

}  // namespace bangyi::app
