// Named SQL for funding rounds. Read models come back as JSON (the SQL aliases are the names).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "db/database.hpp"
#include "modules/rounds/round.hpp"

namespace bangyi::rounds {

int64_t InsertRound(db::Connection& c, const RoundInput& r, int64_t created_by);
std::optional<nlohmann::json> FindRound(db::Connection& c, int64_t id);
// `include_drafts` false: only rounds past draft (what organizations see).
nlohmann::json ListRounds(db::Connection& c, const std::string& state, bool include_drafts, int64_t limit,
                          int64_t offset);
int64_t CountRounds(db::Connection& c, const std::string& state, bool include_drafts);
bool UpdateRound(db::Connection& c, int64_t id, int64_t version, const RoundInput& r);
bool MoveRound(db::Connection& c, int64_t id, const std::string& from, const std::string& to);
void InsertRoundEvent(db::Connection& c, int64_t round_id, const std::string& from, const std::string& to,
                      const std::string& reason, int64_t actor);
nlohmann::json ListRoundEvents(db::Connection& c, int64_t round_id);

}  // namespace bangyi::rounds
