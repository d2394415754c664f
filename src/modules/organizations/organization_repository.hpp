// Named SQL for organizations and their service areas.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/organizations/organization.hpp"

namespace bangyi::organizations {

struct OrganizationFilter {
  std::string q;         // name or credit code contains
  std::string district;  // registered in or serving this district
  std::string status;
  std::string org_type;
  // Visibility: everything, or only these organization ids / area codes (districts, streets).
  bool all_visible = true;
  std::vector<int64_t> visible_ids;
  std::vector<std::string> visible_areas;
};

std::optional<Organization> FindOrganization(db::Connection& c, int64_t id);
std::optional<int64_t> FindOrganizationIdByCreditCode(db::Connection& c, const std::string& credit_code);
std::vector<Organization> ListOrganizations(db::Connection& c, const OrganizationFilter& f, int64_t limit,
                                            int64_t offset);
int64_t CountOrganizations(db::Connection& c, const OrganizationFilter& f);
int64_t InsertOrganization(db::Connection& c, const Organization& o);
// Returns false when `o.version` is stale (nothing written).
bool UpdateOrganization(db::Connection& c, const Organization& o);

}  // namespace bangyi::organizations
