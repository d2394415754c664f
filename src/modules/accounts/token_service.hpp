// API tokens for integrations: created by a foundation administrator, limited to a subset of the
// creator's permissions, shown once at creation (only a hash is stored), revocable.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_optional.hpp"

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"

namespace bangyi::accounts {

class TokenService {
 public:
  explicit TokenService(db::Database& db) : db_(db) {}
  nlohmann::json List(const access::Principal& p, const http::Page& page);
  // Body {name, scopes:[permission]}; the response carries "token" once.
  nlohmann::json Create(const access::Principal& p, const nlohmann::json& body);
  void Revoke(const access::Principal& p, int64_t id);

 private:
  db::Database& db_;
};

}  // namespace bangyi::accounts
