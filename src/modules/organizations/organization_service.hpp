// Use cases for organizations. Foundation administrators create and edit any organization; an
// organization administrator edits their own (but not its credit code, rating or status);
// readers see the organizations their role scopes cover. Each write is one transaction with
// its audit event; a refused write leaves no trace but the refusal.
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"
#include "modules/organizations/organization_repository.hpp"

namespace bangyi::organizations {

class OrganizationService {
 public:
  OrganizationService(db::Database& db, const divisions::DivisionIndex& divisions) : db_(db), divisions_(divisions) {}

  nlohmann::json List(const access::Principal& p, OrganizationFilter filter, const http::Page& page);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  nlohmann::json Create(const access::Principal& p, const nlohmann::json& body);
  // Full replacement of the editable fields; body.version must match (else 409 version_conflict).
  nlohmann::json Update(const access::Principal& p, int64_t id, const nlohmann::json& body);

 private:
  Organization Load(db::Connection& c, int64_t id);

  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
};

}  // namespace bangyi::organizations
