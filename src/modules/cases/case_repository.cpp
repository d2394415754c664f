#include "modules/cases/case_repository.hpp"

#include <cstdio>
#include <map>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/kpis/rollup.hpp"

namespace bangyi::cases {

namespace {

using db::Nullable;

constexpr std::string_view kInsertCase =
    "INSERT INTO cases (organization_id, household_id, primary_person_id, project_id, case_number, state,"
    " referral_source, referral_note, referred_by_user_id, presenting_problem, urgency, social_worker_id,"
    " supervisor_id, transferred_from_case_id, opened_on, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id";
constexpr std::string_view kSetCaseNumber = "UPDATE cases SET case_number = $2 WHERE id = $1";
constexpr std::string_view kSelectCase =
    "SELECT id, organization_id, household_id, primary_person_id, project_id, case_number, state, referral_source,"
    " referral_note, referred_by_user_id, presenting_problem, urgency, risk_level, social_worker_id, supervisor_id,"
    " transferred_from_case_id, opened_on, closed_on, version, created_at, updated_at FROM cases WHERE id = $1";
constexpr std::string_view kUpdateState =
    "UPDATE cases SET state = $3, closed_on = COALESCE($4, closed_on), version = version + 1, updated_at = $5"
    " WHERE id = $1 AND state = $2";
constexpr std::string_view kTouchCase = "UPDATE cases SET version = version + 1, updated_at = $2 WHERE id = $1";
constexpr std::string_view kSetClosedOn = "UPDATE cases SET closed_on = $2 WHERE id = $1";
constexpr std::string_view kSetRisk =
    "UPDATE cases SET risk_level = $2, version = version + 1, updated_at = $3 WHERE id = $1";
constexpr std::string_view kOpenCaseOfHousehold =
    "SELECT id FROM cases WHERE organization_id = $1 AND household_id = $2"
    " AND state NOT IN ('closed', 'follow_up', 'transferred', 'rejected') LIMIT 1";

// One summary shape for every list. The filter parameters: $1 organization, $2 shared-with
// organization, $3 worker-or-supervisor, $4 social worker, $5 referred by, $6 household, $7 state.
constexpr std::string_view kSummarySelect =
    "SELECT c.id, c.case_number, c.organization_id, o.name AS organization_name, c.household_id,"
    " COALESCE(pp.name, (SELECT MIN(hp.name) FROM persons hp WHERE hp.household_id = c.household_id"
    "   AND hp.relation = 'head'), '') AS household_label,"
    " h.street_code, d.name AS street_name, c.state, c.urgency, c.risk_level, c.referral_source,"
    " c.presenting_problem, c.social_worker_id, sw.display_name AS social_worker_name, c.supervisor_id,"
    " sv.display_name AS supervisor_name, c.project_id, c.primary_person_id, c.opened_on, c.closed_on,"
    " c.updated_at, c.version"
    " FROM cases c JOIN organizations o ON o.id = c.organization_id JOIN households h ON h.id = c.household_id"
    " LEFT JOIN divisions d ON d.code = h.street_code LEFT JOIN persons pp ON pp.id = c.primary_person_id"
    " LEFT JOIN users sw ON sw.id = c.social_worker_id LEFT JOIN users sv ON sv.id = c.supervisor_id";
constexpr std::string_view kFilterWhere =
    " WHERE (CAST($1 AS BIGINT) = 0 OR c.organization_id = $1"
    "        OR c.id IN (SELECT s.case_id FROM case_shares s WHERE s.shared_with = $2))"
    " AND (CAST($3 AS BIGINT) = 0 OR c.social_worker_id = $3 OR c.supervisor_id = $3)"
    " AND (CAST($4 AS BIGINT) = 0 OR c.social_worker_id = $4)"
    " AND (CAST($5 AS BIGINT) = 0 OR c.referred_by_user_id = $5)"
    " AND (CAST($6 AS BIGINT) = 0 OR c.household_id = $6)"
    " AND ($7 = '' OR c.state = $7 OR ($7 = 'open' AND c.state NOT IN ('closed', 'follow_up', 'transferred',"
    " 'rejected')))";
const std::string kListSummaries =
    std::string(kSummarySelect) + std::string(kFilterWhere) + " ORDER BY c.updated_at DESC, c.id DESC LIMIT $8 OFFSET $9";
const std::string kCountCases = "SELECT COUNT(*) AS n FROM cases c" + std::string(kFilterWhere);
const std::string kCountByState =
    "SELECT c.state, COUNT(*) AS n FROM cases c" + std::string(kFilterWhere) + " GROUP BY c.state";
const std::string kSummaryById = std::string(kSummarySelect) + " WHERE c.id = $1";
constexpr std::string_view kIsShared = "SELECT 1 FROM case_shares WHERE case_id = $1 AND shared_with = $2";
constexpr std::string_view kInsertShare =
    "INSERT INTO case_shares (organization_id, case_id, shared_with, referral_id, created_at)"
    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, shared_with) DO NOTHING";

constexpr std::string_view kInsertEvent =
    "INSERT INTO case_events (organization_id, case_id, kind, from_state, to_state, reason, ref_id, summary,"
    " actor_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kListEvents =
    "SELECT e.id, e.kind, e.at, e.actor_user_id AS actor_id, u.display_name AS actor_name, e.from_state, e.to_state,"
    " e.reason, e.ref_id, e.summary FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id"
    " WHERE e.case_id = $1 ORDER BY e.id DESC";

constexpr std::string_view kStaffOf =
    "SELECT u.id, u.display_name AS name, r.role FROM users u JOIN role_assignments r ON r.user_id = u.id"
    " WHERE u.organization_id = $1 AND u.status = 'active' AND r.scope_type = 'organization' AND r.scope_id = $2"
    " ORDER BY u.id, r.role";
constexpr std::string_view kOpenProject =
    "SELECT 1 FROM projects WHERE id = $1 AND organization_id = $2 AND state IN ('agreement_pending', 'active')";
constexpr std::string_view kHoldsRole =
    "SELECT 1 FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.id = $1 AND u.status = 'active'"
    " AND u.organization_id = $2 AND r.role = $3 AND r.scope_type = 'organization' AND r.scope_id = $4";
constexpr std::string_view kIsAdviser =
    "SELECT 1 FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.id = $1 AND u.status = 'active'"
    " AND r.role = 'community_adviser'";
constexpr std::string_view kDisplayName = "SELECT display_name FROM users WHERE id = $1";
constexpr std::string_view kOrganizationName = "SELECT name FROM organizations WHERE id = $1";
constexpr std::string_view kReferralTargets =
    "SELECT o.id, o.name, o.registered_district AS district_code, d.name AS district_name FROM organizations o"
    " LEFT JOIN divisions d ON d.code = o.registered_district WHERE o.status = 'active' AND o.id <> $1"
    " AND o.org_type <> 'foundation' AND ($2 = '' OR o.name LIKE $2 ESCAPE '\\') ORDER BY o.name LIMIT $3";

constexpr std::string_view kInsertAssessment =
    "INSERT INTO case_assessments (organization_id, case_id, kind, assessed_on, risk_level, summary, created_by,"
    " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kInsertScore =
    "INSERT INTO case_assessment_scores (organization_id, assessment_id, domain, level, score, evidence, strengths)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kListAssessments =
    "SELECT a.id, a.kind, a.assessed_on, a.risk_level, a.summary, a.created_by, u.display_name AS created_by_name,"
    " a.created_at FROM case_assessments a LEFT JOIN users u ON u.id = a.created_by WHERE a.case_id = $1"
    " ORDER BY a.assessed_on, a.id";
constexpr std::string_view kListScores =
    "SELECT s.assessment_id, s.domain, s.level, s.score, s.evidence, s.strengths FROM case_assessment_scores s"
    " JOIN case_assessments a ON a.id = s.assessment_id WHERE a.case_id = $1";
constexpr std::string_view kHasAssessment = "SELECT 1 FROM case_assessments WHERE case_id = $1 AND kind = $2";

constexpr std::string_view kPlanColumns =
    "SELECT p.id, p.version, p.status, p.goals, p.interventions, p.resources, p.created_by, p.created_at,"
    " p.updated_at, p.submitted_at, p.decided_by, u.display_name AS decided_by_name, p.decided_at,"
    " p.decision_comment FROM case_plans p LEFT JOIN users u ON u.id = p.decided_by";
const std::string kCurrentPlan = std::string(kPlanColumns) + " WHERE p.case_id = $1 ORDER BY p.version DESC LIMIT 1";
const std::string kListPlans = std::string(kPlanColumns) + " WHERE p.case_id = $1 ORDER BY p.version DESC";
constexpr std::string_view kInsertPlan =
    "INSERT INTO case_plans (organization_id, case_id, version, status, goals, interventions, resources, created_by,"
    " created_at, updated_at) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $8) RETURNING id";
constexpr std::string_view kUpdatePlanDraft =
    "UPDATE case_plans SET goals = $2, interventions = $3, resources = $4, status = 'draft', updated_at = $5"
    " WHERE id = $1";
constexpr std::string_view kSetPlanStatus = "UPDATE case_plans SET status = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kSubmitPlan =
    "UPDATE case_plans SET status = 'submitted', submitted_at = $2, updated_at = $2 WHERE id = $1";
constexpr std::string_view kDecidePlan =
    "UPDATE case_plans SET status = $2, decided_by = $3, decided_at = $4, decision_comment = $5, updated_at = $4"
    " WHERE id = $1";
constexpr std::string_view kSupersede =
    "UPDATE case_plans SET status = 'superseded', updated_at = $3 WHERE case_id = $1 AND id <> $2"
    " AND status = 'approved'";

constexpr std::string_view kIsServiceType = "SELECT 1 FROM service_types WHERE code = $1 AND active = 1";
constexpr std::string_view kListServiceTypes =
    "SELECT code, name_zh, name_en, active FROM service_types WHERE active = 1 OR $1 = 1 ORDER BY position";
constexpr std::string_view kUpsertServiceType =
    "INSERT INTO service_types (code, name_zh, name_en, position, active)"
    " VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM service_types), $4)"
    " ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,"
    " active = excluded.active";
constexpr std::string_view kParticipantCase =
    "SELECT c.id FROM persons p JOIN cases c ON c.household_id = p.household_id WHERE p.id = $1"
    " AND c.organization_id = $2 AND (CAST($3 AS BIGINT) = 0 OR c.project_id = $3)"
    " AND c.state NOT IN ('closed', 'transferred', 'rejected') ORDER BY c.id DESC LIMIT 1";
constexpr std::string_view kInsertRecord =
    "INSERT INTO service_records (organization_id, case_id, project_id, served_on, start_time, duration_minutes,"
    " mode, service_type, content, outcome, next_step, crisis, person_times, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";
constexpr std::string_view kInsertParticipant =
    "INSERT INTO service_record_participants (organization_id, service_record_id, person_id, case_id)"
    " VALUES ($1, $2, $3, $4)";
constexpr std::string_view kInsertStaff =
    "INSERT INTO service_record_staff (organization_id, service_record_id, user_id) VALUES ($1, $2, $3)";
// Records of this case, and group activities another case held that this case's members joined.
constexpr std::string_view kListRecords =
    "SELECT r.id, r.case_id, r.served_on, r.start_time, r.duration_minutes, r.mode, r.service_type,"
    " t.name_zh AS service_type_name, r.content, r.outcome, r.next_step, r.crisis, r.person_times,"
    " r.created_by, u.display_name AS created_by_name, r.created_at FROM service_records r"
    " JOIN service_types t ON t.code = r.service_type LEFT JOIN users u ON u.id = r.created_by"
    " WHERE r.case_id = $1 OR r.id IN (SELECT service_record_id FROM service_record_participants WHERE case_id = $1)"
    " ORDER BY r.served_on DESC, r.id DESC LIMIT $2 OFFSET $3";
constexpr std::string_view kRecordParticipants =
    "SELECT sp.service_record_id, sp.person_id, sp.case_id, p.name FROM service_record_participants sp"
    " JOIN persons p ON p.id = sp.person_id WHERE sp.service_record_id = $1 ORDER BY sp.person_id";
constexpr std::string_view kRecordStaff =
    "SELECT s.user_id AS id, u.display_name AS name FROM service_record_staff s JOIN users u ON u.id = s.user_id"
    " WHERE s.service_record_id = $1 ORDER BY s.user_id";
constexpr std::string_view kServiceTotals =
    "SELECT COUNT(DISTINCT sp.service_record_id) AS count, COUNT(*) AS person_times,"
    " CAST(COALESCE((SELECT SUM(r.duration_minutes) FROM service_records r WHERE r.id IN"
    "   (SELECT service_record_id FROM service_record_participants WHERE case_id = $1)), 0) AS BIGINT) AS minutes"
    " FROM service_record_participants sp WHERE sp.case_id = $1";

constexpr std::string_view kInsertAlert =
    "INSERT INTO case_alerts (organization_id, case_id, kind, level, message, source_id, raised_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr std::string_view kAlertColumns =
    "SELECT a.id, a.organization_id, a.case_id, c.case_number, a.kind, a.level, a.message, a.source_id, a.raised_at,"
    " a.acknowledged_by, u.display_name AS acknowledged_by_name, a.acknowledged_at, a.note"
    " FROM case_alerts a JOIN cases c ON c.id = a.case_id LEFT JOIN users u ON u.id = a.acknowledged_by";
const std::string kFindAlert = std::string(kAlertColumns) + " WHERE a.id = $1";
const std::string kOpenAlerts = std::string(kAlertColumns) +
                                " WHERE a.organization_id = $1 AND a.acknowledged_at IS NULL"
                                " AND (CAST($2 AS BIGINT) = 0 OR a.case_id = $2) ORDER BY a.id DESC LIMIT 200";
constexpr std::string_view kAckAlert =
    "UPDATE case_alerts SET acknowledged_by = $2, acknowledged_at = $3, note = $4 WHERE id = $1"
    " AND acknowledged_at IS NULL";

constexpr std::string_view kInsertReferral =
    "INSERT INTO referrals (organization_id, case_id, to_organization_id, external_resource, mode, reason, status,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) RETURNING id";
constexpr std::string_view kReferralColumns =
    "SELECT r.id, r.organization_id, fo.name AS from_organization_name, r.case_id, c.case_number,"
    " r.to_organization_id, tgt.name AS to_organization_name, r.external_resource, r.mode, r.reason, r.status,"
    " r.decided_by, r.decided_at, r.decision_reason, r.outcome, r.new_case_id, r.created_by,"
    " u.display_name AS created_by_name, r.created_at FROM referrals r JOIN cases c ON c.id = r.case_id"
    " JOIN organizations fo ON fo.id = r.organization_id LEFT JOIN organizations tgt ON tgt.id = r.to_organization_id"
    " LEFT JOIN users u ON u.id = r.created_by";
const std::string kFindReferral = std::string(kReferralColumns) + " WHERE r.id = $1";
const std::string kListReferrals = std::string(kReferralColumns) +
                                   " WHERE (($2 = 'incoming' AND r.to_organization_id = $1)"
                                   "   OR ($2 = 'outgoing' AND r.organization_id = $1))"
                                   " AND ($3 = '' OR r.status = $3) AND (CAST($4 AS BIGINT) = 0 OR r.case_id = $4)"
                                   " ORDER BY r.id DESC LIMIT 200";
constexpr std::string_view kDecideReferral =
    "UPDATE referrals SET status = $2, decided_by = $3, decided_at = $4, decision_reason = $5, new_case_id = $6"
    " WHERE id = $1 AND status = 'pending'";
constexpr std::string_view kReferralOutcome =
    "UPDATE referrals SET status = 'completed', outcome = $2 WHERE id = $1 AND mode = 'external'"
    " AND status IN ('pending', 'completed')";

constexpr std::string_view kUpsertClosing =
    "INSERT INTO case_closings (case_id, organization_id, reason, summary, goal_attainment, recorded_by, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO UPDATE SET reason = excluded.reason,"
    " summary = excluded.summary, goal_attainment = excluded.goal_attainment, recorded_by = excluded.recorded_by,"
    " recorded_at = excluded.recorded_at, signed_off_by = NULL, signed_off_at = NULL";
constexpr std::string_view kFindClosing =
    "SELECT k.reason, k.summary, k.goal_attainment, k.recorded_by, ru.display_name AS recorded_by_name,"
    " k.recorded_at, k.signed_off_by, su.display_name AS signed_off_by_name, k.signed_off_at FROM case_closings k"
    " LEFT JOIN users ru ON ru.id = k.recorded_by LEFT JOIN users su ON su.id = k.signed_off_by WHERE k.case_id = $1";
constexpr std::string_view kSignOff = "UPDATE case_closings SET signed_off_by = $2, signed_off_at = $3 WHERE case_id = $1";
constexpr std::string_view kInsertFollowUp =
    "INSERT INTO case_follow_ups (organization_id, case_id, due_on) VALUES ($1, $2, $3)";
constexpr std::string_view kFollowUpColumns =
    "SELECT f.id, f.case_id, f.due_on, f.done_on, f.note, f.done_by, u.display_name AS done_by_name"
    " FROM case_follow_ups f LEFT JOIN users u ON u.id = f.done_by";
const std::string kListFollowUps = std::string(kFollowUpColumns) + " WHERE f.case_id = $1 ORDER BY f.due_on";
const std::string kFindFollowUp = std::string(kFollowUpColumns) + " WHERE f.id = $1";
constexpr std::string_view kCompleteFollowUp =
    "UPDATE case_follow_ups SET done_on = $2, note = $3, done_by = $4 WHERE id = $1 AND done_on IS NULL";

// "Mine": cases where user $n is the worker or the supervisor (0: everyone's).
std::string Mine(int n) {
  std::string p = "$" + std::to_string(n);
  return " AND (CAST(" + p + " AS BIGINT) = 0 OR c.social_worker_id = " + p + " OR c.supervisor_id = " + p + ")";
}
const std::string kCasesInState = std::string(kSummarySelect) + " WHERE c.organization_id = $1 AND c.state = $2" +
                                  Mine(3) + " ORDER BY c.updated_at LIMIT $4";
const std::string kFollowUpsDue =
    "SELECT f.id, f.case_id, c.case_number, f.due_on FROM case_follow_ups f JOIN cases c ON c.id = f.case_id"
    " WHERE c.organization_id = $1 AND f.done_on IS NULL AND f.due_on <= $2" + Mine(3) +
    " ORDER BY f.due_on LIMIT 100";
const std::string kAssessmentsDue =
    std::string(kSummarySelect) +
    " WHERE c.organization_id = $1 AND ((c.state = 'assessing' AND NOT EXISTS (SELECT 1 FROM case_assessments a"
    "   WHERE a.case_id = c.id))"
    "  OR (c.state = 'in_service' AND (SELECT MAX(a.assessed_on) FROM case_assessments a WHERE a.case_id = c.id) < $2)"
    "  OR (c.state = 'closing' AND NOT EXISTS (SELECT 1 FROM case_assessments a WHERE a.case_id = c.id"
    "   AND a.kind = 'closing')))" +
    Mine(3) + " ORDER BY c.updated_at LIMIT 100";
const std::string kRecentCases = std::string(kSummarySelect) + " WHERE c.organization_id = $1" + Mine(2) +
                                 " ORDER BY c.updated_at DESC, c.id DESC LIMIT $3";

constexpr std::string_view kInsertAttachment =
    "INSERT INTO attachments (organization_id, case_id, service_record_id, sha256, content_type, size_bytes, filename,"
    " uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kAttachmentColumns =
    "SELECT a.id, a.organization_id, a.case_id, a.service_record_id, a.sha256, a.content_type, a.size_bytes,"
    " a.filename, a.uploaded_by, u.display_name AS uploaded_by_name, a.created_at FROM attachments a"
    " LEFT JOIN users u ON u.id = a.uploaded_by";
const std::string kFindAttachment = std::string(kAttachmentColumns) + " WHERE a.id = $1";
const std::string kListAttachments = std::string(kAttachmentColumns) + " WHERE a.case_id = $1 ORDER BY a.id DESC";
constexpr std::string_view kRecordOfCase = "SELECT 1 FROM service_records WHERE id = $1 AND case_id = $2";

db::Params FilterParams(const CaseFilter& f) {
  return {f.organization_id, f.shared_with, f.worker_or_supervisor, f.social_worker,
          f.referred_by,     f.household_id, f.state};
}

CaseRow CaseFrom(const db::Row& r) {
  CaseRow c;
  c.id = r.Int("id");
  c.organization_id = r.Int("organization_id");
  c.household_id = r.Int("household_id");
  c.primary_person_id = r.OptInt("primary_person_id");
  c.project_id = r.OptInt("project_id");
  c.case_number = r.Text("case_number");
  c.state = r.Text("state");
  c.referral_source = r.Text("referral_source");
  c.referral_note = r.Text("referral_note");
  c.referred_by_user_id = r.OptInt("referred_by_user_id");
  c.presenting_problem = r.Text("presenting_problem");
  c.urgency = r.Text("urgency");
  c.risk_level = r.OptText("risk_level");
  c.social_worker_id = r.OptInt("social_worker_id");
  c.supervisor_id = r.OptInt("supervisor_id");
  c.transferred_from_case_id = r.OptInt("transferred_from_case_id");
  c.opened_on = r.Text("opened_on");
  c.closed_on = r.OptText("closed_on");
  c.version = r.Int("version");
  c.created_at = r.Text("created_at");
  c.updated_at = r.Text("updated_at");
  return c;
}

// Stored JSON texts come back parsed.
nlohmann::json ParseJsonColumns(nlohmann::json row, std::initializer_list<const char*> columns) {
  for (const char* name : columns) {
    if (row.contains(name) && row[name].is_string()) {
      auto parsed = nlohmann::json::parse(row[name].get<std::string>(), nullptr, false);
      row[name] = parsed.is_discarded() ? nlohmann::json::array() : parsed;
    }
  }
  return row;
}

nlohmann::json PlanJson(const db::Row& r) { return ParseJsonColumns(db::RowJson(r), {"goals", "interventions", "resources"}); }

}  // namespace

int64_t InsertCase(db::Connection& c, const CaseRow& row) {
  std::string now = core::NowIso();
  int64_t id = c.QueryOne(kInsertCase, {row.organization_id, row.household_id, Nullable(row.primary_person_id),
                                        Nullable(row.project_id), "pending-" + core::RandomToken(8), row.state,
                                        row.referral_source, row.referral_note, Nullable(row.referred_by_user_id),
                                        row.presenting_problem, row.urgency, Nullable(row.social_worker_id),
                                        Nullable(row.supervisor_id), Nullable(row.transferred_from_case_id),
                                        row.opened_on, now})
                   ->Int("id");
  char number[32];
  std::snprintf(number, sizeof number, "C%s-%06lld", row.opened_on.substr(0, 4).c_str(), static_cast<long long>(id));
  c.Execute(kSetCaseNumber, {id, std::string(number)});
  kpis::ApplyCase(c, id, +1);
  return id;
}

std::optional<CaseRow> FindCase(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kSelectCase, {id});
  return r ? std::optional(CaseFrom(*r)) : std::nullopt;
}

bool UpdateState(db::Connection& c, int64_t id, const std::string& from, const std::string& to,
                 const std::optional<std::string>& closed_on) {
  if (!closed_on) {
    return c.Execute(kUpdateState, {id, from, to, Nullable(closed_on), core::NowIso()}) == 1;
  }
  bool changed = false;
  kpis::Reapply(c, {.cases = {id}},
                [&] { changed = c.Execute(kUpdateState, {id, from, to, Nullable(closed_on), core::NowIso()}) == 1; });
  return changed;
}

void TouchCase(db::Connection& c, int64_t id) { c.Execute(kTouchCase, {id, core::NowIso()}); }

void SetClosedOn(db::Connection& c, int64_t id, const std::string& closed_on) {
  kpis::Reapply(c, {.cases = {id}}, [&] { c.Execute(kSetClosedOn, {id, closed_on}); });
}

void SetRiskLevel(db::Connection& c, int64_t id, const std::string& risk_level) {
  c.Execute(kSetRisk, {id, risk_level, core::NowIso()});
}

std::optional<int64_t> OpenCaseOfHousehold(db::Connection& c, int64_t organization_id, int64_t household_id) {
  auto r = c.QueryOne(kOpenCaseOfHousehold, {organization_id, household_id});
  return r ? std::optional(r->Int("id")) : std::nullopt;
}

nlohmann::json ListCaseSummaries(db::Connection& c, const CaseFilter& f, int64_t limit, int64_t offset) {
  auto params = FilterParams(f);
  params.emplace_back(limit);
  params.emplace_back(offset);
  return db::RowsJson(c.Query(kListSummaries, params));
}

int64_t CountCases(db::Connection& c, const CaseFilter& f) { return c.QueryOne(kCountCases, FilterParams(f))->Int("n"); }

std::optional<nlohmann::json> CaseSummary(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kSummaryById, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

nlohmann::json CountByState(db::Connection& c, const CaseFilter& f) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& r : c.Query(kCountByState, FilterParams(f))) {
    out[r.Text("state")] = r.Int("n");
  }
  return out;
}

bool IsSharedWith(db::Connection& c, int64_t case_id, int64_t organization_id) {
  return c.QueryOne(kIsShared, {case_id, organization_id}).has_value();
}

void InsertShare(db::Connection& c, int64_t organization_id, int64_t case_id, int64_t shared_with, int64_t referral_id) {
  c.Execute(kInsertShare, {organization_id, case_id, shared_with, referral_id, core::NowIso()});
}

void InsertEvent(db::Connection& c, const EventRow& e) {
  c.Execute(kInsertEvent, {e.organization_id, e.case_id, e.kind, Nullable(e.from_state), Nullable(e.to_state),
                           e.reason, Nullable(e.ref_id), e.summary, Nullable(e.actor_user_id), core::NowIso()});
}

nlohmann::json ListEvents(db::Connection& c, int64_t case_id) { return db::RowsJson(c.Query(kListEvents, {case_id})); }

nlohmann::json StaffOf(db::Connection& c, int64_t organization_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kStaffOf, {organization_id, std::to_string(organization_id)})) {
    if (out.empty() || out.back()["id"] != r.Int("id")) {
      out.push_back({{"id", r.Int("id")}, {"name", r.Text("name")}, {"roles", nlohmann::json::array()}});
    }
    out.back()["roles"].push_back(r.Text("role"));
  }
  return out;
}

bool IsOpenProjectOf(db::Connection& c, int64_t project_id, int64_t organization_id) {
  return c.QueryOne(kOpenProject, {project_id, organization_id}).has_value();
}

bool HoldsRoleIn(db::Connection& c, int64_t user_id, int64_t organization_id, const std::string& role) {
  return c.QueryOne(kHoldsRole, {user_id, organization_id, role, std::to_string(organization_id)}).has_value();
}

std::string DisplayName(db::Connection& c, int64_t user_id) {
  auto r = c.QueryOne(kDisplayName, {user_id});
  return r ? r->Text("display_name") : "";
}

bool IsCommunityAdviser(db::Connection& c, int64_t user_id) { return c.QueryOne(kIsAdviser, {user_id}).has_value(); }

std::string OrganizationName(db::Connection& c, int64_t organization_id) {
  auto r = c.QueryOne(kOrganizationName, {organization_id});
  return r ? r->Text("name") : "";
}

nlohmann::json ReferralTargets(db::Connection& c, int64_t except, const std::string& q, int64_t limit) {
  return db::RowsJson(c.Query(kReferralTargets, {except, db::LikeContains(q), limit}));
}

int64_t InsertAssessment(db::Connection& c, int64_t organization_id, int64_t case_id, const nlohmann::json& a,
                         int64_t created_by) {
  int64_t id = c.QueryOne(kInsertAssessment, {organization_id, case_id, a["kind"].get<std::string>(),
                                              a["assessed_on"].get<std::string>(), a["risk_level"].get<std::string>(),
                                              a["summary"].get<std::string>(), created_by, core::NowIso()})
                   ->Int("id");
  for (const auto& s : a["scores"]) {
    c.Execute(kInsertScore, {organization_id, id, s["domain"].get<std::string>(), s["level"].get<std::string>(),
                             s["score"].get<int64_t>(), s["evidence"].get<std::string>(),
                             s["strengths"].get<std::string>()});
  }
  return id;
}

nlohmann::json ListAssessments(db::Connection& c, int64_t case_id) {
  nlohmann::json list = db::RowsJson(c.Query(kListAssessments, {case_id}));
  std::map<int64_t, nlohmann::json> scores;
  for (const auto& r : c.Query(kListScores, {case_id})) {
    auto row = db::RowJson(r);
    row.erase("assessment_id");
    scores[r.Int("assessment_id")].push_back(std::move(row));
  }
  for (auto& a : list) {
    auto it = scores.find(a["id"].get<int64_t>());
    a["scores"] = it == scores.end() ? nlohmann::json::array() : it->second;
  }
  return list;
}

bool HasAssessment(db::Connection& c, int64_t case_id, const std::string& kind) {
  return c.QueryOne(kHasAssessment, {case_id, kind}).has_value();
}

std::optional<nlohmann::json> CurrentPlan(db::Connection& c, int64_t case_id) {
  auto r = c.QueryOne(kCurrentPlan, {case_id});
  return r ? std::optional(PlanJson(*r)) : std::nullopt;
}

nlohmann::json ListPlans(db::Connection& c, int64_t case_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kListPlans, {case_id})) {
    out.push_back(PlanJson(r));
  }
  return out;
}

int64_t InsertPlan(db::Connection& c, int64_t organization_id, int64_t case_id, int64_t version,
                   const nlohmann::json& plan, int64_t created_by) {
  return c.QueryOne(kInsertPlan, {organization_id, case_id, version, plan["goals"].dump(),
                                  plan["interventions"].dump(), plan["resources"].dump(), created_by, core::NowIso()})
      ->Int("id");
}

void UpdatePlanDraft(db::Connection& c, int64_t plan_id, const nlohmann::json& plan) {
  c.Execute(kUpdatePlanDraft, {plan_id, plan["goals"].dump(), plan["interventions"].dump(), plan["resources"].dump(),
                               core::NowIso()});
}

void SetPlanStatus(db::Connection& c, int64_t plan_id, const std::string& status) {
  c.Execute(kSetPlanStatus, {plan_id, status, core::NowIso()});
}

void SubmitPlan(db::Connection& c, int64_t plan_id) { c.Execute(kSubmitPlan, {plan_id, core::NowIso()}); }

void DecidePlan(db::Connection& c, int64_t plan_id, const std::string& status, int64_t decided_by,
                const std::string& comment) {
  c.Execute(kDecidePlan, {plan_id, status, decided_by, core::NowIso(), comment});
}

void SupersedeApprovedPlans(db::Connection& c, int64_t case_id, int64_t except_plan_id) {
  c.Execute(kSupersede, {case_id, except_plan_id, core::NowIso()});
}

bool IsServiceType(db::Connection& c, const std::string& code) { return c.QueryOne(kIsServiceType, {code}).has_value(); }

nlohmann::json ListServiceTypes(db::Connection& c, bool all) {
  nlohmann::json out = db::RowsJson(c.Query(kListServiceTypes, {int64_t{all ? 1 : 0}}));
  for (auto& t : out) {
    t["active"] = t["active"].get<int64_t>() != 0;
  }
  return out;
}

void UpsertServiceType(db::Connection& c, const std::string& code, const std::string& name_zh,
                       const std::string& name_en, bool active) {
  c.Execute(kUpsertServiceType, {code, name_zh, name_en, int64_t{active ? 1 : 0}});
}

std::optional<int64_t> ParticipantCase(db::Connection& c, int64_t person_id, int64_t organization_id,
                                       std::optional<int64_t> project_id) {
  auto r = c.QueryOne(kParticipantCase, {person_id, organization_id, project_id.value_or(0)});
  return r ? std::optional(r->Int("id")) : std::nullopt;
}

int64_t InsertServiceRecord(db::Connection& c, const ServiceRecordRow& r, const std::vector<Participant>& participants,
                            const std::vector<int64_t>& staff_ids) {
  int64_t id = c.QueryOne(kInsertRecord, {r.organization_id, r.case_id, Nullable(r.project_id), r.served_on,
                                          r.start_time, r.duration_minutes, r.mode, r.service_type, r.content,
                                          r.outcome, r.next_step, int64_t{r.crisis ? 1 : 0},
                                          static_cast<int64_t>(participants.size()), r.created_by, core::NowIso()})
                   ->Int("id");
  for (const auto& p : participants) {
    c.Execute(kInsertParticipant, {r.organization_id, id, p.person_id, p.case_id});
  }
  for (int64_t user : staff_ids) {
    c.Execute(kInsertStaff, {r.organization_id, id, user});
  }
  kpis::ApplyServiceRecord(c, id, +1);
  return id;
}

nlohmann::json ListServiceRecords(db::Connection& c, int64_t case_id, int64_t limit, int64_t offset) {
  nlohmann::json list = db::RowsJson(c.Query(kListRecords, {case_id, limit, offset}));
  for (auto& r : list) {
    int64_t id = r["id"].get<int64_t>();
    r["crisis"] = r["crisis"].get<int64_t>() != 0;
    r["participants"] = nlohmann::json::array();
    for (const auto& p : c.Query(kRecordParticipants, {id})) {
      r["participants"].push_back({{"person_id", p.Int("person_id")}, {"case_id", p.Int("case_id")},
                                   {"name", p.Text("name")}});
    }
    r["staff"] = db::RowsJson(c.Query(kRecordStaff, {id}));
  }
  return list;
}

nlohmann::json ServiceTotals(db::Connection& c, int64_t case_id) { return db::RowJson(*c.QueryOne(kServiceTotals, {case_id})); }

int64_t InsertAlert(db::Connection& c, int64_t organization_id, int64_t case_id, const std::string& kind,
                    const std::string& level, const std::string& message, int64_t source_id) {
  return c.QueryOne(kInsertAlert, {organization_id, case_id, kind, level, message, source_id, core::NowIso()})->Int("id");
}

std::optional<nlohmann::json> FindAlert(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindAlert, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

bool AcknowledgeAlert(db::Connection& c, int64_t id, int64_t user_id, const std::string& note) {
  return c.Execute(kAckAlert, {id, user_id, core::NowIso(), note}) == 1;
}

nlohmann::json OpenAlerts(db::Connection& c, int64_t organization_id, int64_t case_id) {
  return db::RowsJson(c.Query(kOpenAlerts, {organization_id, case_id}));
}

int64_t InsertReferral(db::Connection& c, int64_t organization_id, int64_t case_id,
                       std::optional<int64_t> to_organization_id, const std::string& external_resource,
                       const std::string& mode, const std::string& reason, int64_t created_by) {
  int64_t id = c.QueryOne(kInsertReferral, {organization_id, case_id, Nullable(to_organization_id), external_resource,
                                            mode, reason, created_by, core::NowIso()})
                   ->Int("id");
  kpis::ApplyReferral(c, id, +1);
  return id;
}

std::optional<nlohmann::json> FindReferral(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindReferral, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

nlohmann::json ListReferrals(db::Connection& c, int64_t organization_id, const std::string& direction,
                             const std::string& status, int64_t case_id) {
  return db::RowsJson(c.Query(kListReferrals, {organization_id, direction, status, case_id}));
}

bool DecideReferral(db::Connection& c, int64_t id, const std::string& status, int64_t user_id,
                    const std::string& reason, std::optional<int64_t> new_case_id) {
  bool changed = false;
  kpis::Reapply(c, {.referrals = {id}}, [&] {
    changed = c.Execute(kDecideReferral, {id, status, user_id, core::NowIso(), reason, Nullable(new_case_id)}) == 1;
  });
  return changed;
}

bool SetReferralOutcome(db::Connection& c, int64_t id, const std::string& outcome) {
  return c.Execute(kReferralOutcome, {id, outcome}) == 1;
}

void UpsertClosing(db::Connection& c, int64_t organization_id, int64_t case_id, const nlohmann::json& closing,
                   int64_t recorded_by) {
  c.Execute(kUpsertClosing, {case_id, organization_id, closing["reason"].get<std::string>(),
                             closing["summary"].get<std::string>(), closing["goal_attainment"].dump(), recorded_by,
                             core::NowIso()});
}

std::optional<nlohmann::json> FindClosing(db::Connection& c, int64_t case_id) {
  auto r = c.QueryOne(kFindClosing, {case_id});
  return r ? std::optional(ParseJsonColumns(db::RowJson(*r), {"goal_attainment"})) : std::nullopt;
}

void SignOffClosing(db::Connection& c, int64_t case_id, int64_t user_id) {
  c.Execute(kSignOff, {case_id, user_id, core::NowIso()});
}

void InsertFollowUp(db::Connection& c, int64_t organization_id, int64_t case_id, const std::string& due_on) {
  c.Execute(kInsertFollowUp, {organization_id, case_id, due_on});
}

nlohmann::json ListFollowUps(db::Connection& c, int64_t case_id) {
  return db::RowsJson(c.Query(kListFollowUps, {case_id}));
}

std::optional<nlohmann::json> FindFollowUp(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindFollowUp, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

bool CompleteFollowUp(db::Connection& c, int64_t id, const std::string& done_on, const std::string& note,
                      int64_t user_id) {
  return c.Execute(kCompleteFollowUp, {id, done_on, note, user_id}) == 1;
}

int64_t InsertAttachment(db::Connection& c, const AttachmentRow& row) {
  return c.QueryOne(kInsertAttachment, {row.organization_id, row.case_id, Nullable(row.service_record_id), row.sha256,
                                        row.content_type, row.size_bytes, row.filename, row.uploaded_by,
                                        core::NowIso()})
      ->Int("id");
}

std::optional<nlohmann::json> FindAttachment(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindAttachment, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

nlohmann::json ListAttachments(db::Connection& c, int64_t case_id) {
  return db::RowsJson(c.Query(kListAttachments, {case_id}));
}

bool ServiceRecordOfCase(db::Connection& c, int64_t service_record_id, int64_t case_id) {
  return c.QueryOne(kRecordOfCase, {service_record_id, case_id}).has_value();
}

nlohmann::json CasesInState(db::Connection& c, int64_t organization_id, const std::string& state, int64_t user_id,
                            int64_t limit) {
  return db::RowsJson(c.Query(kCasesInState, {organization_id, state, user_id, limit}));
}

nlohmann::json FollowUpsDue(db::Connection& c, int64_t organization_id, int64_t user_id, const std::string& by) {
  return db::RowsJson(c.Query(kFollowUpsDue, {organization_id, by, user_id}));
}

nlohmann::json AssessmentsDue(db::Connection& c, int64_t organization_id, int64_t user_id, const std::string& before) {
  return db::RowsJson(c.Query(kAssessmentsDue, {organization_id, before, user_id}));
}

nlohmann::json RecentCases(db::Connection& c, int64_t organization_id, int64_t user_id, int64_t limit) {
  return db::RowsJson(c.Query(kRecentCases, {organization_id, user_id, limit}));
}

}  // namespace bangyi::cases
