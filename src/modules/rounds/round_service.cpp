#include "modules/rounds/round_service.hpp"

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/projects/project_repository.hpp"
#include "modules/rounds/application_repository.hpp"
#include "modules/rounds/application_service.hpp"
#include "modules/rounds/round_repository.hpp"

namespace bangyi::rounds {

namespace perm = access::permission;

nlohmann::json RoundService::Load(db::Connection& c, const access::Principal& p, int64_t id) {
  nlohmann::json round = LoadRound(c, p, id);
  round["events"] = ListRoundEvents(c, id);
  round["can_manage"] = p.HasPlatform(perm::kRoundsManage);
  return round;
}

nlohmann::json RoundService::List(const access::Principal& p, const std::string& state, const http::Page& page) {
  access::Require(p, perm::kRoundsRead);
  if (!state.empty() && !IsState(state)) {
    throw core::Error::Validation({{"state", "invalid"}});
  }
  bool drafts = p.HasPlatform(perm::kRoundsManage);
  return db_.Read([&](db::Connection& c) {
    nlohmann::json rows = ListRounds(c, state, drafts, page.per, page.Offset());
    std::vector<nlohmann::json> data(rows.begin(), rows.end());
    return http::ListBody(std::move(data), CountRounds(c, state, drafts), page);
  });
}

nlohmann::json RoundService::Get(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) { return Load(c, p, id); });
}

nlohmann::json RoundService::Create(const access::Principal& p, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  RoundInput in = ParseRoundInput(body, divisions_);
  int64_t id = db_.Write([&](db::Connection& c) {
    int64_t new_id = InsertRound(c, in, p.user_id);
    InsertRoundEvent(c, new_id, "", std::string(state::kDraft), "", p.user_id);
    audit::Changes changes;
    changes.Set("title", in.title).Set("total_budget_cents", in.total_budget_cents).Set("rubric", in.rubric);
    audit::Record(c, audit::ActorOf(p),
                  {"round.create", "round", std::to_string(new_id), std::nullopt, changes.json()});
    return new_id;
  });
  return Get(p, id);
}

nlohmann::json RoundService::Update(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader extra(body);
  auto version = extra.Int("version", true, 1, INT64_MAX);
  db_.Write([&](db::Connection& c) {
    nlohmann::json before = Load(c, p, id);
    std::string current = before["state"].get<std::string>();
    if (!IsEditable(current)) {
      throw core::Error(core::ErrorKind::kConflict, "not_editable",
                        "the round is in state " + current + "; its terms are fixed once review starts");
    }
    RoundInput in = ParseRoundInput(body, divisions_);
    extra.ThrowIfAny();
    if (!UpdateRound(c, id, *version, in)) {
      throw core::Error(core::ErrorKind::kConflict, "version_conflict", "the round changed meanwhile; reload it",
                        {{"version", "stale"}});
    }
    audit::Changes changes;
    changes.Diff("title", before["title"], in.title)
        .Diff("rubric", before["rubric"], in.rubric)
        .Diff("tranches", before["tranches"], in.tranches)
        .Diff("closes_at", before["closes_at"], in.closes_at);
    audit::Record(c, audit::ActorOf(p), {"round.update", "round", std::to_string(id), std::nullopt, changes.json()});
  });
  return Get(p, id);
}

void RoundService::OpenNotice(db::Connection& c, int64_t id) {
  if (CountProposed(c, id) == 0) {
    throw core::Error(core::ErrorKind::kConflict, "no_proposals", "propose at least one application before 公示");
  }
  SetNoticeStarted(c, id, core::TodayShanghai());
}

void RoundService::Decide(db::Connection& c, const nlohmann::json& round) {
  int64_t id = round["id"].get<int64_t>();
  std::string ends = core::AddDays(round["notice_started_on"].get<std::string>(),
                                   static_cast<int>(round["notice_days"].get<int64_t>()));
  if (core::TodayShanghai() < ends) {
    throw core::Error(core::ErrorKind::kConflict, "notice_running", "公示 runs until " + ends);
  }
  if (CountOpenObjections(c, id) > 0) {
    throw core::Error(core::ErrorKind::kConflict, "objections_open", "resolve the open objections first");
  }
  // The decision is final: each proposed application becomes a project.
  for (const auto& row : ListProposed(c, id)) {
    projects::CreateFromApplication(c, id, row.Int("id"), row.Int("organization_id"),
                                    nlohmann::json::parse(row.Text("document")), row.Int("granted_cents"));
  }
  FinalizeDecisions(c, id);
}

nlohmann::json RoundService::Transition(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  std::string to = in.String("to", true, 32);
  std::string reason = in.String("reason", false, 500);
  if (!to.empty() && !IsState(to)) {
    in.Add("to", "invalid");
  }
  db_.Write([&](db::Connection& c) {
    nlohmann::json round = Load(c, p, id);
    in.ThrowIfAny();
    std::string from = round["state"].get<std::string>();
    if (!CanTransition(from, to)) {
      throw core::Error(core::ErrorKind::kConflict, "invalid_transition",
                        "the round is in state " + from + " and cannot move to " + to, {{"to", "invalid_transition"}});
    }
    if (to == state::kOpen && round["closes_at"].get<std::string>() <= core::NowShanghaiMinute()) {
      throw core::Error(core::ErrorKind::kConflict, "window_closed",
                        "the application window closes before now; move closes_at first", {{"closes_at", "passed"}});
    }
    if (to == state::kNotice) {
      OpenNotice(c, id);
    } else if (to == state::kDecided) {
      Decide(c, round);
    }
    if (!MoveRound(c, id, from, to)) {
      throw core::Error::Conflict("stale", "the round changed meanwhile; reload it");
    }
    InsertRoundEvent(c, id, from, to, reason, p.user_id);
    audit::Changes changes;
    changes.Diff("state", from, to);
    if (!reason.empty()) {
      changes.Set("reason", reason);
    }
    audit::Record(c, audit::ActorOf(p),
                  {"round.transition", "round", std::to_string(id), std::nullopt, changes.json()});
  });
  return Get(p, id);
}

}  // namespace bangyi::rounds
