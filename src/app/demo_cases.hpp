// Demo case work: cases in every state with their assessments, plans, service records, alerts,
// referrals, closings and follow-ups, generated deterministically from a seed (part of seed-demo).
#pragma once

#include <cstdint>
#include <vector>

#include "db/database.hpp"

namespace bangyi::app {

struct DemoHousehold {
  int64_t id = 0;
  std::vector<int64_t> persons;
};

struct DemoOrganization {
  int64_t id = 0;
  std::vector<int64_t> workers;  // social workers
  int64_t supervisor = 0;
  int64_t admin = 0;             // the organization's administrator
  std::vector<DemoHousehold> households;
};

struct DemoCaseCounts {
  int64_t cases = 0;
  int64_t service_records = 0;
  int64_t person_times = 0;
};

DemoCaseCounts SeedDemoCases(db::Connection& c, const std::vector<DemoOrganization>& organizations, uint32_t seed);

}  // namespace bangyi::app
