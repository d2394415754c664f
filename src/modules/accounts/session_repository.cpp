#include "modules/accounts/session_repository.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace bangyi::accounts {

namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, organization_id, csrf_token, created_at, last_seen_at, expires_at,"
    " ip, user_agent) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)";
constexpr std::string_view kSelectSession =
    "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = $1";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE id = $1";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at + $2 <= $1";

constexpr std::string_view kCountAttempt =
    "INSERT INTO login_failures (throttle_key, failures, first_failed_at, locked_until) VALUES ($1, 1, $2, 0)"
    " ON CONFLICT (throttle_key) DO UPDATE SET"
    " failures = CASE WHEN login_failures.first_failed_at + $3 <= $2 THEN 1 ELSE login_failures.failures + 1 END,"
    " first_failed_at = CASE WHEN login_failures.first_failed_at + $3 <= $2 THEN $2"
    "                   ELSE login_failures.first_failed_at END"
    " RETURNING failures, first_failed_at, locked_until";
constexpr std::string_view kLockThrottle = "UPDATE login_failures SET locked_until = $2 WHERE throttle_key = $1";
constexpr std::string_view kUncountAttempt =
    "UPDATE login_failures SET failures = failures - 1 WHERE throttle_key = $1 AND failures > 0";
constexpr std::string_view kDeleteThrottle = "DELETE FROM login_failures WHERE throttle_key = $1";

constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (user_id, organization_id, name, token_hash, scopes, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kTokenColumns =
    "SELECT id, user_id, name, scopes, created_at, last_used_at, revoked_at FROM api_tokens";
const std::string kSelectActiveToken = std::string(kTokenColumns) + " WHERE token_hash = $1 AND revoked_at IS NULL";
const std::string kSelectToken = std::string(kTokenColumns) + " WHERE id = $1";
const std::string kListTokens = std::string(kTokenColumns) + " ORDER BY id DESC LIMIT $1 OFFSET $2";
constexpr std::string_view kCountTokens = "SELECT COUNT(*) AS n FROM api_tokens";
constexpr std::string_view kRevokeToken = "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
constexpr std::string_view kRevokeUserTokens =
    "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";
constexpr std::string_view kTouchToken = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";

ApiToken TokenFromRow(const db::Row& row) {
  ApiToken t;
  t.id = row.Int("id");
  t.user_id = row.Int("user_id");
  t.name = row.Text("name");
  auto scopes = nlohmann::json::parse(row.Text("scopes"), nullptr, false);
  if (scopes.is_array()) {
    for (const auto& s : scopes) {
      if (s.is_string()) {
        t.scopes.push_back(s.get<std::string>());
      }
    }
  }
  t.created_at = row.Text("created_at");
  t.last_used_at = row.OptText("last_used_at");
  t.revoked_at = row.OptText("revoked_at");
  return t;
}

}  // namespace

void InsertSession(db::Connection& c, const std::string& token_hash, int64_t user_id,
                   std::optional<int64_t> organization_id, const std::string& csrf_token, int64_t now,
                   int64_t expires_at, const std::string& ip, const std::string& user_agent) {
  // The User-Agent is client-controlled bytes: keep it short and valid UTF-8.
  std::string agent = user_agent.substr(0, 300);
  if (!core::IsValidUtf8(agent)) {
    for (auto& ch : agent) {
      if (static_cast<unsigned char>(ch) >= 0x80) {
        ch = '?';
      }
    }
  }
  c.Execute(kInsertSession, {token_hash, user_id, db::Nullable(organization_id), csrf_token, now, expires_at, ip, agent});
}

std::optional<Session> FindSession(db::Connection& c, const std::string& token_hash) {
  auto row = c.QueryOne(kSelectSession, {token_hash});
  if (!row) {
    return std::nullopt;
  }
  return Session{row->Int("id"), row->Int("user_id"), row->Text("csrf_token"), row->Int("created_at"),
                 row->Int("last_seen_at"), row->Int("expires_at")};
}

void TouchSession(db::Connection& c, int64_t session_id, int64_t now) { c.Execute(kTouchSession, {session_id, now}); }
void DeleteSession(db::Connection& c, int64_t session_id) { c.Execute(kDeleteSession, {session_id}); }
void DeleteUserSessions(db::Connection& c, int64_t user_id) { c.Execute(kDeleteUserSessions, {user_id}); }
int64_t DeleteExpiredSessions(db::Connection& c, int64_t now, int64_t idle_seconds) {
  return c.Execute(kDeleteExpiredSessions, {now, idle_seconds});
}

Throttle CountAttempt(db::Connection& c, const std::string& key, int64_t now, int64_t window_seconds) {
  auto row = c.QueryOne(kCountAttempt, {key, now, window_seconds});
  return Throttle{row->Int("failures"), row->Int("first_failed_at"), row->Int("locked_until")};
}

void LockThrottle(db::Connection& c, const std::string& key, int64_t until) { c.Execute(kLockThrottle, {key, until}); }

void UncountAttempt(db::Connection& c, const std::string& key) { c.Execute(kUncountAttempt, {key}); }

void ClearThrottle(db::Connection& c, const std::string& key) { c.Execute(kDeleteThrottle, {key}); }

int64_t InsertApiToken(db::Connection& c, int64_t user_id, std::optional<int64_t> organization_id,
                       const std::string& name, const std::string& token_hash,
                       const std::vector<std::string>& scopes) {
  return c.QueryOne(kInsertToken, {user_id, db::Nullable(organization_id), name, token_hash,
                                   nlohmann::json(scopes).dump(), core::NowIso()})
      ->Int("id");
}

std::optional<ApiToken> FindActiveApiToken(db::Connection& c, const std::string& token_hash) {
  auto row = c.QueryOne(kSelectActiveToken, {token_hash});
  if (!row) {
    return std::nullopt;
  }
  return TokenFromRow(*row);
}

std::optional<ApiToken> FindApiToken(db::Connection& c, int64_t id) {
  auto row = c.QueryOne(kSelectToken, {id});
  if (!row) {
    return std::nullopt;
  }
  return TokenFromRow(*row);
}

std::vector<ApiToken> ListApiTokens(db::Connection& c, int64_t limit, int64_t offset) {
  std::vector<ApiToken> out;
  for (const auto& row : c.Query(kListTokens, {limit, offset})) {
    out.push_back(TokenFromRow(row));
  }
  return out;
}

int64_t CountApiTokens(db::Connection& c) { return c.QueryOne(kCountTokens)->Int("n"); }
void RevokeApiToken(db::Connection& c, int64_t id) { c.Execute(kRevokeToken, {id, core::NowIso()}); }
void RevokeUserApiTokens(db::Connection& c, int64_t user_id) {
  c.Execute(kRevokeUserTokens, {user_id, core::NowIso()});
}
void TouchApiToken(db::Connection& c, int64_t id) { c.Execute(kTouchToken, {id, core::NowIso()}); }

}  // namespace bangyi::accounts
