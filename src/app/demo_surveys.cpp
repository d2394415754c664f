#include "app/demo_surveys.hpp"

#include <nlohmann/json.hpp>

#include "app/demo_people.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/kpis/rollup.hpp"
#include "modules/surveys/survey_repository.hpp"

namespace bangyi::app {

namespace {

constexpr std::string_view kClosedCases =
    "SELECT id, organization_id, project_id, closed_on, social_worker_id FROM cases"
    " WHERE state IN ('closed', 'follow_up') AND social_worker_id IS NOT NULL ORDER BY id";
constexpr std::string_view kOpenCases =
    "SELECT id, organization_id, project_id, social_worker_id FROM cases WHERE state = 'in_service'"
    " AND social_worker_id IS NOT NULL ORDER BY id";
const char* const kItems[] = {"attitude", "timeliness", "professionalism", "effectiveness", "overall"};

// 5 most of the time, 4 often, rarely lower: about 97% satisfied.
int Score(Rng& rng) {
  size_t r = rng.Below(1000);
  return r < 600 ? 5 : r < 970 ? 4 : r < 990 ? 3 : r < 997 ? 2 : 1;
}

}  // namespace

DemoSurveyCounts SeedDemoSurveys(db::Connection& c, uint32_t seed) {
  Rng rng(seed);
  DemoSurveyCounts n;
  std::string expires = core::UnixToIso(core::NowUnix() + 30 * 86400);
  // An invitation of the case in `row`, handed out by its social worker.
  auto invite = [&](const db::Row& row) {
    surveys::InvitationRow inv;
    inv.organization_id = row.Int("organization_id");
    inv.case_id = row.Int("id");
    inv.template_id = 1;
    inv.project_id = row.OptInt("project_id");
    inv.expires_at = expires;
    inv.id = surveys::InsertInvitation(c, inv, core::Sha256Hex(core::RandomToken(18)), row.Int("social_worker_id"));
    ++n.invitations;
    return inv;
  };
  for (const auto& row : c.Query(kClosedCases)) {
    if (rng.Below(10) >= 7) {
      continue;
    }
    auto inv = invite(row);
    int64_t worker = row.Int("social_worker_id");
    surveys::MarkAnswered(c, inv.id);
    nlohmann::json answers = nlohmann::json::object();
    for (const char* item : kItems) {
      answers[item] = Score(rng);
    }
    bool phone = rng.Below(3) == 0;
    surveys::ResponseRow r{inv.organization_id, inv.id, inv.project_id,
                           phone ? std::optional<int64_t>(worker) : std::nullopt,
                           phone ? "phone" : "web", answers.dump(), rng.Below(4) == 0 ? "社工很耐心，谢谢！" : "",
                           row.Text("closed_on"), answers["overall"].get<int>()};
    kpis::ApplySurveyResponse(c, surveys::InsertResponse(c, r), +1);
    ++n.responses;
  }
  // Links handed out and not answered yet.
  for (const auto& row : c.Query(kOpenCases)) {
    if (rng.Below(20) == 0) {
      invite(row);
    }
  }
  return n;
}

}  // namespace bangyi::app
