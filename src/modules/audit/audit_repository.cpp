#include "modules/audit/audit_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::audit {

namespace {

constexpr std::string_view kInsertEvent =
    "INSERT INTO audit_events (occurred_at, actor_user_id, actor_username, action, entity_type, entity_id,"
    " organization_id, changes, request_id, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

// Filters are written so that an empty parameter ('') disables them; one SQL text serves all.
constexpr std::string_view kFilter =
    " WHERE ($1 = '' OR action = $1) AND ($2 = '' OR entity_type = $2) AND ($3 = '' OR entity_id = $3)"
    " AND ($4 = '' OR actor_username = $4) AND ($5 = '' OR occurred_at >= $5) AND ($6 = '' OR occurred_at < $6)"
    " AND (CAST($7 AS BIGINT) = 0 OR organization_id = CAST($7 AS BIGINT))";

const std::string kCountEvents = std::string("SELECT COUNT(*) AS n FROM audit_events") + std::string(kFilter);
const std::string kListEvents =
    std::string("SELECT id, occurred_at, actor_user_id, actor_username, action, entity_type, entity_id,"
                " organization_id, changes, request_id, ip FROM audit_events") +
    std::string(kFilter) + " ORDER BY id DESC LIMIT $8 OFFSET $9";

}  // namespace

Changes& Changes::Diff(const std::string& field, const nlohmann::json& from, const nlohmann::json& to) {
  if (from != to) {
    json_[field] = {{"from", from}, {"to", to}};
  }
  return *this;
}

Changes& Changes::Sensitive(const std::string& field) {
  json_[field] = {{"changed", true}};
  return *this;
}

Changes& Changes::Set(const std::string& field, const nlohmann::json& to) {
  json_[field] = {{"from", nullptr}, {"to", to}};
  return *this;
}

void Record(db::Connection& c, const Actor& actor, const Event& event) {
  c.Execute(kInsertEvent, {core::NowIso(), db::Nullable(actor.user_id),
                           actor.username.empty() ? db::Value(nullptr) : db::Value(actor.username), event.action,
                           event.entity_type, db::Nullable(event.entity_id), db::Nullable(event.organization_id),
                           event.changes.dump(), actor.request_id, actor.ip});
}

std::pair<std::vector<nlohmann::json>, int64_t> ListEvents(db::Connection& c, const EventFilter& f, int64_t limit,
                                                           int64_t offset) {
  db::Params params = {f.action, f.entity_type, f.entity_id, f.actor, f.from, f.to, f.organization_id.value_or(0)};
  int64_t total = c.QueryOne(kCountEvents, params)->Int("n");
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<nlohmann::json> out;
  for (const auto& row : c.Query(kListEvents, params)) {
    auto changes = nlohmann::json::parse(row.Text("changes"), nullptr, false);
    out.push_back({{"id", row.Int("id")},
                   {"occurred_at", row.Text("occurred_at")},
                   {"actor_user_id", row.OptInt("actor_user_id")},
                   {"actor_username", row.OptText("actor_username")},
                   {"action", row.Text("action")},
                   {"entity_type", row.Text("entity_type")},
                   {"entity_id", row.OptText("entity_id")},
                   {"organization_id", row.OptInt("organization_id")},
                   {"changes", changes.is_discarded() ? nlohmann::json::object() : changes},
                   {"request_id", row.Text("request_id")},
                   {"ip", row.Text("ip")}});
  }
  return {out, total};
}

}  // namespace bangyi::audit
