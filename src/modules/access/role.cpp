#include "modules/access/role.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"

namespace bangyi::access {

namespace {

namespace p = permission;

struct RoleDef {
  std::vector<std::string> scopes;
  std::vector<std::string> permissions;
};

const std::map<std::string, RoleDef, std::less<>>& Roles() {
  static const std::map<std::string, RoleDef, std::less<>> kRoles = {
      {"foundation_admin",
       {{"platform"},
        {std::string(p::kOrganizationsRead), std::string(p::kOrganizationsCreate), std::string(p::kOrganizationsUpdate),
         std::string(p::kUsersRead), std::string(p::kUsersManage), std::string(p::kAuditRead),
         std::string(p::kApiTokensManage), std::string(p::kDivisionsRead), std::string(p::kCasesInspect),
         std::string(p::kCatalogueManage), std::string(p::kRoundsRead), std::string(p::kRoundsManage),
         std::string(p::kProjectsRead), std::string(p::kVolunteersRead), std::string(p::kKpisRead)}}},
      {"program_officer",
       {{"platform"},
        {std::string(p::kOrganizationsRead), std::string(p::kUsersRead), std::string(p::kDivisionsRead),
         std::string(p::kCasesInspect), std::string(p::kRoundsRead), std::string(p::kRoundsManage),
         std::string(p::kProjectsRead), std::string(p::kVolunteersRead), std::string(p::kKpisRead)}}},
      {"finance",
       {{"platform"},
        {std::string(p::kOrganizationsRead), std::string(p::kDivisionsRead), std::string(p::kRoundsRead),
         std::string(p::kProjectsRead), std::string(p::kDisbursementsApprove), std::string(p::kKpisRead)}}},
      {"reviewer",
       {{"platform"}, {std::string(p::kDivisionsRead), std::string(p::kRoundsRead), std::string(p::kReviewsScore)}}},
      {"org_admin",
       {{"organization"},
        {std::string(p::kOrganizationsRead), std::string(p::kOrganizationsUpdate), std::string(p::kUsersRead),
         std::string(p::kUsersManage), std::string(p::kDivisionsRead), std::string(p::kHouseholdsRead),
         std::string(p::kCasesRead), std::string(p::kAlertsAcknowledge), std::string(p::kReferralsDecide),
         std::string(p::kRoundsRead), std::string(p::kApplicationsWrite), std::string(p::kProjectsRead),
         std::string(p::kProjectsReport), std::string(p::kVolunteersRead), std::string(p::kVolunteersManage),
         std::string(p::kKpisRead)}}},
      {"social_worker",
       {{"organization"},
        {std::string(p::kOrganizationsRead), std::string(p::kDivisionsRead), std::string(p::kHouseholdsRead),
         std::string(p::kHouseholdsWrite), std::string(p::kPersonsReveal), std::string(p::kCasesRead),
         std::string(p::kCasesWrite), std::string(p::kProjectsRead), std::string(p::kVolunteersRead),
         std::string(p::kPairingsManage), std::string(p::kKpisRead)}}},
      {"supervisor",
       {{"organization"},
        {std::string(p::kOrganizationsRead), std::string(p::kDivisionsRead), std::string(p::kHouseholdsRead),
         std::string(p::kHouseholdsWrite), std::string(p::kPersonsReveal), std::string(p::kCasesRead),
         std::string(p::kCasesWrite), std::string(p::kCasesApprove), std::string(p::kAlertsAcknowledge),
         std::string(p::kReferralsDecide), std::string(p::kProjectsRead), std::string(p::kVolunteersRead),
         std::string(p::kPairingsManage), std::string(p::kKpisRead)}}},
      {"volunteer",
       {{"organization"},
        {std::string(p::kOrganizationsRead), std::string(p::kDivisionsRead), std::string(p::kVolunteeringSelf)}}},
      {"community_adviser",
       {{"street", "district"},
        {std::string(p::kOrganizationsRead), std::string(p::kDivisionsRead), std::string(p::kCasesRead)}}},
      {"gov_viewer",
       {{"district", "platform"},
        {std::string(p::kOrganizationsRead), std::string(p::kDivisionsRead), std::string(p::kRoundsRead),
         std::string(p::kProjectsRead), std::string(p::kKpisReadSuppressed)}}},
      {"donor",
       {{"platform"},
        {std::string(p::kDivisionsRead), std::string(p::kRoundsRead), std::string(p::kProjectsRead),
         std::string(p::kKpisReadSuppressed)}}},
  };
  return kRoles;
}

bool ScopeCovers(const RoleAssignment& r, const OrganizationRef& org) {
  if (r.scope_type == kScopePlatform) {
    return true;
  }
  if (r.scope_type == kScopeOrganization) {
    return r.scope_id == std::to_string(org.id);
  }
  if (r.scope_type == kScopeDistrict && r.scope_id == org.district) {
    return true;
  }
  // District or street: also an organization serving that area.
  return std::find(org.areas.begin(), org.areas.end(), r.scope_id) != org.areas.end();
}

}  // namespace

const std::vector<std::string>& AllPermissions() {
  static const std::vector<std::string> kAll = {
      std::string(p::kOrganizationsRead), std::string(p::kOrganizationsCreate), std::string(p::kOrganizationsUpdate),
      std::string(p::kUsersRead),         std::string(p::kUsersManage),         std::string(p::kAuditRead),
      std::string(p::kApiTokensManage),   std::string(p::kDivisionsRead),       std::string(p::kHouseholdsRead),
      std::string(p::kHouseholdsWrite),   std::string(p::kPersonsReveal),       std::string(p::kCasesRead),
      std::string(p::kCasesWrite),        std::string(p::kCasesApprove),        std::string(p::kCasesInspect),
      std::string(p::kAlertsAcknowledge), std::string(p::kReferralsDecide), std::string(p::kCatalogueManage),
      std::string(p::kRoundsRead),        std::string(p::kRoundsManage),        std::string(p::kApplicationsWrite),
      std::string(p::kReviewsScore),      std::string(p::kProjectsRead),        std::string(p::kProjectsReport),
      std::string(p::kDisbursementsApprove), std::string(p::kVolunteersRead),   std::string(p::kVolunteersManage),
      std::string(p::kPairingsManage),    std::string(p::kVolunteeringSelf),    std::string(p::kKpisRead),
      std::string(p::kKpisReadSuppressed)};
  return kAll;
}

const std::vector<std::string>& AllRoles() {
  static const std::vector<std::string> kAll = [] {
    std::vector<std::string> v;
    for (const auto& [name, def] : Roles()) {
      v.push_back(name);
    }
    return v;
  }();
  return kAll;
}

bool IsRole(std::string_view role) { return Roles().find(role) != Roles().end(); }

std::vector<std::string> AllowedScopes(std::string_view role) {
  auto it = Roles().find(role);
  return it == Roles().end() ? std::vector<std::string>{} : it->second.scopes;
}

const std::vector<std::string>& PermissionsOf(std::string_view role) {
  static const std::vector<std::string> kNone;
  auto it = Roles().find(role);
  return it == Roles().end() ? kNone : it->second.permissions;
}

bool IsOrganizationStaffRole(std::string_view role) {
  return role == "org_admin" || role == "social_worker" || role == "supervisor" || role == "volunteer";
}

std::set<std::string> Principal::Permissions() const {
  std::set<std::string> out;
  for (const auto& r : roles) {
    for (const auto& perm : PermissionsOf(r.role)) {
      if (!token_scopes || token_scopes->count(perm) != 0) {
        out.insert(perm);
      }
    }
  }
  return out;
}

std::vector<RoleAssignment> Principal::ScopesFor(std::string_view perm) const {
  std::vector<RoleAssignment> out;
  if (token_scopes && token_scopes->count(std::string(perm)) == 0) {
    return out;
  }
  for (const auto& r : roles) {
    const auto& perms = PermissionsOf(r.role);
    if (std::find(perms.begin(), perms.end(), perm) != perms.end()) {
      out.push_back(r);
    }
  }
  return out;
}

bool Principal::Has(std::string_view perm) const { return !ScopesFor(perm).empty(); }

bool Principal::HasPlatform(std::string_view perm) const {
  auto scopes = ScopesFor(perm);
  return std::any_of(scopes.begin(), scopes.end(), [](const RoleAssignment& r) { return r.scope_type == kScopePlatform; });
}

bool Principal::Covers(std::string_view perm, const OrganizationRef& org) const {
  auto scopes = ScopesFor(perm);
  return std::any_of(scopes.begin(), scopes.end(), [&](const RoleAssignment& r) { return ScopeCovers(r, org); });
}

void Require(const Principal& principal, std::string_view perm) {
  if (!principal.Has(perm)) {
    throw core::Error::Forbidden("missing permission " + std::string(perm));
  }
}

void Require(const Principal& principal, std::string_view perm, const OrganizationRef& org) {
  if (!principal.Covers(perm, org)) {
    throw core::Error::Forbidden("permission " + std::string(perm) + " does not cover organization " +
                                 std::to_string(org.id));
  }
}

void RequirePlatform(const Principal& principal, std::string_view perm) {
  if (!principal.HasPlatform(perm)) {
    throw core::Error::Forbidden("permission " + std::string(perm) + " is needed platform-wide");
  }
}

}  // namespace bangyi::access
