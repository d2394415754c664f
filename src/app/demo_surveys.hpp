// Demo satisfaction surveys (part of seed-demo): most closed cases answered a survey on the day
// they closed (by the web page or, for about a third, by a phone follow-up entered by the social
// worker), about 97% of them 满意 or 非常满意 overall; a few invitations are still open.
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace bangyi::app {

struct DemoSurveyCounts {
  int64_t invitations = 0;
  int64_t responses = 0;
};

DemoSurveyCounts SeedDemoSurveys(db::Connection& c, uint32_t seed);

}  // namespace bangyi::app
