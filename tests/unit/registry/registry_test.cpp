#include "core/money.hpp"
#include "modules/registry/registry.hpp"

#include <gtest/gtest.h>

#include "unit/support/divisions.hpp"

namespace bangyi::registry {

namespace {

const divisions::DivisionIndex& Divisions() { return bangyi::testing::TestDivisions(); }

nlohmann::json Person() {
  return {{"relation", "head"}, {"name", "王阿姨"}, {"gender", "female"}, {"birth_date", "1986-11-05"},
          {"id_number", "310115198611050242"}};
}

}  // namespace

TEST(PersonInput, AcceptsAConsistentPersonAndNormalizes) {
  auto body = Person();
  body["id_number"] = "３１０１１５１９８６１１０５０２４２";
  body["phone"] = "0086 139-1234-5678";
  body["conditions"] = {{"disability_grade", 2}, {"living_alone", true}};
  core::FieldErrors errors;
  PersonInput p = ParsePersonInput(body, "2026-11-29", errors);
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors.list());
  EXPECT_EQ(p.id_number, "310115198611050242");
  EXPECT_EQ(p.phone, "13912345678");
}

TEST(PersonInput, CrossChecksTheIdAgainstBirthDateAndGender) {
  auto body = Person();
  body["gender"] = "male";
  body["birth_date"] = "1986-11-06";
  core::FieldErrors errors;
  ParsePersonInput(body, "2026-11-29", errors);
  std::vector<core::FieldError> expected = {{"birth_date", "mismatch"}, {"gender", "mismatch"}};
  EXPECT_EQ(errors.list(), expected);
}

TEST(PersonInput, NamesEveryBadField) {
  nlohmann::json body = {{"relation", "friend"},   {"name", ""},          {"gender", "x"},
                         {"birth_date", "2099-01-01"}, {"id_number", "990101198001010014"},
                         {"phone", "12345"},       {"conditions", {{"disability_grade", 9}, {"secret", 1}}}};
  core::FieldErrors errors;
  ParsePersonInput(body, "2026-11-29", errors);
  std::vector<core::FieldError> expected = {
      {"relation", "invalid"},    {"name", "required"},    {"gender", "invalid"},
      {"birth_date", "out_of_range"}, {"id_number", "invalid"}, {"phone", "format"},
      {"conditions.disability_grade", "invalid"}, {"conditions.secret", "invalid"}};
  EXPECT_EQ(errors.list(), expected);
}

TEST(HouseholdInput, StreetMustBelongToTheDistrictAndDatesMustHold) {
  core::FieldErrors errors;
  ParseHouseholdInput({{"district_code", "310104"}, {"street_code", "310101002"},
                       {"categories", {{{"category", "dibao"}, {"valid_from", "2025-06-01"}, {"valid_to", "2025-01-01"}},
                                       {{"category", "rich"}, {"valid_from", "2025-01-01"}}}}},
                      Divisions(), errors);
  std::vector<core::FieldError> expected = {{"street_code", "mismatch"},
                                            {"categories[0].valid_to", "out_of_range"},
                                            {"categories[1].category", "invalid"}};
  EXPECT_EQ(errors.list(), expected);
  core::FieldErrors ok;
  auto h = ParseHouseholdInput({{"district_code", "310101"}, {"street_code", "310101002"},
                                {"categories", {{{"category", "policy_edge"}, {"valid_from", "2025-01-01"}}}}},
                               Divisions(), ok);
  EXPECT_TRUE(ok.empty());
  EXPECT_EQ(h.categories[0]["valid_to"], nullptr);
}

TEST(Age, CountsWholeYears) {
  EXPECT_EQ(AgeOn("2008-02-29", "2026-02-28"), 17);
  EXPECT_EQ(AgeOn("2008-02-29", "2026-03-01"), 18);
  EXPECT_EQ(AgeOn("1958-03-12", "2026-11-29"), 68);
}

}  // namespace bangyi::registry

namespace bangyi::registry {
namespace {

TEST(Money, YuanParsesToFenExactlyAndFormatsBack) {
  EXPECT_EQ(core::ParseYuan("2150.50"), 215050);
  EXPECT_EQ(core::ParseYuan("0.05"), 5);
  EXPECT_EQ(core::ParseYuan("12"), 1200);
  EXPECT_EQ(core::ParseYuan(860), 86000);
  EXPECT_EQ(core::ParseYuan(19.99), 1999);
  EXPECT_EQ(core::ParseYuan("1.234"), std::nullopt);
  EXPECT_EQ(core::ParseYuan("-5"), std::nullopt);
  EXPECT_EQ(core::ParseYuan("1."), std::nullopt);
  EXPECT_EQ(core::ParseYuan("1e3"), std::nullopt);
  EXPECT_EQ(core::ParseYuan(-1.5), std::nullopt);
  EXPECT_EQ(core::ParseYuan(1.005), std::nullopt);
  EXPECT_EQ(core::ParseYuan("1000000000"), std::nullopt);
  EXPECT_EQ(core::ParseYuan(nlohmann::json()), std::nullopt);
  EXPECT_EQ(core::FormatYuan(215050), "2150.50");
  EXPECT_EQ(core::FormatYuan(5), "0.05");
  EXPECT_EQ(core::FormatYuan(0), "0.00");
}

}  // namespace
}  // namespace bangyi::registry
