// Named SQL for applications, review assignments and objections. Read models come back as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/rounds/application.hpp"

namespace bangyi::rounds {

// The round's money limits and eligibility (cents, for the rules).
std::optional<RoundLimits> FindRoundLimits(db::Connection& c, int64_t round_id);
// {org_type, rating} of an organization.
std::pair<std::string, std::string> OrganizationProfile(db::Connection& c, int64_t organization_id);
void SetNoticeStarted(db::Connection& c, int64_t round_id, const std::string& date);

int64_t InsertApplication(db::Connection& c, int64_t organization_id, int64_t round_id, const ApplicationDocument& a,
                          int64_t created_by);
// The document's fields plus id, organization, round_id, state, screening, decision, version…
std::optional<nlohmann::json> FindApplication(db::Connection& c, int64_t id);
// Whose applications a list shows: an organization's own (drafts included), those assigned to a
// reviewer, or (both 0) all past draft.
struct ApplicationScope {
  int64_t organization_id = 0;
  int64_t reviewer_id = 0;
};
nlohmann::json ListApplications(db::Connection& c, int64_t round_id, const std::string& state,
                                const ApplicationScope& scope, int64_t limit, int64_t offset);
int64_t CountApplications(db::Connection& c, int64_t round_id, const std::string& state, const ApplicationScope& scope);
bool UpdateDraft(db::Connection& c, int64_t id, int64_t version, const ApplicationDocument& a);
bool MarkSubmitted(db::Connection& c, int64_t id, int64_t version);
bool MarkScreened(db::Connection& c, int64_t id, const std::string& state, const std::string& reason, int64_t by);
// Proposes (`granted` set, state proposed) or drops a proposal (state eligible).
bool MarkDecision(db::Connection& c, int64_t id, std::optional<int64_t> granted, const std::string& note, int64_t by);
int64_t ProposedTotal(db::Connection& c, int64_t round_id, int64_t except_application_id);
int64_t CountProposed(db::Connection& c, int64_t round_id);
// Applications that were proposed when the notice ended, as {id, organization_id, document, granted_cents}.
std::vector<db::Row> ListProposed(db::Connection& c, int64_t round_id);
// Notice over: proposed → funded, the rest still in the race → not_funded.
void FinalizeDecisions(db::Connection& c, int64_t round_id);

// Review assignments.
struct Assignment {
  int64_t id = 0;
  std::string state;
  int64_t total_centi = 0;
};
bool InsertAssignment(db::Connection& c, int64_t organization_id, int64_t application_id, int64_t reviewer_id,
                      int64_t by);
bool DeleteAssignment(db::Connection& c, int64_t application_id, int64_t reviewer_id);
std::optional<Assignment> FindAssignment(db::Connection& c, int64_t application_id, int64_t reviewer_id);
std::optional<nlohmann::json> FindAssignmentJson(db::Connection& c, int64_t application_id, int64_t reviewer_id);
bool MarkConflict(db::Connection& c, int64_t assignment_id, const std::string& reason);
bool SaveReview(db::Connection& c, int64_t assignment_id, const ReviewInput& r);
nlohmann::json ListAssignments(db::Connection& c, int64_t application_id);
// Submitted totals of one application.
std::vector<int64_t> SubmittedTotals(db::Connection& c, int64_t application_id);
// The applications a round's results rank, and every submitted total of the round.
std::vector<db::Row> ListRankable(db::Connection& c, int64_t round_id);
std::vector<db::Row> RoundSubmittedTotals(db::Connection& c, int64_t round_id);

// Objections during 公示.
int64_t InsertObjection(db::Connection& c, int64_t organization_id, int64_t round_id, int64_t application_id,
                        const std::string& source, const std::string& content, int64_t by);
std::optional<db::Row> FindObjection(db::Connection& c, int64_t id);
bool ResolveObjection(db::Connection& c, int64_t id, bool upheld, const std::string& resolution, int64_t by);
nlohmann::json ListObjections(db::Connection& c, int64_t round_id);
int64_t CountOpenObjections(db::Connection& c, int64_t round_id);
// What the public notice lists: project, sub-brand, organization, amount.
nlohmann::json ListNoticeProjects(db::Connection& c, int64_t round_id);

}  // namespace bangyi::rounds
