// Use cases of review and decision (docs/rounds.md): the program officer assigns reviewers, each
// reviewer scores blind, the results rank the applications, the officer proposes funding within
// the budget, and during 公示 staff record objections. The public notice needs no login.
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "modules/access/role.hpp"

namespace bangyi::rounds {

class ReviewService {
 public:
  explicit ReviewService(db::Database& db) : db_(db) {}

  nlohmann::json Assign(const access::Principal& p, int64_t application_id, const nlohmann::json& body);
  nlohmann::json Unassign(const access::Principal& p, int64_t application_id, int64_t reviewer_id);
  nlohmann::json DeclareConflict(const access::Principal& p, int64_t application_id, const nlohmann::json& body);
  nlohmann::json OwnReview(const access::Principal& p, int64_t application_id);
  nlohmann::json SaveOwnReview(const access::Principal& p, int64_t application_id, const nlohmann::json& body);
  // The foundation sees every review; a reviewer, after submitting, the aggregate only.
  nlohmann::json Reviews(const access::Principal& p, int64_t application_id);
  nlohmann::json Results(const access::Principal& p, int64_t round_id);
  nlohmann::json Decide(const access::Principal& p, int64_t application_id, const nlohmann::json& body);

  nlohmann::json RecordObjection(const access::Principal& p, int64_t round_id, const nlohmann::json& body);
  nlohmann::json ResolveObjection(const access::Principal& p, int64_t objection_id, const nlohmann::json& body);
  nlohmann::json Objections(const access::Principal& p, int64_t round_id);
  // No principal: what anyone may read from `notice` on (404 before).
  nlohmann::json PublicNotice(int64_t round_id);

 private:
  db::Database& db_;
};

}  // namespace bangyi::rounds
