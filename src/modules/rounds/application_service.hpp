// Use cases of applications (docs/rounds.md): an organization drafts and submits, the program
// officer screens. Who sees an application: its organization, the foundation once submitted, and
// the reviewers assigned to it; everyone else gets 404.
#pragma once

#include <nlohmann/json.hpp>

#include "core/file_store.hpp"
#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::rounds {

class ApplicationService {
 public:
  // `files_dir`: where uploaded documents are stored (core/file_store).
  ApplicationService(db::Database& db, const divisions::DivisionIndex& divisions, std::string files_dir)
      : db_(db), divisions_(divisions), files_dir_(std::move(files_dir)) {}

  nlohmann::json List(const access::Principal& p, int64_t round_id, const std::string& state, const http::Page& page);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  nlohmann::json Create(const access::Principal& p, int64_t round_id, const nlohmann::json& body);
  nlohmann::json Update(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Submit(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Screen(const access::Principal& p, int64_t id, const nlohmann::json& body);
  // Documents of a draft (the raw body, up to 20 MB, type decided from the content).
  nlohmann::json Upload(const access::Principal& p, int64_t id, const std::string& bytes,
                        const std::string& content_type, const std::string& filename);
  nlohmann::json Documents(const access::Principal& p, int64_t id);
  core::StoredFile Fetch(const access::Principal& p, int64_t id, int64_t document_id);

 private:
  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
  std::string files_dir_;
};

// The application as `p` may see it (404 otherwise), shared with the review use cases.
nlohmann::json LoadApplication(db::Connection& c, const access::Principal& p, int64_t id);
// The round as `p` may see it (404 for a draft round without rounds.manage).
nlohmann::json LoadRound(db::Connection& c, const access::Principal& p, int64_t id);

}  // namespace bangyi::rounds
