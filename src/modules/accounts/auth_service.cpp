#include "modules/accounts/auth_service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/password.hpp"
#include "modules/accounts/session_repository.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/audit/audit_service.hpp"

namespace bangyi::accounts {

namespace {

constexpr int64_t kTouchEverySeconds = 60;
constexpr std::string_view kDeleteOtherSessions = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";

core::Error InvalidCredentials() {
  return core::Error(core::ErrorKind::kUnauthenticated, "invalid_credentials", "wrong username or password");
}

audit::Actor RequestActor(const http::Request& r, std::optional<int64_t> user_id, std::string username) {
  return audit::Actor{user_id, std::move(username), r.request_id, r.remote_ip};
}

}  // namespace

access::Principal LoadPrincipal(db::Connection& c, int64_t user_id) {
  auto user = FindUserById(c, user_id);
  if (!user || user->status != "active") {
    throw core::Error::Unauthenticated("account is not active");
  }
  access::Principal p;
  p.user_id = user->id;
  p.username = user->username;
  p.organization_id = user->organization_id;
  p.roles = user->roles;
  p.must_change_password = user->must_change_password;
  return p;
}

AuthService::AuthService(db::Database& db, AuthSettings settings)
    : db_(db), settings_(settings), dummy_hash_(core::HashPassword(core::RandomToken(16))) {}

AuthService::Attempt AuthService::CountAttempt(const std::string& username, const http::Request& request,
                                               int64_t now) {
  return db_.Write([&](db::Connection& c) {
    Attempt a{true, {}};
    for (const auto& [key, limit] : {std::pair{"user:" + username, settings_.max_failures},
                                     std::pair{"ip:" + request.remote_ip, settings_.ip_max_failures}}) {
      Throttle t = accounts::CountAttempt(c, key, now, settings_.lockout_seconds);
      if (t.locked_until > now || t.failures > limit) {
        a.allowed = false;
      }
      if (t.failures == limit) {
        a.lock_keys.push_back(key);
      }
    }
    return a;
  });
}

void AuthService::RecordFailure(const std::string& username, const std::optional<int64_t>& user_id,
                                const http::Request& request, int64_t now, const char* reason,
                                const std::vector<std::string>& lock_keys) {
  bool lock = !lock_keys.empty();
  db_.Write([&](db::Connection& c) {
    for (const auto& key : lock_keys) {
      LockThrottle(c, key, now + settings_.lockout_seconds);
    }
    // The attempted name is recorded only when it is an account: people type passwords into
    // the username field, and the audit log is append-only.
    nlohmann::json changes = {{"reason", {{"from", nullptr}, {"to", reason}}}};
    if (user_id) {
      changes["username"] = {{"from", nullptr}, {"to", username}};
    }
    std::optional<std::string> entity = user_id ? std::optional(std::to_string(*user_id)) : std::nullopt;
    audit::Actor actor = RequestActor(request, std::nullopt, "");
    audit::Record(c, actor, {"auth.login_failed", "user", entity, std::nullopt, changes});
    if (lock) {
      audit::Record(c, actor, {"auth.lockout", "user", entity, std::nullopt, changes});
    }
  });
}

LoginResult AuthService::Login(const http::Request& request) {
  auto body = core::ParseJsonObject(request.body);
  core::JsonReader in(body);
  std::string username = NormalizeUsername(in.String("username", true, 64));
  const auto& raw_password = in.Raw("password");
  if (!raw_password.is_string() || raw_password.get<std::string>().empty()) {
    in.Add("password", raw_password.is_null() || raw_password.is_string() ? "required" : "invalid");
  }
  in.ThrowIfAny();
  std::string password = raw_password.get<std::string>();
  int64_t now = core::NowUnix();

  auto user = db_.Read([&](db::Connection& c) { return FindUserByUsername(c, username); });
  Attempt attempt = CountAttempt(username, request, now);
  if (!attempt.allowed) {
    db_.Write([&](db::Connection& c) {
      nlohmann::json changes = nlohmann::json::object();
      if (user) {
        changes["username"] = {{"from", nullptr}, {"to", username}};
      }
      audit::Record(c, RequestActor(request, std::nullopt, ""),
                    {"auth.login_refused_locked", "user", user ? std::optional(std::to_string(user->id)) : std::nullopt,
                     std::nullopt, changes});
    });
    throw core::Error(core::ErrorKind::kTooManyRequests, "account_locked",
                      "too many failed logins; try again in " + std::to_string(settings_.lockout_seconds / 60) +
                          " minutes");
  }

  bool ok = false;
  if (user && user->password_hash) {
    ok = core::VerifyPassword(*user->password_hash, password);
  } else {
    core::VerifyPassword(dummy_hash_, password);
  }
  if (!ok) {
    RecordFailure(username, user ? std::optional(user->id) : std::nullopt, request, now,
                  user ? "wrong_password" : "unknown_user", attempt.lock_keys);
    throw InvalidCredentials();
  }
  if (user->status != "active") {
    RecordFailure(username, user->id, request, now, "disabled", attempt.lock_keys);
    throw core::Error(core::ErrorKind::kForbidden, "account_disabled", "this account is disabled");
  }

  std::string token = core::RandomToken(32);
  std::string csrf = core::RandomToken(32);
  std::optional<std::string> rehash;
  if (core::PasswordNeedsRehash(*user->password_hash)) {
    rehash = core::HashPassword(password);
  }
  access::Principal principal = db_.Write([&](db::Connection& c) {
    ClearThrottle(c, "user:" + username);
    UncountAttempt(c, "ip:" + request.remote_ip);
    InsertSession(c, core::Sha256Hex(token), user->id, user->organization_id, csrf, now,
                  now + settings_.absolute_timeout_seconds, request.remote_ip, request.Header("user-agent"));
    SetLastLogin(c, user->id);
    if (rehash) {
      SetPassword(c, user->id, *rehash, user->must_change_password);
    }
    audit::Record(c, RequestActor(request, user->id, user->username),
                  {"auth.login", "user", std::to_string(user->id), user->organization_id, nlohmann::json::object()});
    return LoadPrincipal(c, user->id);
  });
  principal.csrf_token = csrf;
  principal.request_id = request.request_id;
  principal.ip = request.remote_ip;

  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(settings_.absolute_timeout_seconds);
  if (settings_.cookie_secure) {
    cookie += "; Secure";
  }
  return {Me(principal), cookie};
}

std::string AuthService::Logout(const access::Principal& principal) {
  db_.Write([&](db::Connection& c) {
    if (principal.session_id) {
      DeleteSession(c, *principal.session_id);
    }
    audit::Record(c, audit::ActorOf(principal),
                  {"auth.logout", "user", std::to_string(principal.user_id), principal.organization_id,
                   nlohmann::json::object()});
  });
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (settings_.cookie_secure ? "; Secure" : "");
}

access::Principal AuthService::FromToken(const http::Request& request, const std::string& token) {
  struct Found {
    access::Principal principal;
    int64_t token_id;
    bool stale_last_used;
  };
  auto found = db_.Read([&](db::Connection& c) -> std::optional<Found> {
    auto t = FindActiveApiToken(c, core::Sha256Hex(token));
    if (!t) {
      return std::nullopt;
    }
    access::Principal p = LoadPrincipal(c, t->user_id);
    p.token_scopes = std::set<std::string>(t->scopes.begin(), t->scopes.end());
    p.must_change_password = false;  // tokens are for integrations, not interactive users
    bool stale = !t->last_used_at || *t->last_used_at < core::UnixToIso(core::NowUnix() - kTouchEverySeconds);
    return Found{std::move(p), t->id, stale};
  });
  if (!found) {
    throw core::Error::Unauthenticated("invalid or revoked API token");
  }
  if (found->stale_last_used) {
    db_.Write([&](db::Connection& c) { TouchApiToken(c, found->token_id); });
  }
  found->principal.request_id = request.request_id;
  found->principal.ip = request.remote_ip;
  return found->principal;
}

access::Principal AuthService::Authenticate(const http::Request& request, bool allow_pending_password_change) {
  std::string authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    return FromToken(request, authorization.substr(7));
  }
  std::string token = request.Cookie(std::string(kSessionCookie));
  if (token.empty()) {
    throw core::Error::Unauthenticated();
  }
  int64_t now = core::NowUnix();
  std::string hash = core::Sha256Hex(token);
  auto session = db_.Read([&](db::Connection& c) { return FindSession(c, hash); });
  if (!session) {
    throw core::Error::Unauthenticated("session expired or invalid");
  }
  if (session->expires_at <= now || session->last_seen_at + settings_.idle_timeout_seconds <= now) {
    db_.Write([&](db::Connection& c) { DeleteSession(c, session->id); });
    throw core::Error::Unauthenticated("session expired");
  }
  access::Principal p = db_.Read([&](db::Connection& c) { return LoadPrincipal(c, session->user_id); });
  if (request.IsUnsafeMethod() && !core::ConstantTimeEquals(request.Header("x-csrf-token"), session->csrf_token)) {
    throw core::Error(core::ErrorKind::kForbidden, "csrf_failed", "missing or wrong X-CSRF-Token header");
  }
  if (now - session->last_seen_at >= kTouchEverySeconds) {
    db_.Write([&](db::Connection& c) { TouchSession(c, session->id, now); });
  }
  p.session_id = session->id;
  p.csrf_token = session->csrf_token;
  p.request_id = request.request_id;
  p.ip = request.remote_ip;
  if (p.must_change_password && !allow_pending_password_change) {
    throw core::Error(core::ErrorKind::kForbidden, "password_change_required",
                      "the password must be changed before anything else");
  }
  return p;
}

nlohmann::json AuthService::Me(const access::Principal& principal) {
  auto user = db_.Read([&](db::Connection& c) { return FindUserById(c, principal.user_id); });
  if (!user) {
    throw core::Error::Unauthenticated();
  }
  auto perms = principal.Permissions();
  return {{"user", ToJson(*user)},
          {"permissions", std::vector<std::string>(perms.begin(), perms.end())},
          {"csrf_token", principal.csrf_token}};
}

void AuthService::ChangePassword(const access::Principal& principal, const http::Request& request) {
  if (principal.token_scopes) {
    throw core::Error::Forbidden("API tokens cannot change passwords");
  }
  auto body = core::ParseJsonObject(request.body);
  core::JsonReader in(body);
  const auto& current = in.Raw("current_password");
  const auto& next = in.Raw("new_password");
  if (!current.is_string() || current.get<std::string>().empty()) {
    in.Add("current_password", "required");
  }
  if (!next.is_string() || next.get<std::string>().empty()) {
    in.Add("new_password", "required");
  } else if (auto code = CheckPasswordPolicy(next.get<std::string>(), principal.username); !code.empty()) {
    in.Add("new_password", code);
  }
  in.ThrowIfAny();
  auto user = db_.Read([&](db::Connection& c) { return FindUserById(c, principal.user_id); });
  if (!user || !user->password_hash || !core::VerifyPassword(*user->password_hash, current.get<std::string>())) {
    throw core::Error::Validation({{"current_password", "wrong_password"}});
  }
  if (current.get<std::string>() == next.get<std::string>()) {
    throw core::Error::Validation({{"new_password", "same_as_current"}});
  }
  std::string hash = core::HashPassword(next.get<std::string>());
  db_.Write([&](db::Connection& c) {
    SetPassword(c, principal.user_id, hash, false);
    // Other sessions of this user end: whoever knew the old password is signed out.
    c.Execute(kDeleteOtherSessions, {principal.user_id, principal.session_id.value_or(0)});
    audit::Record(c, audit::ActorOf(principal),
                  {"user.password_changed", "user", std::to_string(principal.user_id), principal.organization_id,
                   audit::Changes().Sensitive("password").json()});
  });
}

}  // namespace bangyi::accounts
