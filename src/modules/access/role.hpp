// Access control (module "access"): roles, scopes, permissions and the principal.
// Roles, scopes and permissions. A user holds role assignments, each with a scope: the whole
// platform, one organization, one district or one street. A permission is granted only through
// a role whose scope covers the thing being touched. Everything not granted here is denied.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bangyi::access {

namespace permission {
inline constexpr std::string_view kOrganizationsRead = "organizations.read";
inline constexpr std::string_view kOrganizationsCreate = "organizations.create";
inline constexpr std::string_view kOrganizationsUpdate = "organizations.update";
inline constexpr std::string_view kUsersRead = "users.read";
inline constexpr std::string_view kUsersManage = "users.manage";
inline constexpr std::string_view kAuditRead = "audit.read";
inline constexpr std::string_view kApiTokensManage = "api_tokens.manage";
inline constexpr std::string_view kDivisionsRead = "divisions.read";
inline constexpr std::string_view kHouseholdsRead = "households.read";
inline constexpr std::string_view kHouseholdsWrite = "households.write";
inline constexpr std::string_view kPersonsReveal = "persons.reveal";
inline constexpr std::string_view kCasesRead = "cases.read";
inline constexpr std::string_view kCasesWrite = "cases.write";
inline constexpr std::string_view kCasesApprove = "cases.approve";      // plans, closings
inline constexpr std::string_view kCasesInspect = "cases.inspect";      // one case, with a stated purpose
inline constexpr std::string_view kAlertsAcknowledge = "alerts.acknowledge";
inline constexpr std::string_view kReferralsDecide = "referrals.decide";
inline constexpr std::string_view kCatalogueManage = "catalogue.manage";  // service types
inline constexpr std::string_view kRoundsRead = "rounds.read";
inline constexpr std::string_view kRoundsManage = "rounds.manage";        // the program officer's work
inline constexpr std::string_view kApplicationsWrite = "applications.write";
inline constexpr std::string_view kReviewsScore = "reviews.score";
inline constexpr std::string_view kProjectsRead = "projects.read";
inline constexpr std::string_view kProjectsReport = "projects.report";    // reports and expenses
inline constexpr std::string_view kDisbursementsApprove = "disbursements.approve";
inline constexpr std::string_view kVolunteersRead = "volunteers.read";
inline constexpr std::string_view kVolunteersManage = "volunteers.manage";   // approval, safeguarding, reveal
inline constexpr std::string_view kPairingsManage = "pairings.manage";       // teams, pairings, confirming visits
inline constexpr std::string_view kVolunteeringSelf = "volunteering.self";   // a volunteer's own pairings and visits
inline constexpr std::string_view kKpisRead = "kpis.read";                    // figures within the role's scope
inline constexpr std::string_view kKpisReadSuppressed = "kpis.read_suppressed";  // districts only, small cells "<5"
}  // namespace permission

const std::vector<std::string>& AllPermissions();
const std::vector<std::string>& AllRoles();

inline constexpr std::string_view kScopePlatform = "platform";
inline constexpr std::string_view kScopeOrganization = "organization";
inline constexpr std::string_view kScopeDistrict = "district";
inline constexpr std::string_view kScopeStreet = "street";

struct RoleAssignment {
  std::string role;
  std::string scope_type;
  std::string scope_id;  // "" for platform; organization id, district or street code otherwise
  bool operator==(const RoleAssignment&) const = default;
};

bool IsRole(std::string_view role);
// Scope types a role may be given, first one is the usual.
std::vector<std::string> AllowedScopes(std::string_view role);
// Permissions a role grants within its scope.
const std::vector<std::string>& PermissionsOf(std::string_view role);
// Roles an organization administrator may hand out inside their own organization.
bool IsOrganizationStaffRole(std::string_view role);

// What an organization looks like to a scope check.
struct OrganizationRef {
  int64_t id = 0;
  std::string district;              // registered district code
  std::vector<std::string> areas;    // district and street codes served
};

// An organization known only by id: enough for organization-scoped roles (the registry and case
// work are kept by organizations, never by area).
inline OrganizationRef OrganizationOnly(int64_t organization_id) { return OrganizationRef{organization_id, "", {}}; }

// Whoever makes a request: a user through a session, or through an API token with scopes.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::optional<int64_t> organization_id;
  std::vector<RoleAssignment> roles;
  std::optional<std::set<std::string>> token_scopes;  // set when authenticated by API token
  bool must_change_password = false;
  std::optional<int64_t> session_id;  // set when authenticated by session cookie
  std::string csrf_token;
  std::string request_id;
  std::string ip;

  // Union of permissions over all roles (limited to the token's scopes for a token).
  std::set<std::string> Permissions() const;
  bool Has(std::string_view perm) const;
  // Holds `perm` through a platform-wide role.
  bool HasPlatform(std::string_view perm) const;
  bool Covers(std::string_view perm, const OrganizationRef& org) const;
  // The scopes through which `perm` is held (for building list filters).
  std::vector<RoleAssignment> ScopesFor(std::string_view perm) const;
};

// Throws core::Error 403 unless principal.Has(perm) / Covers(perm, org).
void Require(const Principal& principal, std::string_view perm);
void Require(const Principal& principal, std::string_view perm, const OrganizationRef& org);
void RequirePlatform(const Principal& principal, std::string_view perm);

}  // namespace bangyi::access
