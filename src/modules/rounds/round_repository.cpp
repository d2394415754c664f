#include "modules/rounds/round_repository.hpp"

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bangyi::rounds {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO rounds (title, theme, guidelines, total_budget_cents, min_grant_cents, max_grant_cents, eligibility,"
    " opens_at, closes_at, rubric, min_reviewers, notice_days, tranches, reporting, state, created_by, created_at,"
    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'draft', $15, $16, $16)"
    " RETURNING id";
constexpr std::string_view kColumns =
    "SELECT id, title, theme, guidelines, total_budget_cents, min_grant_cents, max_grant_cents, eligibility, opens_at,"
    " closes_at, rubric, min_reviewers, notice_days, tranches, reporting, state, notice_started_on, version, created_at,"
    " updated_at"
    " FROM rounds";
const std::string kFind = std::string(kColumns) + " WHERE id = $1";
constexpr std::string_view kFilter = " WHERE ($1 = '' OR state = $1) AND ($2 = 1 OR state <> 'draft')";
const std::string kList = std::string(kColumns) + std::string(kFilter) + " ORDER BY opens_at DESC, id DESC LIMIT $3 OFFSET $4";
const std::string kCount = "SELECT COUNT(*) AS n FROM rounds" + std::string(kFilter);
constexpr std::string_view kUpdate =
    "UPDATE rounds SET title = $3, theme = $4, guidelines = $5, total_budget_cents = $6, min_grant_cents = $7,"
    " max_grant_cents = $8, eligibility = $9, opens_at = $10, closes_at = $11, rubric = $12, min_reviewers = $13,"
    " notice_days = $14, tranches = $15, reporting = $16, version = version + 1, updated_at = $17"
    " WHERE id = $1 AND version = $2";
constexpr std::string_view kMove =
    "UPDATE rounds SET state = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND state = $2";
constexpr std::string_view kInsertEvent =
    "INSERT INTO round_events (round_id, from_state, to_state, reason, actor_user_id, at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kEvents =
    "SELECT e.id, e.from_state, e.to_state, e.reason, e.actor_user_id AS actor_id, u.display_name AS actor_name, e.at"
    " FROM round_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.round_id = $1 ORDER BY e.id DESC";

// Stored JSON parsed, money as yuan strings.
nlohmann::json View(const db::Row& row) {
  nlohmann::json r = db::RowJson(row);
  for (const char* k : {"eligibility", "rubric", "tranches"}) {
    r[k] = nlohmann::json::parse(r[k].get<std::string>());
  }
  for (const char* k : {"total_budget", "min_grant", "max_grant"}) {
    std::string cents = std::string(k) + "_cents";
    r[std::string(k) + "_yuan"] = core::FormatYuan(r[cents].get<int64_t>());
    r.erase(cents);
  }
  return r;
}

db::Params Fields(const RoundInput& r) {
  return {r.title,       r.theme,           r.guidelines,         r.total_budget_cents, r.min_grant_cents,
          r.max_grant_cents, r.eligibility.dump(), r.opens_at,   r.closes_at,          r.rubric.dump(),
          r.min_reviewers, r.notice_days,   r.tranches.dump(),    r.reporting};
}

}  // namespace

int64_t InsertRound(db::Connection& c, const RoundInput& r, int64_t created_by) {
  auto params = Fields(r);
  params.emplace_back(created_by);
  params.emplace_back(core::NowIso());
  return c.QueryOne(kInsert, params)->Int("id");
}

std::optional<nlohmann::json> FindRound(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFind, {id});
  return r ? std::optional(View(*r)) : std::nullopt;
}

nlohmann::json ListRounds(db::Connection& c, const std::string& state, bool include_drafts, int64_t limit,
                          int64_t offset) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kList, {state, int64_t{include_drafts ? 1 : 0}, limit, offset})) {
    out.push_back(View(r));
  }
  return out;
}

int64_t CountRounds(db::Connection& c, const std::string& state, bool include_drafts) {
  return c.QueryOne(kCount, {state, int64_t{include_drafts ? 1 : 0}})->Int("n");
}

bool UpdateRound(db::Connection& c, int64_t id, int64_t version, const RoundInput& r) {
  db::Params params = {id, version};
  for (auto& v : Fields(r)) {
    params.push_back(std::move(v));
  }
  params.emplace_back(core::NowIso());
  return c.Execute(kUpdate, params) == 1;
}

bool MoveRound(db::Connection& c, int64_t id, const std::string& from, const std::string& to) {
  return c.Execute(kMove, {id, from, to, core::NowIso()}) == 1;
}

void InsertRoundEvent(db::Connection& c, int64_t round_id, const std::string& from, const std::string& to,
                      const std::string& reason, int64_t actor) {
  c.Execute(kInsertEvent, {round_id, from, to, reason, actor, core::NowIso()});
}

nlohmann::json ListRoundEvents(db::Connection& c, int64_t round_id) {
  return db::RowsJson(c.Query(kEvents, {round_id}));
}

}  // namespace bangyi::rounds
