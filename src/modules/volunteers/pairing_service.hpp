// Use cases of four-in-one teams and pairing (docs/volunteers.md): the case's team and what a
// volunteer on it may see, explained pairing suggestions, pairings and their states, visits the
// volunteer logs and the social worker confirms into service records, and the volunteer's home.
// Social workers and supervisors manage (pairings.manage over the case's organization); the
// paired volunteer answers proposals and logs visits (volunteering.self).
#pragma once

#include <nlohmann/json.hpp>

#include "core/field_crypto.hpp"
#include "core/secrets.hpp"
#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/cases/case_repository.hpp"
#include "modules/volunteers/pairing_repository.hpp"
#include "modules/volunteers/volunteer_service.hpp"

namespace bangyi::volunteers {

struct PairingQuery {
  std::string status;  // "" any, "open", or one status
  bool overdue = false;
  bool mine = false;   // cases where I am the social worker
};

class PairingService {
 public:
  PairingService(db::Database& db, VolunteerService& volunteers, const core::Secrets& secrets)
      : db_(db), volunteers_(volunteers), cipher_(secrets.field_encryption_key, secrets.field_key_id) {}

  nlohmann::json Team(const access::Principal& p, int64_t case_id);
  nlohmann::json AddMember(const access::Principal& p, int64_t case_id, const nlohmann::json& body);
  nlohmann::json EndMember(const access::Principal& p, int64_t case_id, int64_t member_id, const nlohmann::json& body);
  nlohmann::json SetGrants(const access::Principal& p, int64_t case_id, int64_t member_id, const nlohmann::json& body);
  nlohmann::json VolunteerView(const access::Principal& p, int64_t case_id);

  // `languages` and `slots`: comma-separated codes ("" = derived / no wish).
  nlohmann::json Suggestions(const access::Principal& p, int64_t case_id, int64_t limit, const std::string& languages,
                             const std::string& slots);
  nlohmann::json Propose(const access::Principal& p, int64_t case_id, const nlohmann::json& body);
  nlohmann::json List(const access::Principal& p, const PairingQuery& q, const http::Page& page);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  nlohmann::json Respond(const access::Principal& p, int64_t id, bool accept, const nlohmann::json& body);
  // pause | resume | end
  nlohmann::json Move(const access::Principal& p, int64_t id, const std::string& action, const nlohmann::json& body);
  nlohmann::json Me(const access::Principal& p);

  nlohmann::json LogVisit(const access::Principal& p, int64_t pairing_id, const nlohmann::json& body);
  nlohmann::json EditVisit(const access::Principal& p, int64_t visit_id, const nlohmann::json& body);
  nlohmann::json Visits(const access::Principal& p, int64_t pairing_id);
  nlohmann::json VisitQueue(const access::Principal& p, const std::string& status, bool mine);
  nlohmann::json ConfirmVisit(const access::Principal& p, int64_t visit_id);
  nlohmann::json QueryVisit(const access::Principal& p, int64_t visit_id, const nlohmann::json& body);

 private:
  // The case, or 404; 403 unless pairings.manage covers its organization.
  cases::CaseRow ManagedCase(db::Connection& c, const access::Principal& p, int64_t case_id) const;
  // The caller's volunteer profile, or 404; with `active`, 409 volunteer_not_active unless active
  // (a paused or departed volunteer keeps their history but no longer acts or sees families).
  VolunteerRow Self(db::Connection& c, const access::Principal& p, bool active) const;
  void RaiseSafetyAlert(db::Connection& c, const access::Principal& p, const cases::CaseRow& row,
                        const std::string& visited_on, int64_t visit_id) const;
  // The volunteer's own pairing, or 404 / 403 (returned as optional so callers read it like a find).
  std::optional<PairingRow> OwnPairing(db::Connection& c, const VolunteerRow& self, int64_t id) const;
  // The pairing, or 404; 403 unless the caller manages its case or is its volunteer.
  PairingRow ReadablePairing(db::Connection& c, const access::Principal& p, int64_t id, bool* manages) const;
  // A board row with next_due_on and overdue (active pairings only) as of `today`.
  static nlohmann::json PairingJson(const nlohmann::json& row, const std::string& today);
  void CaseEvent(db::Connection& c, const access::Principal& p, const cases::CaseRow& row, const std::string& kind,
                 int64_t ref_id, const std::string& summary) const;

  db::Database& db_;
  VolunteerService& volunteers_;
  core::FieldCipher cipher_;
};

}  // namespace bangyi::volunteers
