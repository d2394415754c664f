// Use cases of funded projects (docs/projects.md): the foundation sees every project, an
// organization its own; the program officer records the agreement; indicators are computed live.
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"

namespace bangyi::projects {

class ProjectService {
 public:
  explicit ProjectService(db::Database& db) : db_(db) {}

  nlohmann::json List(const access::Principal& p, int64_t round_id, const http::Page& page);
  // The project with its budget lines and computed indicators.
  nlohmann::json Get(const access::Principal& p, int64_t id);
  // {signed_on, starts_on, ends_on, version}: agreement_pending → active.
  nlohmann::json SignAgreement(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Indicators(const access::Principal& p, int64_t id);

 private:
  db::Database& db_;
};

// The project as `p` may see it (404 otherwise).
nlohmann::json LoadProject(db::Connection& c, const access::Principal& p, int64_t id);

}  // namespace bangyi::projects
