#include "modules/rounds/review_service.hpp"

#include <algorithm>
#include <map>

#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/projects/monitoring_repository.hpp"
#include "modules/rounds/application.hpp"
#include "modules/rounds/application_repository.hpp"
#include "modules/rounds/application_service.hpp"
#include "modules/rounds/round.hpp"
#include "modules/rounds/round_repository.hpp"

namespace bangyi::rounds {

namespace perm = access::permission;
namespace as = application_state;

namespace {

void Audit(db::Connection& c, const access::Principal& p, const std::string& action, const std::string& entity,
           int64_t id, std::optional<int64_t> organization_id, const audit::Changes& changes) {
  audit::Record(c, audit::ActorOf(p), {action, entity, std::to_string(id), organization_id, changes.json()});
}

int64_t OrgOf(const nlohmann::json& app) { return app["organization_id"].get<int64_t>(); }

nlohmann::json StatsJson(const ReviewStats& s) {
  nlohmann::json out = {{"count", s.count}};
  if (s.count == 0) {
    out["mean"] = nullptr;
    out["trimmed_mean"] = nullptr;
    out["spread"] = nullptr;
    out["spread_flag"] = false;
    return out;
  }
  out["mean"] = s.mean;
  out["trimmed_mean"] = s.trimmed ? nlohmann::json(s.trimmed_mean) : nlohmann::json(nullptr);
  out["spread"] = s.spread;
  out["spread_flag"] = s.spread_flag;
  return out;
}

// The reviewer's own assignment on an application they may score (403 with the reason otherwise).
Assignment RequireScorable(db::Connection& c, const access::Principal& p, int64_t application_id) {
  access::RequirePlatform(p, perm::kReviewsScore);
  auto mine = FindAssignment(c, application_id, p.user_id);
  if (!mine) {
    throw core::Error(core::ErrorKind::kForbidden, "not_assigned", "this application is not assigned to you");
  }
  if (mine->state == "conflict") {
    throw core::Error(core::ErrorKind::kForbidden, "conflict_of_interest",
                      "you declared a conflict of interest with this organization");
  }
  return *mine;
}

std::string NoticeEndsOn(const nlohmann::json& round, const std::string& started_on) {
  return core::AddDays(started_on, static_cast<int>(round["notice_days"].get<int64_t>()));
}

}  // namespace

nlohmann::json ReviewService::Assign(const access::Principal& p, int64_t application_id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  auto ids = in.IdArray("user_ids", 20);
  if (ids.empty() && in.errors().empty()) {
    in.Add("user_ids", "required");
  }
  return db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!projects::IsReviewerUser(c, ids[i])) {
        in.Add("user_ids[" + std::to_string(i) + "]", "not_reviewer");
      }
    }
    in.ThrowIfAny();
    if (app["state"] != as::kEligible && app["state"] != as::kProposed) {
      throw core::Error(core::ErrorKind::kConflict, "not_eligible",
                        "the application is " + app["state"].get<std::string>() + "; reviewers come after screening");
    }
    nlohmann::json added = nlohmann::json::array();
    for (int64_t id : ids) {
      if (InsertAssignment(c, OrgOf(app), application_id, id, p.user_id)) {
        added.push_back(id);
      }
    }
    audit::Changes changes;
    changes.Set("reviewers_added", added);
    Audit(c, p, "application.assign_reviewers", "application", application_id, OrgOf(app), changes);
    return nlohmann::json{{"data", ListAssignments(c, application_id)}};
  });
}

nlohmann::json ReviewService::Unassign(const access::Principal& p, int64_t application_id, int64_t reviewer_id) {
  access::RequirePlatform(p, perm::kRoundsManage);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    auto a = FindAssignment(c, application_id, reviewer_id);
    if (!a) {
      throw core::Error::NotFound("review assignment");
    }
    if (a->state == "submitted" || !DeleteAssignment(c, application_id, reviewer_id)) {
      throw core::Error(core::ErrorKind::kConflict, "already_submitted", "the reviewer has submitted their scores");
    }
    audit::Changes changes;
    changes.Set("reviewer_id", reviewer_id);
    Audit(c, p, "application.unassign_reviewer", "application", application_id, OrgOf(app), changes);
    return nlohmann::json{{"data", ListAssignments(c, application_id)}};
  });
}

nlohmann::json ReviewService::DeclareConflict(const access::Principal& p, int64_t application_id,
                                              const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kReviewsScore);
  core::JsonReader in(body);
  std::string reason = in.String("reason", true, 1000);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    Assignment mine = RequireScorable(c, p, application_id);
    in.ThrowIfAny();
    if (mine.state == "submitted" || !MarkConflict(c, mine.id, reason)) {
      throw core::Error(core::ErrorKind::kConflict, "already_submitted", "your scores are submitted already");
    }
    audit::Changes changes;
    changes.Set("reason", reason);
    Audit(c, p, "review.conflict", "application", application_id, OrgOf(app), changes);
    return *FindAssignmentJson(c, application_id, p.user_id);
  });
}

nlohmann::json ReviewService::OwnReview(const access::Principal& p, int64_t application_id) {
  return db_.Read([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    RequireScorable(c, p, application_id);
    nlohmann::json round = LoadRound(c, p, app["round_id"].get<int64_t>());
    nlohmann::json out = *FindAssignmentJson(c, application_id, p.user_id);
    out["rubric"] = round["rubric"];
    return out;
  });
}

nlohmann::json ReviewService::SaveOwnReview(const access::Principal& p, int64_t application_id,
                                            const nlohmann::json& body) {
  return db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    Assignment mine = RequireScorable(c, p, application_id);
    nlohmann::json round = LoadRound(c, p, app["round_id"].get<int64_t>());
    if (round["state"] != state::kClosed) {
      throw core::Error(core::ErrorKind::kConflict, "round_not_in_review",
                        "the round is in state " + round["state"].get<std::string>() + "; scoring happens in review");
    }
    if (mine.state == "submitted") {
      throw core::Error(core::ErrorKind::kConflict, "already_submitted", "your scores are submitted already");
    }
    ReviewInput r = ParseReview(body, round["rubric"]);
    if (!SaveReview(c, mine.id, r)) {
      throw core::Error::Conflict("stale", "the assignment changed meanwhile; reload it");
    }
    if (r.submit) {
      audit::Changes changes;
      changes.Set("total", Points(r.total_centi));
      Audit(c, p, "review.submit", "application", application_id, OrgOf(app), changes);
    }
    nlohmann::json out = *FindAssignmentJson(c, application_id, p.user_id);
    out["rubric"] = round["rubric"];
    return out;
  });
}

nlohmann::json ReviewService::Reviews(const access::Principal& p, int64_t application_id) {
  return db_.Read([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    ReviewStats stats = ComputeReviewStats(SubmittedTotals(c, application_id));
    if (p.HasPlatform(perm::kRoundsManage)) {
      return nlohmann::json{{"aggregate", StatsJson(stats)}, {"data", ListAssignments(c, application_id)}};
    }
    Assignment mine = RequireScorable(c, p, application_id);
    if (mine.state != "submitted") {
      throw core::Error(core::ErrorKind::kForbidden, "own_review_first",
                        "submit your own scores before seeing the others'");
    }
    // After their own: the aggregate, never another reviewer's scores.
    nlohmann::json aggregate = {{"count", stats.count}, {"mean", stats.count ? nlohmann::json(stats.mean) : nullptr}};
    return nlohmann::json{{"aggregate", aggregate}};
  });
}

nlohmann::json ReviewService::Results(const access::Principal& p, int64_t round_id) {
  access::RequirePlatform(p, perm::kRoundsManage);
  return db_.Read([&](db::Connection& c) {
    nlohmann::json round = LoadRound(c, p, round_id);
    std::map<int64_t, std::vector<int64_t>> totals;
    for (const auto& r : RoundSubmittedTotals(c, round_id)) {
      totals[r.Int("application_id")].push_back(r.Int("total_centi"));
    }
    struct Ranked {
      nlohmann::json row;
      ReviewStats stats;
    };
    std::vector<Ranked> ranked;
    int64_t proposed = 0;
    for (const auto& r : ListRankable(c, round_id)) {
      auto doc = nlohmann::json::parse(r.Text("document"));
      auto& list = totals[r.Int("id")];
      ReviewStats stats = ComputeReviewStats(list);
      std::string st = r.Text("state");
      auto granted = r.OptInt("granted_cents");
      if (granted && (st == as::kProposed || st == as::kFunded)) {
        proposed += *granted;
      }
      std::vector<double> points;
      for (auto t : list) {
        points.push_back(Points(t));
      }
      std::sort(points.rbegin(), points.rend());
      nlohmann::json row = {
          {"id", r.Int("id")},
          {"project_name", doc.value("project_name", "")},
          {"sub_brand", doc.value("sub_brand", "")},
          {"organization", {{"id", r.Int("organization_id")}, {"name", r.Text("organization_name")}}},
          {"state", st},
          {"requested_yuan", core::FormatYuan(r.Int("requested_cents"))},
          {"granted_yuan", granted ? nlohmann::json(core::FormatYuan(*granted)) : nlohmann::json(nullptr)},
          {"reviewers_assigned", r.Int("reviewers_assigned")},
          {"totals", points}};
      row.update(StatsJson(stats));
      ranked.push_back({std::move(row), stats});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if ((a.stats.count > 0) != (b.stats.count > 0)) {
        return a.stats.count > 0;
      }
      return a.stats.RankingScore() > b.stats.RankingScore();
    });
    nlohmann::json rows = nlohmann::json::array();
    for (size_t i = 0; i < ranked.size(); ++i) {
      ranked[i].row["rank"] = ranked[i].stats.count > 0 ? nlohmann::json(i + 1) : nlohmann::json(nullptr);
      rows.push_back(std::move(ranked[i].row));
    }
    int64_t total = *core::ParseYuan(round["total_budget_yuan"]);
    return nlohmann::json{{"round",
                           {{"id", round_id},
                            {"title", round["title"]},
                            {"state", round["state"]},
                            {"min_reviewers", round["min_reviewers"]}}},
                          {"budget",
                           {{"total_yuan", core::FormatYuan(total)},
                            {"proposed_yuan", core::FormatYuan(proposed)},
                            {"remaining_yuan", core::FormatYuan(total - proposed)}}},
                          {"data", rows}};
  });
}

nlohmann::json ReviewService::Decide(const access::Principal& p, int64_t application_id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  bool fund = in.Bool("fund", false);
  std::string note = in.String("note", false, 1000);
  std::optional<int64_t> amount;
  if (fund) {
    if (!in.Has("amount_yuan")) {
      in.Add("amount_yuan", "required");
    } else if (auto cents = core::ParseYuan(in.Raw("amount_yuan")); !cents || *cents <= 0) {
      in.Add("amount_yuan", "invalid");
    } else {
      amount = *cents;
    }
  }
  db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, application_id);
    int64_t round_id = app["round_id"].get<int64_t>();
    nlohmann::json round = LoadRound(c, p, round_id);
    in.ThrowIfAny();
    if (round["state"] != state::kClosed) {
      throw core::Error(
          core::ErrorKind::kConflict, "round_not_in_review",
          "the round is in state " + round["state"].get<std::string>() + "; decisions are made in review");
    }
    if (app["state"] != as::kEligible && app["state"] != as::kProposed) {
      throw core::Error(core::ErrorKind::kConflict, "not_eligible",
                        "the application is " + app["state"].get<std::string>());
    }
    if (fund) {
      int64_t submitted = static_cast<int64_t>(SubmittedTotals(c, application_id).size());
      if (submitted < round["min_reviewers"].get<int64_t>()) {
        throw core::Error(core::ErrorKind::kConflict, "reviews_missing",
                          std::to_string(submitted) + " of " + std::to_string(round["min_reviewers"].get<int64_t>()) +
                              " reviews are in");
      }
      RoundLimits limits = *FindRoundLimits(c, round_id);
      int64_t requested = *core::ParseYuan(app["requested_yuan"]);
      if (*amount > requested) {
        in.Add("amount_yuan", "above_request");
      } else if (*amount < limits.min_grant_cents) {
        in.Add("amount_yuan", "below_min");
      } else if (*amount > limits.max_grant_cents) {
        in.Add("amount_yuan", "above_max");
      } else if (ProposedTotal(c, round_id, application_id) + *amount > *core::ParseYuan(round["total_budget_yuan"])) {
        in.Add("amount_yuan", "over_budget");
      }
      in.ThrowIfAny();
    }
    if (!MarkDecision(c, application_id, amount, note, p.user_id)) {
      throw core::Error::Conflict("stale", "the application changed meanwhile; reload it");
    }
    audit::Changes changes;
    changes.Set("fund", fund).Set("amount_yuan", amount ? nlohmann::json(core::FormatYuan(*amount)) : nullptr);
    if (!note.empty()) {
      changes.Set("note", note);
    }
    Audit(c, p, "application.decide", "application", application_id, OrgOf(app), changes);
  });
  return db_.Read([&](db::Connection& c) { return LoadApplication(c, p, application_id); });
}

nlohmann::json ReviewService::RecordObjection(const access::Principal& p, int64_t round_id,
                                              const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  auto application_id = in.Int("application_id", true, 1, INT64_MAX);
  std::string source = in.String("source", true, 200);
  std::string content = in.String("content", true, 5000);
  return db_.Write([&](db::Connection& c) {
    nlohmann::json round = LoadRound(c, p, round_id);
    std::optional<nlohmann::json> app;
    if (application_id) {
      app = FindApplication(c, *application_id);
      if (!app || (*app)["round_id"].get<int64_t>() != round_id ||
          ((*app)["state"] != as::kProposed && (*app)["state"] != as::kFunded)) {
        in.Add("application_id", "not_in_notice");
      }
    }
    in.ThrowIfAny();
    if (round["state"] != state::kNotice) {
      throw core::Error(core::ErrorKind::kConflict, "round_not_in_notice",
                        "objections are recorded during 公示; the round is " + round["state"].get<std::string>());
    }
    int64_t id = InsertObjection(c, OrgOf(*app), round_id, *application_id, source, content, p.user_id);
    audit::Changes changes;
    changes.Set("application_id", *application_id).Set("source", source);
    Audit(c, p, "objection.record", "objection", id, OrgOf(*app), changes);
    return nlohmann::json{{"id", id}, {"data", ListObjections(c, round_id)}};
  });
}

nlohmann::json ReviewService::ResolveObjection(const access::Principal& p, int64_t objection_id,
                                               const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  std::string resolution = in.String("resolution", true, 2000);
  if (!in.Has("upheld") || !in.Raw("upheld").is_boolean()) {
    in.Add("upheld", "required");
  }
  bool upheld = in.Bool("upheld", false);
  in.ThrowIfAny();
  return db_.Write([&](db::Connection& c) {
    auto row = FindObjection(c, objection_id);
    if (!row) {
      throw core::Error::NotFound("objection");
    }
    int64_t round_id = row->Int("round_id");
    int64_t application_id = row->Int("application_id");
    nlohmann::json round = LoadRound(c, p, round_id);
    if (round["state"] != state::kNotice) {
      throw core::Error(core::ErrorKind::kConflict, "round_not_in_notice", "the notice period is over");
    }
    if (!rounds::ResolveObjection(c, objection_id, upheld, resolution, p.user_id)) {
      throw core::Error(core::ErrorKind::kConflict, "already_resolved", "the objection was resolved already");
    }
    nlohmann::json app = *FindApplication(c, application_id);
    if (upheld && app["state"] == as::kProposed) {
      // An upheld objection withdraws the proposal; the application goes back among the eligible.
      MarkDecision(c, application_id, std::nullopt, "objection upheld: " + resolution, p.user_id);
    }
    audit::Changes changes;
    changes.Set("upheld", upheld).Set("resolution", resolution);
    Audit(c, p, "objection.resolve", "objection", objection_id, OrgOf(app), changes);
    return nlohmann::json{{"data", ListObjections(c, round_id)}};
  });
}

nlohmann::json ReviewService::Objections(const access::Principal& p, int64_t round_id) {
  access::RequirePlatform(p, perm::kRoundsManage);
  return db_.Read([&](db::Connection& c) {
    LoadRound(c, p, round_id);
    return nlohmann::json{{"data", ListObjections(c, round_id)}};
  });
}

nlohmann::json ReviewService::PublicNotice(int64_t round_id) {
  return db_.Read([&](db::Connection& c) {
    auto round = FindRound(c, round_id);
    if (!round || !IsPublic((*round)["state"].get<std::string>()) || (*round)["notice_started_on"].is_null()) {
      throw core::Error::NotFound("notice");
    }
    std::string started = (*round)["notice_started_on"];
    return nlohmann::json{{"round",
                           {{"id", round_id},
                            {"title", (*round)["title"]},
                            {"theme", (*round)["theme"]},
                            {"state", (*round)["state"]},
                            {"notice_started_on", started},
                            {"notice_ends_on", NoticeEndsOn(*round, started)}}},
                          {"data", ListNoticeProjects(c, round_id)}};
  });
}

}  // namespace bangyi::rounds
