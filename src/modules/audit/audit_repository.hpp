// Named SQL for audit_events (Record() is declared in audit.hpp).
#pragma once

#include <utility>
#include <vector>

#include "modules/audit/audit.hpp"

namespace bangyi::audit {

struct EventFilter {
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string actor;  // username
  std::string from;   // ISO time, inclusive
  std::string to;     // ISO time, exclusive
  std::optional<int64_t> organization_id;
};

// Newest first; returns the page and the total count.
std::pair<std::vector<nlohmann::json>, int64_t> ListEvents(db::Connection& c, const EventFilter& filter,
                                                           int64_t limit, int64_t offset);

}  // namespace bangyi::audit
