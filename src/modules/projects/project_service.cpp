#include "modules/projects/project_service.hpp"

#include <algorithm>

#include "core/json_input.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/projects/indicators.hpp"
#include "modules/projects/monitoring_repository.hpp"
#include "modules/projects/monitoring_service.hpp"
#include "modules/projects/project_repository.hpp"

namespace bangyi::projects {

namespace perm = access::permission;

namespace {

// Per tranche requested so far: the state of the disbursement standing for it.
nlohmann::json TrancheStatus(db::Connection& c, int64_t project_id) {
  nlohmann::json all = ListDisbursements(c, project_id);
  int64_t last = 0;
  for (const auto& d : all) {
    last = std::max(last, d["tranche"].get<int64_t>());
  }
  nlohmann::json out = nlohmann::json::array();
  for (int64_t t = 1; t <= last; ++t) {
    nlohmann::json current = CurrentDisbursement(all, t);
    out.push_back(current.is_null() ? nlohmann::json("none") : current["state"]);
  }
  return out;
}

}  // namespace

nlohmann::json LoadProject(db::Connection& c, const access::Principal& p, int64_t id) {
  // An evaluator assigned to the project reads it without holding projects.read.
  bool evaluator = p.Has(perm::kReviewsScore) && IsEvaluatorOf(c, id, p.user_id);
  if (!evaluator) {
    access::Require(p, perm::kProjectsRead);
  }
  auto project = FindProject(c, id);
  if (!project || (!evaluator && !p.Covers(perm::kProjectsRead,
                                           access::OrganizationOnly((*project)["organization_id"].get<int64_t>())))) {
    throw core::Error::NotFound("project");
  }
  return *project;
}

nlohmann::json ProjectService::List(const access::Principal& p, int64_t round_id, const http::Page& page) {
  access::Require(p, perm::kProjectsRead);
  int64_t org = 0;
  if (!p.HasPlatform(perm::kProjectsRead)) {
    if (!p.organization_id || !p.Covers(perm::kProjectsRead, access::OrganizationOnly(*p.organization_id))) {
      throw core::Error::Forbidden();
    }
    org = *p.organization_id;
  }
  return db_.Read([&](db::Connection& c) {
    nlohmann::json rows = ListProjects(c, org, round_id, page.per, page.Offset());
    std::vector<nlohmann::json> data;
    for (auto& row : rows) {
      // The portfolio shows progress against targets at a glance.
      int64_t id = row["id"].get<int64_t>();
      row["indicators_progress"] = BuildIndicators(ComputeCaseFigures(c, id), row["indicators"])["targets"];
      int64_t overdue = 0;
      for (const auto& period : ReportScheduleOf(c, row)) {
        overdue += period["overdue"].get<bool>() ? 1 : 0;
      }
      row["overdue_reports"] = overdue;
      row["tranches_status"] = TrancheStatus(c, id);
      data.push_back(std::move(row));
    }
    return http::ListBody(std::move(data), CountProjects(c, org, round_id), page);
  });
}

nlohmann::json ProjectService::Get(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, id);
    project["budget_lines"] = ListBudgetLines(c, id);
    project["can_manage"] = p.HasPlatform(perm::kRoundsManage);
    return project;
  });
}

nlohmann::json ProjectService::Indicators(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, id);
    return BuildIndicators(ComputeCaseFigures(c, id), project["indicators"]);
  });
}

nlohmann::json ProjectService::SignAgreement(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  auto version = in.Int("version", true, 1, INT64_MAX);
  std::string signed_on = in.Date("signed_on", true);
  std::string starts_on = in.Date("starts_on", true);
  std::string ends_on = in.Date("ends_on", true);
  if (!starts_on.empty() && !ends_on.empty() && ends_on <= starts_on) {
    in.Add("ends_on", "before_start");
  }
  db_.Write([&](db::Connection& c) {
    nlohmann::json project = LoadProject(c, p, id);
    in.ThrowIfAny();
    if (project["state"] != project_state::kAgreementPending) {
      throw core::Error(core::ErrorKind::kConflict, "agreement_signed", "the agreement was recorded already");
    }
    if (!projects::SignAgreement(c, id, *version, signed_on, starts_on, ends_on)) {
      throw core::Error(core::ErrorKind::kConflict, "version_conflict", "the project changed meanwhile; reload it",
                        {{"version", "stale"}});
    }
    audit::Changes changes;
    changes.Set("signed_on", signed_on).Set("starts_on", starts_on).Set("ends_on", ends_on);
    audit::Record(c, audit::ActorOf(p),
                  {"project.agreement", "project", std::to_string(id), project["organization_id"].get<int64_t>(),
                   changes.json()});
  });
  return Get(p, id);
}

}  // namespace bangyi::projects
