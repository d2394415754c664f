// Named SQL for case teams, pairings and visits.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::volunteers {

struct TeamMemberRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  int64_t case_id = 0;
  std::string kind, role, started_on;
  std::optional<int64_t> user_id, volunteer_id, professional_id;
  std::optional<std::string> ended_on;
  nlohmann::json grants = nlohmann::json::array();
};

int64_t InsertTeamMember(db::Connection& c, const TeamMemberRow& m, int64_t created_by);
std::optional<TeamMemberRow> FindTeamMember(db::Connection& c, int64_t id);
// Members with names (user display name, volunteer or professional name), current ones first.
nlohmann::json ListTeam(db::Connection& c, int64_t case_id);
nlohmann::json TeamMemberJson(db::Connection& c, int64_t id);
// The active member for this person ({kind, user/volunteer/professional id}), if any.
std::optional<TeamMemberRow> ActiveMember(db::Connection& c, int64_t case_id, const std::string& kind, int64_t ref_id);
void EndTeamMember(db::Connection& c, int64_t id, const std::string& ended_on, const std::string& reason);
void SetGrants(db::Connection& c, int64_t id, const nlohmann::json& grants);

struct PairingRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  int64_t case_id = 0;
  int64_t volunteer_id = 0;
  std::string purpose, cadence, started_on, status, status_reason;
  std::optional<std::string> planned_end_on, ended_on;
  nlohmann::json person_ids = nlohmann::json::array();
};

int64_t InsertPairing(db::Connection& c, const PairingRow& p, int64_t proposed_by);
std::optional<PairingRow> FindPairing(db::Connection& c, int64_t id);
// Moves `from` → `to`; false when the pairing was not in `from` any more.
bool MovePairing(db::Connection& c, int64_t id, const std::string& from, const std::string& to,
                 const std::string& reason, std::optional<std::string> ended_on);

struct PairingFilter {
  int64_t id = 0;  // one pairing
  int64_t organization_id = 0;
  int64_t case_id = 0;
  int64_t volunteer_id = 0;
  int64_t social_worker_id = 0;  // cases of this worker
  std::string status;            // "" any; "open" proposed | active | paused
};
// Board rows: {id, case_id, case_number, volunteer:{id,name}, status, cadence, purpose, started_on,
// planned_end_on, ended_on, last_visit_on, visits_to_confirm, social_worker_id}; newest first.
std::vector<nlohmann::json> ListPairings(db::Connection& c, const PairingFilter& f);

struct VisitRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  int64_t pairing_id = 0;
  int64_t case_id = 0;
  int64_t volunteer_id = 0;
  std::string visited_on, activities, service_type, status, query_comment;
  int64_t duration_minutes = 0;
  nlohmann::json concerns = nlohmann::json::array();
  std::optional<int64_t> service_record_id;
};

int64_t InsertVisit(db::Connection& c, const VisitRow& v);
std::optional<VisitRow> FindVisit(db::Connection& c, int64_t id);
nlohmann::json VisitJson(db::Connection& c, int64_t id);
// Rewrites a logged or queried visit and makes it logged again; false otherwise.
bool UpdateVisit(db::Connection& c, const VisitRow& v);
// logged → confirmed with its service record; false when it was not logged.
bool ConfirmVisit(db::Connection& c, int64_t id, int64_t service_record_id, std::optional<int64_t> project_id,
                  int64_t confirmed_by);
bool QueryVisit(db::Connection& c, int64_t id, const std::string& comment);
nlohmann::json ListVisits(db::Connection& c, int64_t pairing_id);
// An organization's visits in `status` (and of `social_worker_id`'s cases when non-zero), oldest first.
nlohmann::json VisitQueue(db::Connection& c, int64_t organization_id, const std::string& status,
                          int64_t social_worker_id);

}  // namespace bangyi::volunteers
