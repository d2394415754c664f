#include "modules/access/role.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace bangyi::access {

namespace {
Principal With(std::vector<RoleAssignment> roles) {
  Principal p;
  p.user_id = 1;
  p.roles = std::move(roles);
  return p;
}
}  // namespace

TEST(Access, EveryRoleHasScopesAndDeniesByDefault) {
  for (const auto& role : AllRoles()) {
    EXPECT_FALSE(AllowedScopes(role).empty()) << role;
  }
  EXPECT_EQ(AllRoles().size(), 11u);
  Principal nobody = With({});
  EXPECT_FALSE(nobody.Has(permission::kOrganizationsRead));
  EXPECT_THROW(Require(nobody, permission::kOrganizationsRead), core::Error);
  EXPECT_FALSE(IsRole("root"));
  EXPECT_TRUE(PermissionsOf("root").empty());
}

TEST(Access, OrganizationScopeCoversOnlyThatOrganization) {
  Principal admin = With({{"org_admin", "organization", "7"}});
  OrganizationRef mine{7, "310101", {}};
  OrganizationRef other{8, "310101", {}};
  EXPECT_TRUE(admin.Covers(permission::kOrganizationsUpdate, mine));
  EXPECT_FALSE(admin.Covers(permission::kOrganizationsUpdate, other));
  EXPECT_FALSE(admin.HasPlatform(permission::kOrganizationsUpdate));
  EXPECT_FALSE(admin.Has(permission::kAuditRead));
  EXPECT_THROW(Require(admin, permission::kOrganizationsUpdate, other), core::Error);
}

TEST(Access, DistrictAndStreetScopes) {
  Principal gov = With({{"gov_viewer", "district", "310104"}});
  EXPECT_TRUE(gov.Covers(permission::kOrganizationsRead, {1, "310104", {}}));
  EXPECT_TRUE(gov.Covers(permission::kOrganizationsRead, {2, "310101", {"310104"}}));
  EXPECT_FALSE(gov.Covers(permission::kOrganizationsRead, {3, "310101", {}}));
  EXPECT_FALSE(gov.Has(permission::kOrganizationsUpdate));
  Principal adviser = With({{"community_adviser", "street", "310104003"}});
  EXPECT_TRUE(adviser.Covers(permission::kOrganizationsRead, {4, "310104", {"310104003"}}));
  EXPECT_FALSE(adviser.Covers(permission::kOrganizationsRead, {5, "310104", {}}));
}

TEST(Access, TokenScopesLimitTheUsersPermissions) {
  Principal p = With({{"foundation_admin", "platform", ""}});
  EXPECT_TRUE(p.HasPlatform(permission::kAuditRead));
  p.token_scopes = std::set<std::string>{"organizations.read"};
  EXPECT_TRUE(p.HasPlatform(permission::kOrganizationsRead));
  EXPECT_FALSE(p.Has(permission::kAuditRead));
  EXPECT_EQ(p.Permissions(), std::set<std::string>{"organizations.read"});
}

}  // namespace bangyi::access
