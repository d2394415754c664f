// Named SQL for case work. Read models come back as JSON objects whose keys are the SQL aliases.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::cases {

struct CaseRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  int64_t household_id = 0;
  std::optional<int64_t> primary_person_id, project_id, referred_by_user_id, social_worker_id, supervisor_id,
      transferred_from_case_id;
  std::string case_number, state, referral_source, referral_note, presenting_problem, urgency;
  std::optional<std::string> risk_level, closed_on;
  std::string opened_on;
  int64_t version = 1;
  std::string created_at, updated_at;
};

struct CaseFilter {
  int64_t organization_id = 0;     // 0: no organization filter (an adviser's own referrals)
  int64_t shared_with = 0;         // also cases shared with this organization
  int64_t worker_or_supervisor = 0;  // only cases where this user is worker or supervisor
  int64_t social_worker = 0;       // only this worker's cases
  int64_t referred_by = 0;         // only cases this user referred
  int64_t household_id = 0;
  std::string state;               // "" any; "open" the open states
};

// Cases
int64_t InsertCase(db::Connection& c, const CaseRow& row);
std::optional<CaseRow> FindCase(db::Connection& c, int64_t id);
// Moves the state only from `from`; false when the case was elsewhere (a concurrent change).
bool UpdateState(db::Connection& c, int64_t id, const std::string& from, const std::string& to,
                 const std::optional<std::string>& closed_on);
void TouchCase(db::Connection& c, int64_t id);
// For imported or demo history: the day a case ended.
void SetClosedOn(db::Connection& c, int64_t id, const std::string& closed_on);
void SetRiskLevel(db::Connection& c, int64_t id, const std::string& risk_level);
std::optional<int64_t> OpenCaseOfHousehold(db::Connection& c, int64_t organization_id, int64_t household_id);
nlohmann::json ListCaseSummaries(db::Connection& c, const CaseFilter& f, int64_t limit, int64_t offset);
int64_t CountCases(db::Connection& c, const CaseFilter& f);
std::optional<nlohmann::json> CaseSummary(db::Connection& c, int64_t id);
nlohmann::json CountByState(db::Connection& c, const CaseFilter& f);
bool IsSharedWith(db::Connection& c, int64_t case_id, int64_t organization_id);
void InsertShare(db::Connection& c, int64_t organization_id, int64_t case_id, int64_t shared_with, int64_t referral_id);

// Timeline
struct EventRow {
  int64_t organization_id = 0;
  int64_t case_id = 0;
  std::string kind;
  std::optional<std::string> from_state, to_state;
  std::string reason;
  std::optional<int64_t> ref_id;
  std::string summary;
  std::optional<int64_t> actor_user_id;
};
void InsertEvent(db::Connection& c, const EventRow& e);
nlohmann::json ListEvents(db::Connection& c, int64_t case_id);

// Staff of an organization: [{id, name, roles}]; and a role check for assignments.
nlohmann::json StaffOf(db::Connection& c, int64_t organization_id);
bool HoldsRoleIn(db::Connection& c, int64_t user_id, int64_t organization_id, const std::string& role);
// A funded project of this organization that still takes cases (agreement pending or active).
bool IsOpenProjectOf(db::Connection& c, int64_t project_id, int64_t organization_id);
std::string DisplayName(db::Connection& c, int64_t user_id);
// An active user holding the community_adviser role (any street or district).
bool IsCommunityAdviser(db::Connection& c, int64_t user_id);
std::string OrganizationName(db::Connection& c, int64_t organization_id);
// Active social organizations other than `except` whose name contains `q`: [{id, name, district_code, district_name}].
nlohmann::json ReferralTargets(db::Connection& c, int64_t except, const std::string& q, int64_t limit);

// Assessments
int64_t InsertAssessment(db::Connection& c, int64_t organization_id, int64_t case_id, const nlohmann::json& a,
                         int64_t created_by);
nlohmann::json ListAssessments(db::Connection& c, int64_t case_id);  // oldest first, with "scores"
bool HasAssessment(db::Connection& c, int64_t case_id, const std::string& kind);

// Plans: the latest version is the current one.
std::optional<nlohmann::json> CurrentPlan(db::Connection& c, int64_t case_id);
nlohmann::json ListPlans(db::Connection& c, int64_t case_id);
int64_t InsertPlan(db::Connection& c, int64_t organization_id, int64_t case_id, int64_t version,
                   const nlohmann::json& plan, int64_t created_by);
void UpdatePlanDraft(db::Connection& c, int64_t plan_id, const nlohmann::json& plan);
void SetPlanStatus(db::Connection& c, int64_t plan_id, const std::string& status);
void SubmitPlan(db::Connection& c, int64_t plan_id);
void DecidePlan(db::Connection& c, int64_t plan_id, const std::string& status, int64_t decided_by,
                const std::string& comment);
void SupersedeApprovedPlans(db::Connection& c, int64_t case_id, int64_t except_plan_id);

// Service records
struct ServiceRecordRow {
  int64_t organization_id = 0;
  int64_t case_id = 0;
  std::optional<int64_t> project_id;
  std::string served_on, start_time, mode, service_type, content, outcome, next_step;
  int64_t duration_minutes = 0;
  bool crisis = false;
  int64_t created_by = 0;
};
struct Participant {
  int64_t person_id = 0;
  int64_t case_id = 0;
};
bool IsServiceType(db::Connection& c, const std::string& code);
// Active types in catalogue order; `all` also lists retired ones (with "active").
nlohmann::json ListServiceTypes(db::Connection& c, bool all = false);
// Adds a type at the end of the catalogue, or renames / retires / restores an existing one.
void UpsertServiceType(db::Connection& c, const std::string& code, const std::string& name_zh,
                       const std::string& name_en, bool active);
// The open case (of `project_id`, or of the organization when no project) holding this person's household.
std::optional<int64_t> ParticipantCase(db::Connection& c, int64_t person_id, int64_t organization_id,
                                       std::optional<int64_t> project_id);
int64_t InsertServiceRecord(db::Connection& c, const ServiceRecordRow& r, const std::vector<Participant>& participants,
                            const std::vector<int64_t>& staff_ids);
nlohmann::json ListServiceRecords(db::Connection& c, int64_t case_id, int64_t limit, int64_t offset);
// {count, person_times, minutes} of records this case's household took part in.
nlohmann::json ServiceTotals(db::Connection& c, int64_t case_id);

// Alerts
int64_t InsertAlert(db::Connection& c, int64_t organization_id, int64_t case_id, const std::string& kind,
                    const std::string& level, const std::string& message, int64_t source_id);
std::optional<nlohmann::json> FindAlert(db::Connection& c, int64_t id);
bool AcknowledgeAlert(db::Connection& c, int64_t id, int64_t user_id, const std::string& note);
// Open alerts of an organization (optionally only of cases this user supervises or works).
nlohmann::json OpenAlerts(db::Connection& c, int64_t organization_id, int64_t case_id);

// Referrals
int64_t InsertReferral(db::Connection& c, int64_t organization_id, int64_t case_id,
                       std::optional<int64_t> to_organization_id, const std::string& external_resource,
                       const std::string& mode, const std::string& reason, int64_t created_by);
std::optional<nlohmann::json> FindReferral(db::Connection& c, int64_t id);
nlohmann::json ListReferrals(db::Connection& c, int64_t organization_id, const std::string& direction,
                             const std::string& status, int64_t case_id);
bool DecideReferral(db::Connection& c, int64_t id, const std::string& status, int64_t user_id,
                    const std::string& reason, std::optional<int64_t> new_case_id);
bool SetReferralOutcome(db::Connection& c, int64_t id, const std::string& outcome);

// Closing and follow-up
void UpsertClosing(db::Connection& c, int64_t organization_id, int64_t case_id, const nlohmann::json& closing,
                   int64_t recorded_by);
std::optional<nlohmann::json> FindClosing(db::Connection& c, int64_t case_id);
void SignOffClosing(db::Connection& c, int64_t case_id, int64_t user_id);
void InsertFollowUp(db::Connection& c, int64_t organization_id, int64_t case_id, const std::string& due_on);
nlohmann::json ListFollowUps(db::Connection& c, int64_t case_id);
std::optional<nlohmann::json> FindFollowUp(db::Connection& c, int64_t id);
bool CompleteFollowUp(db::Connection& c, int64_t id, const std::string& done_on, const std::string& note,
                      int64_t user_id);

// Attachments
struct AttachmentRow {
  int64_t organization_id = 0;
  int64_t case_id = 0;
  std::optional<int64_t> service_record_id;
  std::string sha256, content_type, filename;
  int64_t size_bytes = 0;
  int64_t uploaded_by = 0;
};
int64_t InsertAttachment(db::Connection& c, const AttachmentRow& row);
std::optional<nlohmann::json> FindAttachment(db::Connection& c, int64_t id);
nlohmann::json ListAttachments(db::Connection& c, int64_t case_id);
bool ServiceRecordOfCase(db::Connection& c, int64_t service_record_id, int64_t case_id);

// Work queue pieces (organization-wide; `user_id` 0 = everyone's)
nlohmann::json CasesInState(db::Connection& c, int64_t organization_id, const std::string& state, int64_t user_id,
                            int64_t limit);
nlohmann::json FollowUpsDue(db::Connection& c, int64_t organization_id, int64_t user_id, const std::string& by);
nlohmann::json AssessmentsDue(db::Connection& c, int64_t organization_id, int64_t user_id, const std::string& before);
nlohmann::json RecentCases(db::Connection& c, int64_t organization_id, int64_t user_id, int64_t limit);

}  // namespace bangyi::cases
