// Demo volunteers (part of seed-demo): a few thousand volunteers across the districts with skills,
// languages, availability and safeguarding records; active pairings on cases in service, with
// confirmed visits (service records of the case) and visits awaiting confirmation. The demo
// `volunteer` login gets a profile and pairings with cases of the demo `worker`.
#pragma once

#include <cstdint>
#include <vector>

#include "app/demo_cases.hpp"
#include "core/field_crypto.hpp"
#include "core/secrets.hpp"
#include "db/database.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::app {

struct DemoVolunteerCounts {
  int64_t volunteers = 0;
  int64_t pairings = 0;
  int64_t visits = 0;
};

DemoVolunteerCounts SeedDemoVolunteers(db::Connection& c, const divisions::DivisionIndex& divisions,
                                       const std::vector<DemoOrganization>& organizations,
                                       const core::Secrets& secrets, int64_t demo_volunteer_user, uint32_t seed);

}  // namespace bangyi::app
