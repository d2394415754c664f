#include "core/validation.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace bangyi::core {

namespace {

// Minimal CSV reader for the test-vector files (fields may be quoted, no embedded quotes).
std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.push_back(field);
        field.clear();
      } else {
        field.push_back(c);
      }
    }
    fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

}  // namespace

TEST(ResidentId, MatchesEveryTestVector) {
  auto rows = ReadCsv(std::string(BANGYI_SHARED_DATA) + "/id_test_vectors.csv");
  ASSERT_GE(rows.size(), 12u);
  for (const auto& r : rows) {
    bool expected = r[1] == "1";
    EXPECT_EQ(ParseResidentId(r[0], "2026-11-29").has_value(), expected) << r[0] << " — " << r[2];
  }
}

TEST(ResidentId, ExtractsBirthDateAndSexAndNormalizes) {
  auto id = ParseResidentId("31011019930620018x", "2026-11-29");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->normalized, "31011019930620018X");
  EXPECT_EQ(id->birth_date, "1993-06-20");
  EXPECT_FALSE(id->male);
  auto full_width = ParseResidentId("３１０１０１１９５８０３１２０１７８", "2026-11-29");
  ASSERT_TRUE(full_width);
  EXPECT_EQ(full_width->normalized, "310101195803120178");
  EXPECT_TRUE(full_width->male);
}

TEST(ResidentId, NamesTheReason) {
  std::string why;
  EXPECT_FALSE(ParseResidentId("310101195803120179", "2026-11-29", &why));
  EXPECT_EQ(why, "checksum");
  EXPECT_FALSE(ParseResidentId("310104200702290330", "2026-11-29", &why));
  EXPECT_EQ(why, "birth_date");
  EXPECT_FALSE(ParseResidentId("990101198001010014", "2026-11-29", &why));
  EXPECT_EQ(why, "province");
  EXPECT_FALSE(ParseResidentId("31011519861105024", "2026-11-29", &why));
  EXPECT_EQ(why, "format");
  // A birth date that is valid today is refused on the day before it.
  EXPECT_TRUE(ParseResidentId("310104200802290338", "2008-02-29"));
  EXPECT_FALSE(ParseResidentId("310104200802290338", "2008-02-28"));
}

TEST(Mobile, MatchesEveryTestVector) {
  auto rows = ReadCsv(std::string(BANGYI_SHARED_DATA) + "/phone_test_vectors.csv");
  ASSERT_GE(rows.size(), 10u);
  for (const auto& r : rows) {
    std::string normalized = NormalizeMobile(r[0]);
    EXPECT_EQ(normalized, r[1]) << r[0];
    EXPECT_EQ(IsValidMobile(normalized), r[2] == "1") << r[0] << " — " << r[4];
    EXPECT_EQ(IsAllocatedMobile(normalized), r[3] == "1") << r[0] << " — " << r[4];
  }
  EXPECT_EQ(NormalizeMobile("0086-139-1234-5678"), "13912345678");
}

TEST(CreditCode, ComputesAndChecksTheCheckCharacter) {
  // Check character computed by hand with GB 32100-2015 weights.
  EXPECT_EQ(CreditCodeCheckChar("53310000MJ4969436"), '9');
  EXPECT_EQ(CheckCreditCode("53310000MJ49694369"), "");
  EXPECT_EQ(CheckCreditCode("53310000MJ49694368"), "checksum");
  EXPECT_EQ(CheckCreditCode("53310000MJ4969436"), "format");
  EXPECT_EQ(CheckCreditCode("53310000MJ4969436I"), "format");   // I is not in the alphabet
  EXPECT_EQ(CheckCreditCode("53AB0000MJ49694369"), "format");   // division code must be digits
  EXPECT_EQ(NormalizeCreditCode(" 53310000mj49694369 "), "53310000MJ49694369");
  for (std::string first17 : {"91310000MA1FL0000", "52310115MJ4961735", "12100000400000000"}) {
    EXPECT_EQ(CheckCreditCode(first17 + CreditCodeCheckChar(first17)), "") << first17;
  }
}

TEST(Text, WidthTrimAndLength) {
  EXPECT_EQ(NormalizeWidth("ＡＢＣ１２３　x"), "ABC123 x");
  EXPECT_EQ(Trim("  帮依一把 \n"), "帮依一把");
  EXPECT_EQ(Utf8Length("帮依一把ab"), 6u);
  EXPECT_TRUE(IsValidUtf8("帮依一把"));
  EXPECT_FALSE(IsValidUtf8("\xE5\xB8"));
  EXPECT_TRUE(IsValidEmail("a.b@example.org"));
  EXPECT_FALSE(IsValidEmail("a@b"));
}

}  // namespace bangyi::core
