// Rules of outcomes with no server: periods, Shanghai days, categories held on a day, ages, the
// KPI query's checks, survey answers and templates, CSV fields and QR codes.
#include <gtest/gtest.h>

#include <map>

#include "core/error.hpp"
#include "modules/kpis/kpi_export.hpp"
#include "modules/kpis/kpi_service.hpp"
#include "modules/kpis/rollup.hpp"
#include "modules/surveys/qr_code.hpp"
#include "modules/surveys/survey.hpp"

namespace bangyi {
namespace {

std::vector<std::string> Fields(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const core::Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields()) {
      out.push_back(f.field + ":" + f.code);
    }
    return out;
  }
  return {};
}

kpis::KpiQuery Parse(const std::map<std::string, std::string>& params) {
  return kpis::ParseKpiQuery([&](const std::string& name) -> std::optional<std::string> {
    auto it = params.find(name);
    return it == params.end() ? std::nullopt : std::optional(it->second);
  });
}

TEST(Rollup, ADayCountsInAllTimeItsYearQuarterAndMonth) {
  EXPECT_EQ(kpis::PeriodsOf("2026-08-15"), (std::vector<std::string>{"", "2026", "2026-Q3", "2026-08"}));
  EXPECT_EQ(kpis::PeriodsOf("2026-12-31")[2], "2026-Q4");
  EXPECT_EQ(kpis::PeriodsOf("2027-01-01")[2], "2027-Q1");
  EXPECT_EQ(kpis::PeriodsOf("2026-03-31")[2], "2026-Q1");
  EXPECT_EQ(kpis::PeriodsOf("2026-04-01")[2], "2026-Q2");
}

TEST(Rollup, TimestampsCountOnTheirShanghaiDay) {
  EXPECT_EQ(kpis::ShanghaiDay("2026-03-01T15:59:59Z"), "2026-03-01");
  EXPECT_EQ(kpis::ShanghaiDay("2026-03-01T16:00:00Z"), "2026-03-02");
  EXPECT_EQ(kpis::ShanghaiDay("2026-12-31T17:00:00Z"), "2027-01-01");
  EXPECT_EQ(kpis::ShanghaiDay("2028-02-28T20:00:00Z"), "2028-02-29");
}

TEST(Rollup, AHouseholdCountsUnderTheCategoriesItHoldsThatDay) {
  std::string json =
      R"([{"category":"dibao","valid_from":"2025-01-01","valid_to":"2026-06-30"},)"
      R"({"category":"policy_edge","valid_from":"2026-07-01"},{"category":"dibao","valid_from":"2027-01-01"}])";
  EXPECT_EQ(kpis::CategoriesOn(json, "2026-06-30"), (std::vector<std::string>{"dibao"}));
  EXPECT_EQ(kpis::CategoriesOn(json, "2026-07-01"), (std::vector<std::string>{"policy_edge"}));
  EXPECT_EQ(kpis::CategoriesOn(json, "2027-03-01"), (std::vector<std::string>{"dibao", "policy_edge"}));
  EXPECT_EQ(kpis::CategoriesOn(json, "2024-12-31"), (std::vector<std::string>{"none"}));
  EXPECT_EQ(kpis::CategoriesOn("[]", "2026-01-01"), (std::vector<std::string>{"none"}));
  EXPECT_EQ(kpis::CategoriesOn("not json", "2026-01-01"), (std::vector<std::string>{"none"}));
}

TEST(Rollup, AgeTurnsOnTheBirthday) {
  EXPECT_EQ(kpis::AgeOn("2008-11-29", "2026-11-28"), 17);
  EXPECT_EQ(kpis::AgeOn("2008-11-29", "2026-11-29"), 18);
  EXPECT_EQ(kpis::AgeOn("1966-03-01", "2026-02-28"), 59);
  EXPECT_EQ(kpis::AgeOn("1966-03-01", "2026-03-01"), 60);
}

TEST(KpiQuery, ChecksEveryParameterAndTheirCombination) {
  auto q = Parse({{"dimension", "street"}, {"district", "310101"}, {"period", "2026-Q3"}});
  EXPECT_EQ(q.dimension, "street");
  EXPECT_EQ(q.filter, "district");
  EXPECT_EQ(q.filter_key, "310101");
  EXPECT_EQ(Parse({}).dimension, "platform");
  auto month = Parse({{"dimension", "month"}, {"project_id", "7"}, {"from", "2026-01"}, {"to", "2026-06"}});
  EXPECT_EQ(month.from, "2026-01");
  EXPECT_EQ(month.filter, "project");

  EXPECT_EQ(Fields([] { Parse({{"dimension", "galaxy"}}); }), (std::vector<std::string>{"dimension:unknown"}));
  EXPECT_EQ(Fields([] { Parse({{"period", "2026-Q5"}}); }), (std::vector<std::string>{"period:invalid"}));
  EXPECT_EQ(Fields([] { Parse({{"period", "2026-13"}}); }), (std::vector<std::string>{"period:invalid"}));
  EXPECT_EQ(Fields([] { Parse({{"dimension", "year"}, {"period", "2026"}}); }),
            (std::vector<std::string>{"period:not_with_time_dimension"}));
  EXPECT_EQ(Fields([] { Parse({{"district", "310101"}, {"organization_id", "3"}}); }),
            (std::vector<std::string>{"organization_id:only_one_filter"}));
  EXPECT_EQ(Fields([] { Parse({{"organization_id", "03"}}); }), (std::vector<std::string>{"organization_id:invalid"}));
  EXPECT_EQ(Fields([] { Parse({{"project_id", "-1"}}); }), (std::vector<std::string>{"project_id:invalid"}));
  EXPECT_EQ(Fields([] { Parse({{"from", "2026-01"}}); }), (std::vector<std::string>{"from:only_with_time_dimension"}));
  EXPECT_EQ(Fields([] { Parse({{"dimension", "quarter"}, {"to", "2026-07"}}); }), (std::vector<std::string>{"to:invalid"}));
  EXPECT_EQ(Fields([] { Parse({{"dimension", "district"}, {"organization_id", "3"}}); }),
            (std::vector<std::string>{"dimension:unsupported_combination"}));
  EXPECT_TRUE(Fields([] { Parse({{"dimension", "organization"}, {"organization_id", "3"}}); }).empty());
}

TEST(Surveys, AnswersAreOnTheFivePointScaleWithOverallRequired) {
  nlohmann::json items = nlohmann::json::parse(
      R"([{"code":"attitude","label_zh":"服务态度","label_en":"Attitude"},{"code":"overall","label_zh":"总体","label_en":"Overall"}])");
  core::FieldErrors ok;
  auto a = surveys::ParseAnswers({{"answers", {{"overall", 5}, {"attitude", 4}}}, {"comment", "很好"}}, items, ok);
  EXPECT_TRUE(ok.empty());
  EXPECT_EQ(a.values.at("overall"), 5);
  EXPECT_EQ(a.comment, "很好");
  core::FieldErrors bad;
  surveys::ParseAnswers({{"answers", {{"attitude", 0}, {"speed", 3}}}, {"comment", std::string(1001, 'x')}}, items, bad);
  std::vector<std::string> got;
  for (const auto& e : bad.list()) {
    got.push_back(e.field + ":" + e.code);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"answers.attitude:out_of_range", "answers.speed:unknown",
                                           "answers.overall:required", "comment:too_long"}));
  // 1,000 Chinese characters are 1,000 characters, not 3,000 bytes.
  core::FieldErrors chinese;
  std::string thousand;
  for (int i = 0; i < 1000; ++i) {
    thousand += "好";
  }
  surveys::ParseAnswers({{"answers", {{"overall", 3}}}, {"comment", thousand}}, items, chinese);
  EXPECT_TRUE(chinese.empty());
  core::FieldErrors fraction;
  surveys::ParseAnswers({{"answers", {{"overall", 4.5}}}}, items, fraction);
  EXPECT_EQ(fraction.list().size(), 1u);
}

TEST(Surveys, TemplatesNeedOverallAndUniqueCodes) {
  core::FieldErrors errors;
  surveys::ParseTemplateInput(
      {{"name", "活动"},
       {"items", {{{"code", "venue"}, {"label_zh", "场地"}, {"label_en", "Venue"}},
                  {{"code", "venue"}, {"label_zh", "场地"}, {"label_en", "Venue"}},
                  {{"code", "Bad Code"}, {"label_zh", ""}, {"label_en", "x"}}}}},
      errors);
  std::vector<std::string> got;
  for (const auto& e : errors.list()) {
    got.push_back(e.field + ":" + e.code);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"items[1].code:duplicate", "items[2].code:invalid",
                                           "items[2].label_zh:required", "items:overall_missing"}));
}

TEST(Export, CsvQuotesFieldsAndStartsWithABom) {
  EXPECT_EQ(kpis::CsvField("黄浦区"), "黄浦区");
  EXPECT_EQ(kpis::CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(kpis::CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  nlohmann::json figures = {{"dimension", "district"},
                            {"rows", {{{"key", "310101"}, {"label", "黄浦区"},
                                       {"figures", {{"services", 12}, {"service_hours", 3.5}, {"persons", "<5"},
                                                    {"satisfaction_rate", nullptr}}}}}}};
  std::string csv = kpis::Csv(figures);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("区,代码,服务次数,服务时长（小时）"), std::string::npos);
  EXPECT_NE(csv.find("黄浦区,310101,12,3.50,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",<5,"), std::string::npos);
  std::string xlsx = kpis::Xlsx(figures);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
}

TEST(Qr, PngAndSvgOfALink) {
  std::string png = surveys::QrPng("https://bangyi.example.org/s/abcdefghijklmnopqrstuvwx", 4);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  std::string svg = surveys::QrSvg("https://bangyi.example.org/s/abcdefghijklmnopqrstuvwx");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
}

}  // namespace
}  // namespace bangyi
