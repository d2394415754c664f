// Use cases of applications (docs/rounds.md): an organization drafts and submits, the program
// officer screens. Who sees an application: its organization, the foundation once submitted, and
// the reviewers assigned to it; everyone else gets 404.
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::rounds {

class ApplicationService {
 public:
  ApplicationService(db::Database& db, const divisions::DivisionIndex& divisions) : db_(db), divisions_(divisions) {}

  nlohmann::json List(const access::Principal& p, int64_t round_id, const std::string& state, const http::Page& page);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  nlohmann::json Create(const access::Principal& p, int64_t round_id, const nlohmann::json& body);
  nlohmann::json Update(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Submit(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Screen(const access::Principal& p, int64_t id, const nlohmann::json& body);

 private:
  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
};

// The application as `p` may see it (404 otherwise), shared with the review use cases.
nlohmann::json LoadApplication(db::Connection& c, const access::Principal& p, int64_t id);
// The round as `p` may see it (404 for a draft round without rounds.manage).
nlohmann::json LoadRound(db::Connection& c, const access::Principal& p, int64_t id);

}  // namespace bangyi::rounds
