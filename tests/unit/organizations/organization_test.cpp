#include "modules/organizations/organization.hpp"

#include <gtest/gtest.h>

#include "core/validation.hpp"
#include "unit/support/divisions.hpp"

namespace bangyi::organizations {

namespace {

const divisions::DivisionIndex& Divisions() { return bangyi::testing::TestDivisions(); }

std::string Code(const std::string& first17) { return first17 + core::CreditCodeCheckChar(first17); }

}  // namespace

TEST(OrganizationInput, NormalizesAndAccepts) {
  nlohmann::json body = {{"name", " 阳光社工 "},
                         {"credit_code", "52310101mj4100037" + std::string(1, core::CreditCodeCheckChar("52310101MJ4100037"))},
                         {"org_type", "social_service_agency"},
                         {"registered_district", "310101"},
                         {"streets_served", {"310101002"}},
                         {"contact_phone", "021-63211234"}};
  core::FieldErrors errors;
  Organization o = ParseOrganizationInput(body, Divisions(), false, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(o.name, "阳光社工");
  EXPECT_EQ(o.credit_code.substr(0, 17), "52310101MJ4100037");
  EXPECT_EQ(o.status, "active");
  EXPECT_EQ(o.contact_phone, "021-63211234");
}

TEST(OrganizationInput, NamesEveryBadField) {
  nlohmann::json body = {{"name", std::string(101, 'a')}, {"credit_code", Code("52310101MJ4100037") + "0"},
                         {"org_type", "club"},            {"rating", "6A"},
                         {"registered_district", "310101002"}, {"districts_served", {"310199"}},
                         {"contact_email", "nope"},       {"status", "closed"}};
  core::FieldErrors errors;
  ParseOrganizationInput(body, Divisions(), true, errors);
  std::vector<core::FieldError> expected = {{"name", "too_long"},        {"credit_code", "format"},
                                            {"org_type", "invalid"},     {"rating", "invalid"},
                                            {"registered_district", "unknown"}, {"districts_served", "unknown"},
                                            {"contact_email", "format"}, {"status", "invalid"},
                                            {"version", "required"}};
  EXPECT_EQ(errors.list(), expected);
}

TEST(OrganizationInput, ContactPhoneAcceptsMobileAndLandline) {
  EXPECT_EQ(NormalizeContactPhone("+86 139 1234 5678"), "13912345678");
  EXPECT_EQ(NormalizeContactPhone("02163211234"), "02163211234");
  EXPECT_EQ(NormalizeContactPhone("021-6321-1234"), std::nullopt);
  EXPECT_EQ(NormalizeContactPhone("12345"), std::nullopt);
}

TEST(Organization, RefCarriesDistrictAndAreas) {
  Organization o;
  o.id = 3;
  o.registered_district = "310101";
  o.districts_served = {"310104"};
  o.streets_served = {"310101002"};
  auto ref = o.Ref();
  EXPECT_EQ(ref.id, 3);
  EXPECT_EQ(ref.areas.size(), 2u);
}

}  // namespace bangyi::organizations
