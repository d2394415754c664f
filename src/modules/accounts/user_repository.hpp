// Named SQL for users and their role assignments.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_optional.hpp"

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/access/role.hpp"

namespace bangyi::accounts {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::optional<std::string> password_hash;
  std::optional<int64_t> organization_id;
  std::optional<std::string> organization_name;
  std::string status;
  bool must_change_password = false;
  std::optional<std::string> last_login_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::vector<access::RoleAssignment> roles;
};

nlohmann::json ToJson(const User& user);

struct UserFilter {
  std::optional<int64_t> organization_id;
  std::string q;
  std::string role;
  std::string status;
};

std::optional<User> FindUserById(db::Connection& c, int64_t id);
std::optional<User> FindUserByUsername(db::Connection& c, const std::string& username);
std::vector<User> ListUsers(db::Connection& c, const UserFilter& filter, int64_t limit, int64_t offset);
int64_t CountUsers(db::Connection& c, const UserFilter& filter);

int64_t InsertUser(db::Connection& c, const User& user);
// Writes display_name and status when user.version is still current; false when it is stale.
bool UpdateUser(db::Connection& c, const User& user);
void SetPassword(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change);
void SetLastLogin(db::Connection& c, int64_t user_id);
void ReplaceRoles(db::Connection& c, int64_t user_id, std::optional<int64_t> organization_id,
                  const std::vector<access::RoleAssignment>& roles);

}  // namespace bangyi::accounts
