// Sign-in and request authentication.
//
// Sessions: a 256-bit random token in an HttpOnly SameSite=Strict cookie; only its SHA-256 is
// stored. A session ends after `idle_timeout` without requests or `absolute_timeout` after login.
// Writes made with a session need its CSRF token in X-CSRF-Token. API tokens ("Bearer byk_…")
// act for the user who created them, limited to the token's scopes, and need no CSRF token.
//
// Throttling: failed logins are counted per account and per client address in the database;
// reaching the limit locks that key for `lockout` (429 account_locked). Every login, logout,
// failed login and lockout is audited.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "db/database.hpp"
#include "http/request.hpp"
#include "modules/access/role.hpp"

namespace bangyi::accounts {

inline constexpr std::string_view kSessionCookie = "bangyi_session";
inline constexpr std::string_view kApiTokenPrefix = "byk_";

struct AuthSettings {
  int idle_timeout_seconds = 1800;
  int absolute_timeout_seconds = 43200;
  bool cookie_secure = false;
  int max_failures = 5;
  int ip_max_failures = 20;
  int lockout_seconds = 900;
};

struct LoginResult {
  nlohmann::json me;
  std::string set_cookie;
};

class AuthService {
 public:
  AuthService(db::Database& db, AuthSettings settings);

  // Body {"username","password"}. Throws 422 (missing fields), 401 invalid_credentials,
  // 403 account_disabled, 429 account_locked.
  LoginResult Login(const http::Request& request);
  // Ends the caller's session; returns the Set-Cookie value that clears the cookie.
  std::string Logout(const access::Principal& principal);
  // Who is calling. Throws 401 when there is no valid session or token, 403 csrf_failed for a
  // write without the session's CSRF token, and 403 password_change_required while a password
  // change is pending unless `allow_pending_password_change`.
  access::Principal Authenticate(const http::Request& request, bool allow_pending_password_change = false);
  nlohmann::json Me(const access::Principal& principal);
  // Body {"current_password","new_password"}; 422 wrong_password / too_short / same_as_username.
  void ChangePassword(const access::Principal& principal, const http::Request& request);

 private:
  access::Principal FromToken(const http::Request& request, const std::string& token);
  // Counts the attempt on the account and address keys before the password is checked, so
  // parallel guesses cannot pass the limit. Returns false when either key is locked or over.
  struct Attempt {
    bool allowed = false;
    // Keys this attempt brings to their limit: if it fails, they lock.
    std::vector<std::string> lock_keys;
  };
  Attempt CountAttempt(const std::string& username, const http::Request& request, int64_t now);
  void RecordFailure(const std::string& username, const std::optional<int64_t>& user_id,
                     const http::Request& request, int64_t now, const char* reason,
                     const std::vector<std::string>& lock_keys);

  db::Database& db_;
  AuthSettings settings_;
  std::string dummy_hash_;  // verified against when the user does not exist, to even out timing
};

// A principal for one user, loaded from the database (roles included). Throws 401 when the
// user is missing or disabled.
access::Principal LoadPrincipal(db::Connection& c, int64_t user_id);

}  // namespace bangyi::accounts
