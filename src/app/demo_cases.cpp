#include "app/demo_cases.hpp"

#include <random>
#include <string>

#include "core/validation.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/case_repository.hpp"
#include "modules/cases/case_state.hpp"
#include "modules/registry/registry_repository.hpp"

namespace bangyi::app {

namespace {

namespace s = cases::state;

// The main path of a case; a demo case walks it up to its target state.
const std::vector<std::string_view> kPath = {s::kIntake,  s::kAssessing, s::kPlanning, s::kPlanPendingApproval,
                                             s::kInService, s::kClosing, s::kClosed,   s::kFollowUp};

struct Weighted {
  std::string_view state;
  int weight;
};
const std::vector<Weighted> kTargets = {
    {s::kIntake, 5},   {s::kAssessing, 6}, {s::kPlanning, 5},  {s::kPlanPendingApproval, 4},
    {s::kInService, 34}, {s::kSuspended, 3}, {s::kClosing, 5}, {s::kClosed, 14},
    {s::kFollowUp, 10}, {s::kRejected, 4}, {s::kTransferred, 3}};

const std::vector<std::string> kSources = {"self", "neighbourhood_committee", "neighbourhood_committee",
                                           "community_adviser", "street_office", "civil_affairs"};
const std::vector<std::string> kProblems = {
    "祖孙二人生活，孙子学业困难，祖母患慢性病需照护", "独居老人，行动不便，缺少日常照料", "家庭成员患重病，医疗支出大，情绪低落",
    "单亲母亲失业，孩子需课后辅导",                   "残疾人家庭，康复训练与就业需求",   "支出型贫困家庭，子女教育费用压力大"};
const std::vector<std::string> kModes = {"home_visit", "home_visit", "phone", "centre", "online"};
const std::vector<std::string> kTypes = {"material_aid", "psychological_support", "life_care", "tutoring",
                                         "employment_help", "health_rehabilitation", "social_integration",
                                         "resource_linking"};
const std::vector<std::string> kContents = {"入户探访，了解近况并送去米面油", "电话关怀，疏导情绪", "陪同就医并协助办理医保报销",
                                            "学业辅导，检查作业",               "链接社区卫生服务中心家庭医生", "协助申请临时救助"};

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }
  std::string_view Target() {
    int total = 0;
    for (const auto& t : kTargets) {
      total += t.weight;
    }
    int r = static_cast<int>(Below(static_cast<uint64_t>(total)));
    for (const auto& t : kTargets) {
      if ((r -= t.weight) < 0) {
        return t.state;
      }
    }
    return s::kInService;
  }

 private:
  std::mt19937 rng_;
};

std::string Day(const std::string& from, int days) {
  // Months of ~30 days are plenty for demo spacing.
  return core::AddMonths(from, days / 30);
}

nlohmann::json Assessment(Gen& g, const std::string& kind, const std::string& on, int base) {
  nlohmann::json scores = nlohmann::json::array();
  for (const auto& d : cases::Domains()) {
    int score = std::clamp(base + static_cast<int>(g.Below(3)) - 1, 1, 5);
    scores.push_back({{"domain", d.code}, {"level", d.level}, {"score", score}, {"evidence", "入户评估观察"},
                      {"strengths", ""}});
  }
  static const std::vector<std::string> kRisks = {"low", "low", "medium", "medium", "high", "critical"};
  std::string risk = kind == "closing" ? "low" : g.Pick(kRisks);
  return {{"kind", kind}, {"assessed_on", on}, {"risk_level", risk}, {"summary", "评估小结"}, {"scores", scores}};
}

}  // namespace

DemoCaseCounts SeedDemoCases(db::Connection& c, const std::vector<DemoOrganization>& organizations, uint32_t seed) {
  Gen g(seed);
  DemoCaseCounts counts;
  const std::string base = "2025-09-01";
  for (size_t k = 0; k < organizations.size(); ++k) {
    const auto& org = organizations[k];
    if (org.workers.empty() || org.supervisor == 0) {
      continue;
    }
    for (size_t n = 0; n < org.households.size(); ++n) {
      const auto& household = org.households[n];
      if (g.Below(10) >= 8 || household.persons.empty()) {
        continue;  // not every registered household has a case
      }
      std::string_view target = g.Target();
      int64_t worker = org.workers[g.Below(org.workers.size())];
      std::string opened = core::AddMonths(base, static_cast<int>(g.Below(12)));
      cases::CaseRow row;
      row.organization_id = org.id;
      row.household_id = household.id;
      row.primary_person_id = household.persons.front();
      row.state = std::string(target);
      row.referral_source = g.Pick(kSources);
      row.presenting_problem = g.Pick(kProblems);
      row.urgency = g.Below(8) == 0 ? "urgent" : "normal";
      row.social_worker_id = worker;
      row.supervisor_id = org.supervisor;
      row.opened_on = opened;
      int64_t id = cases::InsertCase(c, row);
      ++counts.cases;
      registry::InsertConsent(c, {org.id, household.persons.front(), "service", opened, "接案时签署", worker});
      auto event = [&](const std::string& kind, std::optional<std::string> from, std::optional<std::string> to,
                       std::optional<int64_t> ref, const std::string& summary, int64_t actor) {
        cases::InsertEvent(c, {org.id, id, kind, std::move(from), std::move(to), "", ref, summary, actor});
      };
      event("state_change", std::nullopt, std::string(s::kIntake), std::nullopt, "", worker);
      // Side states branch off the main path at a point of it.
      std::string_view walk_to = target;
      if (target == s::kRejected) {
        walk_to = g.Below(2) == 0 ? s::kIntake : s::kAssessing;
      } else if (target == s::kSuspended || target == s::kTransferred) {
        walk_to = s::kInService;
      }
      std::string previous(s::kIntake);
      std::string on = opened;
      std::string risk = "low";
      bool assessed = false;
      nlohmann::json goals = nlohmann::json::array();
      for (size_t step = 1; step < kPath.size() && previous != walk_to; ++step) {
        std::string next(kPath[step]);
        on = Day(on, 20 + static_cast<int>(g.Below(40)));
        if (next == s::kPlanning) {
          auto a = Assessment(g, "initial", on, 2);
          risk = a["risk_level"].get<std::string>();
          assessed = true;
          int64_t aid = cases::InsertAssessment(c, org.id, id, a, worker);
          event("assessment", std::nullopt, std::nullopt, aid, "initial:" + risk, worker);
          if (cases::IsHighRisk(risk)) {
            int64_t alert = cases::InsertAlert(c, org.id, id, "risk_level", risk, "评估风险等级：" + risk, aid);
            event("alert", std::nullopt, std::nullopt, alert, "评估风险等级：" + risk, worker);
            if (g.Below(3) != 0) {
              cases::AcknowledgeAlert(c, alert, org.supervisor, "已跟进");
              event("alert_ack", std::nullopt, std::nullopt, alert, "", org.supervisor);
            }
          }
        }
        if (next == s::kPlanPendingApproval) {
          goals = nlohmann::json::array({{{"key", "g1"}, {"title", "改善家庭生活状况"}, {"indicator", "每月探访不少于2次"},
                                          {"target_date", core::AddMonths(on, 6)}},
                                         {{"key", "g2"}, {"title", "增强社会支持"}, {"indicator", "链接至少1项社区资源"},
                                          {"target_date", core::AddMonths(on, 6)}}});
          nlohmann::json plan = {{"goals", goals},
                                 {"interventions", nlohmann::json::array({{{"description", "定期入户探访"},
                                                                           {"goal_index", 0},
                                                                           {"responsible_user_id", worker},
                                                                           {"responsible_name", ""}}})},
                                 {"resources", nlohmann::json::array()}};
          int64_t plan_id = cases::InsertPlan(c, org.id, id, 1, plan, worker);
          cases::SubmitPlan(c, plan_id);
          event("plan_version", std::nullopt, std::nullopt, plan_id, "v1 submitted", worker);
        }
        if (next == s::kInService) {
          auto plan = cases::CurrentPlan(c, id);
          cases::DecidePlan(c, (*plan)["id"].get<int64_t>(), "approved", org.supervisor, "");
          event("plan_decision", std::nullopt, std::nullopt, (*plan)["id"].get<int64_t>(), "approved", org.supervisor);
        }
        if (next == s::kClosing) {
          int64_t aid = cases::InsertAssessment(c, org.id, id, Assessment(g, "closing", on, 4), worker);
          event("assessment", std::nullopt, std::nullopt, aid, "closing:low", worker);
        }
        if (next == s::kClosed) {
          cases::UpsertClosing(c, org.id, id,
                               {{"reason", "goals_met"},
                                {"summary", "服务目标基本达成，家庭状况改善"},
                                {"goal_attainment", nlohmann::json::array({{{"goal_key", "g1"}, {"attainment", "achieved"}},
                                                                           {{"goal_key", "g2"}, {"attainment", "partly"}}})}},
                               worker);
          cases::SignOffClosing(c, id, org.supervisor);
          event("closing", std::nullopt, std::nullopt, std::nullopt, "goals_met", worker);
          for (int months : {1, 3}) {
            cases::InsertFollowUp(c, org.id, id, core::AddMonths(on, months));
          }
          cases::SetClosedOn(c, id, on);
        }
        if (next == s::kFollowUp) {
          auto follow_ups = cases::ListFollowUps(c, id);
          int64_t fid = follow_ups[0]["id"].get<int64_t>();
          cases::CompleteFollowUp(c, fid, follow_ups[0]["due_on"].get<std::string>(), "电话回访，情况稳定", worker);
          event("follow_up", std::nullopt, std::nullopt, fid, "", worker);
        }
        int64_t actor = next == s::kInService || next == s::kClosed ? org.supervisor : worker;
        event("state_change", previous, next, std::nullopt, "", actor);
        previous = next;
        if (next == s::kInService) {
          // Services while in service: two to nine records, some with every member.
          int records = 2 + static_cast<int>(g.Below(8));
          for (int r = 0; r < records; ++r) {
            cases::ServiceRecordRow rec;
            rec.organization_id = org.id;
            rec.case_id = id;
            rec.served_on = core::AddMonths(on, r / 3);
            rec.start_time = "1" + std::to_string(g.Below(8)) + ":00";
            rec.duration_minutes = 30 + static_cast<int64_t>(g.Below(6)) * 15;
            rec.mode = g.Pick(kModes);
            rec.service_type = g.Pick(kTypes);
            rec.content = g.Pick(kContents);
            rec.created_by = worker;
            std::vector<cases::Participant> people;
            size_t n_people = g.Below(3) == 0 ? household.persons.size() : 1;
            for (size_t i = 0; i < n_people; ++i) {
              people.push_back({household.persons[i], id});
            }
            int64_t rid = cases::InsertServiceRecord(c, rec, people, {worker});
            event("service_record", std::nullopt, std::nullopt, rid,
                  rec.service_type + " · " + std::to_string(people.size()) + "人次", worker);
            ++counts.service_records;
            counts.person_times += static_cast<int64_t>(people.size());
          }
        }
      }
      if (target == s::kRejected || target == s::kSuspended || target == s::kTransferred) {
        std::string why = target == s::kRejected ? "经评估不符合服务条件" : target == s::kSuspended ? "服务对象住院，暂停服务" : "家庭搬迁，转介至当地机构";
        event("state_change", previous, std::string(target), std::nullopt, why, worker);
      }
      if (target == s::kRejected || target == s::kTransferred) {
        cases::SetClosedOn(c, id, on);
      }
      if (target == s::kTransferred) {
        // The receiving organization: the household copied there, a case waiting in "referred".
        const auto& to = organizations[(k + 1) % organizations.size()];
        registry::InsertConsent(c, {org.id, household.persons.front(), "data_sharing", opened, "", worker});
        int64_t referral = cases::InsertReferral(c, org.id, id, to.id, "", "transfer", "家庭搬迁，转介至当地机构", worker);
        int64_t copied = registry::CopyHousehold(c, household.id, to.id);
        cases::CaseRow moved;
        moved.organization_id = to.id;
        moved.household_id = copied;
        moved.state = std::string(s::kReferred);
        moved.referral_source = "other_organization";
        moved.referral_note = "家庭搬迁，转介至当地机构";
        moved.presenting_problem = row.presenting_problem;
        moved.urgency = row.urgency;
        moved.social_worker_id = to.workers.empty() ? std::nullopt : std::optional(to.workers.front());
        moved.supervisor_id = to.supervisor == 0 ? std::nullopt : std::optional(to.supervisor);
        moved.transferred_from_case_id = id;
        moved.opened_on = on;
        int64_t new_case = cases::InsertCase(c, moved);
        ++counts.cases;
        cases::InsertEvent(c, {to.id, new_case, "state_change", std::nullopt, std::string(s::kReferred),
                               moved.referral_note, referral, "", to.supervisor});
        cases::DecideReferral(c, referral, "accepted", to.supervisor, "", new_case);
        event("referral", std::nullopt, std::nullopt, referral, "accepted", to.supervisor);
      }
      if (assessed) {
        cases::SetRiskLevel(c, id, risk);
      }
    }
  }
  return counts;
}

}  // namespace bangyi::app
