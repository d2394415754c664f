// Staff accounts. Foundation administrators manage every account; an organization administrator
// manages the accounts of their own organization and may hand out only that organization's staff
// roles. Every change is audited in its own transaction; role changes are audited as permission
// changes ("user.roles_changed").
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::accounts {

class UserService {
 public:
  UserService(db::Database& db, const divisions::DivisionIndex& divisions) : db_(db), divisions_(divisions) {}

  nlohmann::json List(const access::Principal& p, UserFilter filter, const http::Page& page);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  // Body {username, display_name, password?, organization_id?, roles:[{role, scope_type?, scope_id?}]}.
  nlohmann::json Create(const access::Principal& p, const nlohmann::json& body);
  // Body {display_name?, roles?, status?}.
  nlohmann::json Update(const access::Principal& p, int64_t id, const nlohmann::json& body);
  // Body {new_password}; the user must change it at next login; their sessions end.
  void ResetPassword(const access::Principal& p, int64_t id, const nlohmann::json& body);

 private:
  // Reads and checks roles[] against the user's organization; adds field errors to `in`.
  std::vector<access::RoleAssignment> ReadRoles(const nlohmann::json& raw, std::optional<int64_t> organization_id,
                                                core::FieldErrors& errors);
  // 403 unless `p` may manage an account of `organization_id` holding `roles`.
  void RequireManage(const access::Principal& p, std::optional<int64_t> organization_id,
                     const std::vector<access::RoleAssignment>& roles);
  User Load(db::Connection& c, int64_t id);

  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
};

}  // namespace bangyi::accounts
