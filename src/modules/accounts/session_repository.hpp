// Named SQL for sessions, login throttling and API tokens. Sessions and throttle counters live
// in the database, so any server process behind a load balancer sees the same state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::accounts {

struct Session {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
};

void InsertSession(db::Connection& c, const std::string& token_hash, int64_t user_id,
                   std::optional<int64_t> organization_id, const std::string& csrf_token, int64_t now,
                   int64_t expires_at, const std::string& ip, const std::string& user_agent);
std::optional<Session> FindSession(db::Connection& c, const std::string& token_hash);
void TouchSession(db::Connection& c, int64_t session_id, int64_t now);
void DeleteSession(db::Connection& c, int64_t session_id);
void DeleteUserSessions(db::Connection& c, int64_t user_id);
// Removes sessions past their idle or absolute limit; returns how many.
int64_t DeleteExpiredSessions(db::Connection& c, int64_t now, int64_t idle_seconds);

struct Throttle {
  int64_t failures = 0;
  int64_t first_failed_at = 0;
  int64_t locked_until = 0;
};
// Counts one login attempt on `key` atomically (a new window starts when the old one is over)
// and returns the counter after it, with its lock.
Throttle CountAttempt(db::Connection& c, const std::string& key, int64_t now, int64_t window_seconds);
void LockThrottle(db::Connection& c, const std::string& key, int64_t until);
// Takes back one counted attempt (a login that succeeded).
void UncountAttempt(db::Connection& c, const std::string& key);
void ClearThrottle(db::Connection& c, const std::string& key);

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::vector<std::string> scopes;
  std::string created_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};
int64_t InsertApiToken(db::Connection& c, int64_t user_id, std::optional<int64_t> organization_id,
                       const std::string& name, const std::string& token_hash,
                       const std::vector<std::string>& scopes);
std::optional<ApiToken> FindActiveApiToken(db::Connection& c, const std::string& token_hash);
std::optional<ApiToken> FindApiToken(db::Connection& c, int64_t id);
std::vector<ApiToken> ListApiTokens(db::Connection& c, int64_t limit, int64_t offset);
int64_t CountApiTokens(db::Connection& c);
void RevokeApiToken(db::Connection& c, int64_t id);
// Revokes every active token of a user (password reset, account disabled).
void RevokeUserApiTokens(db::Connection& c, int64_t user_id);
void TouchApiToken(db::Connection& c, int64_t id);

}  // namespace bangyi::accounts
