#include "app/demo_rounds.hpp"

#include <string>

#include "core/money.hpp"
#include "core/validation.hpp"
#include "modules/projects/monitoring.hpp"
#include "modules/projects/monitoring_repository.hpp"
#include "modules/projects/monitoring_service.hpp"
#include "modules/projects/project_repository.hpp"
#include "modules/rounds/application.hpp"
#include "modules/rounds/application_repository.hpp"
#include "modules/rounds/round.hpp"
#include "modules/rounds/round_repository.hpp"

namespace bangyi::app {

namespace {

namespace rs = rounds::state;

struct DemoProject {
  size_t org;  // index into the organizations
  std::string name, sub_brand, grant_yuan;
  int score;  // each reviewer criterion, 0–10
};

// A round's life up to `to`, one recorded step at a time, as the officer would move it.
void Advance(db::Connection& c, int64_t round, std::string& at, std::string_view to, int64_t officer) {
  while (at != to) {
    std::string next(rounds::NextState(at));
    rounds::MoveRound(c, round, at, next);
    rounds::InsertRoundEvent(c, round, at, next, "", officer);
    at = next;
  }
}

nlohmann::json ApplicationJson(const DemoProject& p, int64_t grant_cents) {
  // Budget lines adding up to the grant: personnel 60 %, activities 30 %, materials the rest.
  int64_t personnel = grant_cents * 60 / 100 / 12;
  int64_t activities = grant_cents * 30 / 100 / 20;
  int64_t materials = grant_cents - personnel * 12 - activities * 20;
  return {{"project_name", p.name},
          {"sub_brand", p.sub_brand},
          {"summary", "面向低保、低收入及政策边缘家庭，提供入户探访、学业辅导、心理疏导和资源链接"},
          {"need_analysis", "服务片区困境家庭照料不足、子女学业落后、社会支持薄弱"},
          {"objectives", "一年内稳定服务困境家庭，提升家庭功能与社会支持"},
          {"risks", "志愿者流失：与高校、企业签订长期协议"},
          {"target_groups", {"children", "elderly", "policy_edge"}},
          {"districts", nlohmann::json::array()},
          {"activities",
           {{{"month", "2025-09"}, {"activity", "入户评估与建档"}},
            {{"month", "2025-10"}, {"activity", "个案服务与小组活动"}}}},
          {"team",
           {{{"role", "social_worker"}, {"count", 2}},
            {{"role", "community_adviser"}, {"count", 1}},
            {{"role", "volunteer"}, {"count", 12}},
            {{"role", "professional"}, {"count", 1}}}},
          {"budget_lines",
           {{{"category", "personnel"},
             {"item", "项目社工补贴"},
             {"unit", "月"},
             {"quantity", 12},
             {"unit_price_yuan", core::FormatYuan(personnel)}},
            {{"category", "activity"},
             {"item", "小组及社区活动"},
             {"unit", "场"},
             {"quantity", 20},
             {"unit_price_yuan", core::FormatYuan(activities)}},
            {{"category", "material"},
             {"item", "助学及生活物资"},
             {"unit", "批"},
             {"quantity", 1},
             {"unit_price_yuan", core::FormatYuan(materials)}}}},
          {"indicators",
           {{{"key", "persons"}, {"target", 60}},
            {{"key", "households"}, {"target", 40}},
            {{"key", "person_times"}, {"target", 600}},
            {{"key", "services"}, {"target", 300}},
            {{"key", "service_hours"}, {"target", 400}},
            {{"key", "satisfaction_rate"}, {"target", 95}}}}};
}

struct RoundPlan {
  std::string title, theme, opens_at, closes_at, notice_on, starts_on, ends_on;
  std::string_view final_state;
  std::vector<DemoProject> projects;
};

// Applications, reviews and decisions of one round; returns the project ids of a decided round.
std::vector<int64_t> SeedRound(db::Connection& c, const divisions::DivisionIndex& divisions,
                               const std::vector<DemoOrganization>& orgs, const DemoRoundUsers& users,
                               const RoundPlan& plan) {
  auto input = rounds::ParseRoundInput(
      {{"title", plan.title},
       {"theme", plan.theme},
       {"guidelines", "## 申报指南\n面向本市登记的社会组织，聚焦低保、低收入及政策边缘家庭的服务类救助。"},
       {"total_budget_yuan", "3000000"},
       {"min_grant_yuan", "50000"},
       {"max_grant_yuan", "300000"},
       {"opens_at", plan.opens_at},
       {"closes_at", plan.closes_at},
       {"reporting", "quarterly"},
       {"min_reviewers", 1}},
      divisions);
  int64_t round = rounds::InsertRound(c, input, users.officer);
  rounds::InsertRoundEvent(c, round, "", std::string(rs::kDraft), "", users.officer);
  std::string at(rs::kDraft);
  Advance(c, round, at, plan.final_state == rs::kOpen ? rs::kOpen : rs::kClosed, users.officer);
  if (plan.final_state == rs::kOpen) {
    return {};
  }
  nlohmann::json scores = nlohmann::json::array();
  for (const auto& p : plan.projects) {
    const auto& org = orgs[p.org];
    int64_t grant = *core::ParseYuan(p.grant_yuan);
    auto doc = rounds::ParseApplication(ApplicationJson(p, grant), divisions);
    int64_t app = rounds::InsertApplication(c, org.id, round, doc, org.admin);
    rounds::MarkSubmitted(c, app, 1);
    rounds::MarkScreened(c, app, std::string(rounds::application_state::kEligible), "", users.officer);
    rounds::InsertAssignment(c, org.id, app, users.reviewer, users.officer);
    nlohmann::json given = nlohmann::json::array();
    for (const auto& criterion : input.rubric) {
      given.push_back({{"key", criterion["key"]}, {"score", p.score}, {"comment", "需求清晰，设计可行"}});
    }
    auto review = rounds::ParseReview({{"scores", given}, {"submit", true}}, input.rubric);
    rounds::SaveReview(c, rounds::FindAssignment(c, app, users.reviewer)->id, review);
    rounds::MarkDecision(c, app, grant, "", users.officer);
  }
  Advance(c, round, at, rs::kNotice, users.officer);
  rounds::SetNoticeStarted(c, round, plan.notice_on);
  Advance(c, round, at, rs::kDecided, users.officer);
  std::vector<int64_t> projects;
  for (const auto& row : rounds::ListProposed(c, round)) {
    projects.push_back(projects::CreateFromApplication(c, round, row.Int("id"), row.Int("organization_id"),
                                                       nlohmann::json::parse(row.Text("document")),
                                                       row.Int("granted_cents")));
  }
  rounds::FinalizeDecisions(c, round);
  Advance(c, round, at, plan.final_state, users.officer);
  for (size_t i = 0; i < projects.size(); ++i) {
    projects::SignAgreement(c, projects[i], 1, plan.starts_on, plan.starts_on, plan.ends_on);
    projects::LinkCases(c, projects[i], orgs[plan.projects[i].org].id, plan.starts_on, plan.ends_on);
  }
  return projects;
}

// Pays tranches 1…`paid` (gates met as they go) and requests `requested` more after them.
void Disburse(db::Connection& c, int64_t project, const DemoRoundUsers& users, size_t paid, size_t requested,
              const std::string& first_paid_on) {
  auto p = *projects::FindProject(c, project);
  auto amounts = projects::TrancheAmounts(*core::ParseYuan(p["grant_yuan"]), p["tranches"]);
  for (size_t i = 0; i < paid + requested && i < amounts.size(); ++i) {
    const auto& t = p["tranches"][i];
    int64_t d = projects::InsertDisbursement(c, p["organization_id"].get<int64_t>(), project,
                                             static_cast<int64_t>(i + 1), t["percent"].get<int64_t>(),
                                             t["gate"].get<std::string>(), amounts[i], users.officer);
    if (i < paid) {
      projects::MoveDisbursement(c, d, "requested", "approved", "", users.finance);
      projects::PayDisbursement(c, d, core::AddMonths(first_paid_on, static_cast<int>(i) * 6),
                                "BK-" + std::to_string(project) + "-" + std::to_string(i + 1), users.finance);
    }
  }
}

void Evaluate(db::Connection& c, int64_t project, const std::string& kind, const DemoRoundUsers& users) {
  auto p = *projects::FindProject(c, project);
  int64_t id =
      projects::InsertEvaluation(c, p["organization_id"].get<int64_t>(), project, kind, users.reviewer, users.officer);
  nlohmann::json checklist = {{{"item", "服务台账完整"}, {"passed", true}, {"note", ""}},
                              {{"item", "资金使用规范"}, {"passed", true}, {"note", ""}},
                              {{"item", "指标完成进度"}, {"passed", true}, {"note", ""}}};
  projects::CompleteEvaluation(c, id, checklist, 88, "pass", "项目执行规范，成效明显", users.reviewer);
}

// Accepted reports for every period ended before `until`, figures frozen from the demo cases.
void Report(db::Connection& c, int64_t project, const std::string& until, const DemoRoundUsers& users) {
  auto p = *projects::FindProject(c, project);
  for (const auto& period :
       projects::ReportSchedule("quarterly", p["starts_on"].get<std::string>(), p["ends_on"].get<std::string>())) {
    if (period.due_on >= until) {
      break;
    }
    int64_t id = projects::InsertReport(c, p["organization_id"].get<int64_t>(), project, period,
                                        "本季度按计划开展入户探访与小组活动。",
                                        projects::FrozenFigures(c, p, period.start, period.end), users.officer);
    projects::ReviewReport(c, id, "accepted", "", users.officer);
  }
}

}  // namespace

DemoRoundCounts SeedDemoRounds(db::Connection& c, const divisions::DivisionIndex& divisions,
                               const std::vector<DemoOrganization>& orgs, const DemoRoundUsers& users) {
  DemoRoundCounts counts;
  // 2025: finished — every tranche paid, both evaluations passed, every report in.
  RoundPlan finished{
      "2025年度帮依一把项目创投",
      "困境家庭的服务类救助",
      "2024-10-08T09:00",
      "2024-11-30T17:00",
      "2025-01-06",
      "2025-02-01",
      "2026-01-31",
      rs::kFinished,
      {{2, "暖心守护·独居长者关爱", "暖心守护", "200000", 8}, {3, "书香伴成长", "书香伴成长", "150000", 7}}};
  // 2026: running — the first tranche paid; 向阳计划 (the demo organization) past its mid-term.
  RoundPlan running{"2026年度帮依一把项目创投",
                    "政策边缘家庭与困境儿童",
                    "2025-06-02T09:00",
                    "2025-07-31T17:00",
                    "2025-08-18",
                    "2025-09-01",
                    "2026-12-31",
                    rs::kRunning,
                    {{1, "向阳计划·困境家庭综合帮扶", "向阳计划", "280000", 9},
                     {4, "文化润贤少", "文化润贤少", "180000", 8},
                     {5, "康复同行", "康复同行", "120000", 7},
                     {6, "一老一小互助坊", "互助坊", "90000", 6}}};
  // 2027: open for applications.
  RoundPlan open{"2027年度帮依一把项目创投",
                 "一老一小与政策边缘家庭",
                 "2026-11-01T09:00",
                 "2026-12-31T17:00",
                 "",
                 "",
                 "",
                 rs::kOpen,
                 {}};

  auto done = SeedRound(c, divisions, orgs, users, finished);
  for (int64_t p : done) {
    Evaluate(c, p, "midterm", users);
    Evaluate(c, p, "final", users);
    Disburse(c, p, users, 3, 0, "2025-02-20");
    Report(c, p, "2099-12-31", users);
    projects::SetProjectState(c, p, projects::project_state::kFinished);
  }
  auto live = SeedRound(c, divisions, orgs, users, running);
  for (size_t i = 0; i < live.size(); ++i) {
    if (i == 0) {
      Evaluate(c, live[i], "midterm", users);
      Disburse(c, live[i], users, 2, 0, "2025-09-15");
    } else {
      // One more tranche waiting in finance's queue (its gate not met yet for all but the first).
      Disburse(c, live[i], users, 1, i == 1 ? 1 : 0, "2025-09-15");
    }
    Report(c, live[i], i == 0 ? "2026-10-01" : "2026-04-01", users);
  }
  SeedRound(c, divisions, orgs, users, open);
  counts.rounds = 3;
  counts.projects = static_cast<int64_t>(done.size() + live.size());
  return counts;
}

}  // namespace bangyi::app
