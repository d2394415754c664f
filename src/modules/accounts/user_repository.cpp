#include "modules/accounts/user_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::accounts {

namespace {

constexpr std::string_view kSelectUser =
    "SELECT u.id, u.username, u.display_name, u.password_hash, u.organization_id, o.name AS organization_name,"
    " u.status, u.must_change_password, u.last_login_at, u.version, u.created_at, u.updated_at"
    " FROM users u LEFT JOIN organizations o ON o.id = u.organization_id";
const std::string kSelectUserById = std::string(kSelectUser) + " WHERE u.id = $1";
const std::string kSelectUserByUsername = std::string(kSelectUser) + " WHERE u.username = $1";

// '' / 0 disable a filter, so one text serves every combination.
constexpr std::string_view kUserFilter =
    " WHERE (CAST($1 AS BIGINT) = 0 OR u.organization_id = CAST($1 AS BIGINT))"
    " AND ($2 = '' OR LOWER(u.username) LIKE LOWER($2) ESCAPE '\\' OR u.display_name LIKE $2 ESCAPE '\\')"
    " AND ($3 = '' OR EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND r.role = $3))"
    " AND ($4 = '' OR u.status = $4)";
const std::string kListUsers = std::string(kSelectUser) + std::string(kUserFilter) + " ORDER BY u.id LIMIT $5 OFFSET $6";
const std::string kCountUsers = "SELECT COUNT(*) AS n FROM users u" + std::string(kUserFilter);

constexpr std::string_view kSelectRoles =
    "SELECT role, scope_type, scope_id FROM role_assignments WHERE user_id = $1 ORDER BY id";
constexpr std::string_view kDeleteRoles = "DELETE FROM role_assignments WHERE user_id = $1";
constexpr std::string_view kInsertRole =
    "INSERT INTO role_assignments (user_id, organization_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, display_name, password_hash, organization_id, status, must_change_password,"
    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET display_name = $2, status = $3, version = version + 1, updated_at = $4"
    " WHERE id = $1 AND version = $5";
constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = $2, must_change_password = $3, version = version + 1, updated_at = $4"
    " WHERE id = $1";
constexpr std::string_view kSetLastLogin = "UPDATE users SET last_login_at = $2 WHERE id = $1";

User FromRow(db::Connection& c, const db::Row& row) {
  User u;
  u.id = row.Int("id");
  u.username = row.Text("username");
  u.display_name = row.Text("display_name");
  u.password_hash = row.OptText("password_hash");
  u.organization_id = row.OptInt("organization_id");
  u.organization_name = row.OptText("organization_name");
  u.status = row.Text("status");
  u.must_change_password = row.Int("must_change_password") != 0;
  u.last_login_at = row.OptText("last_login_at");
  u.version = row.Int("version");
  u.created_at = row.Text("created_at");
  u.updated_at = row.Text("updated_at");
  for (const auto& r : c.Query(kSelectRoles, {u.id})) {
    u.roles.push_back({r.Text("role"), r.Text("scope_type"), r.Text("scope_id")});
  }
  return u;
}

db::Params FilterParams(const UserFilter& f) {
  return {f.organization_id.value_or(0), db::LikeContains(f.q), f.role, f.status};
}

}  // namespace

nlohmann::json ToJson(const User& u) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : u.roles) {
    roles.push_back({{"role", r.role},
                     {"scope_type", r.scope_type},
                     {"scope_id", r.scope_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.scope_id)}});
  }
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"organization_id", u.organization_id},
          {"organization_name", u.organization_name},
          {"status", u.status},
          {"must_change_password", u.must_change_password},
          {"has_password", u.password_hash.has_value()},
          {"roles", roles},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at},
          {"last_login_at", u.last_login_at}};
}

std::optional<User> FindUserById(db::Connection& c, int64_t id) {
  auto row = c.QueryOne(kSelectUserById, {id});
  if (!row) {
    return std::nullopt;
  }
  return FromRow(c, *row);
}

std::optional<User> FindUserByUsername(db::Connection& c, const std::string& username) {
  auto row = c.QueryOne(kSelectUserByUsername, {username});
  if (!row) {
    return std::nullopt;
  }
  return FromRow(c, *row);
}

std::vector<User> ListUsers(db::Connection& c, const UserFilter& filter, int64_t limit, int64_t offset) {
  auto params = FilterParams(filter);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<User> out;
  for (const auto& row : c.Query(kListUsers, params)) {
    out.push_back(FromRow(c, row));
  }
  return out;
}

int64_t CountUsers(db::Connection& c, const UserFilter& filter) {
  return c.QueryOne(kCountUsers, FilterParams(filter))->Int("n");
}

int64_t InsertUser(db::Connection& c, const User& u) {
  auto row = c.QueryOne(kInsertUser, {u.username, u.display_name, db::Nullable(u.password_hash),
                                      db::Nullable(u.organization_id), u.status,
                                      int64_t{u.must_change_password ? 1 : 0}, core::NowIso()});
  return row->Int("id");
}

bool UpdateUser(db::Connection& c, const User& u) {
  return c.Execute(kUpdateUser, {u.id, u.display_name, u.status, core::NowIso(), u.version}) == 1;
}

void SetPassword(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change) {
  c.Execute(kSetPassword, {user_id, hash, int64_t{must_change ? 1 : 0}, core::NowIso()});
}

void SetLastLogin(db::Connection& c, int64_t user_id) { c.Execute(kSetLastLogin, {user_id, core::NowIso()}); }

void ReplaceRoles(db::Connection& c, int64_t user_id, std::optional<int64_t> organization_id,
                  const std::vector<access::RoleAssignment>& roles) {
  c.Execute(kDeleteRoles, {user_id});
  for (const auto& r : roles) {
    c.Execute(kInsertRole, {user_id, db::Nullable(organization_id), r.role, r.scope_type, r.scope_id});
  }
}

}  // namespace bangyi::accounts
