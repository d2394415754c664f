#include "modules/rounds/application_repository.hpp"

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bangyi::rounds {

namespace {

constexpr std::string_view kLimits =
    "SELECT min_grant_cents, max_grant_cents, eligibility FROM rounds WHERE id = $1";
constexpr std::string_view kProfile = "SELECT org_type, rating FROM organizations WHERE id = $1";
constexpr std::string_view kNoticeStarted = "UPDATE rounds SET notice_started_on = $2 WHERE id = $1";

constexpr std::string_view kInsert =
    "INSERT INTO applications (organization_id, round_id, state, project_name, document, requested_cents,"
    " created_by, created_at, updated_at) VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $7) RETURNING id";
constexpr std::string_view kSelect =
    "SELECT a.id, a.round_id, a.organization_id, o.name AS organization_name, a.state, a.document,"
    " a.requested_cents, a.screening_reason, a.screened_at, a.granted_cents, a.decision_note, a.decided_at,"
    " a.version, a.created_at, a.updated_at, a.submitted_at,"
    " (SELECT COUNT(*) FROM review_assignments r WHERE r.application_id = a.id AND r.state <> 'conflict')"
    " AS reviewers_assigned,"
    " (SELECT COUNT(*) FROM review_assignments r WHERE r.application_id = a.id AND r.state = 'submitted')"
    " AS reviews_submitted"
    " FROM applications a JOIN organizations o ON o.id = a.organization_id";
const std::string kFind = std::string(kSelect) + " WHERE a.id = $1";
// $2 state, $3 organization (0 = any, drafts shown only then), $4 reviewer (0 = any).
constexpr std::string_view kScope =
    " WHERE a.round_id = $1 AND ($2 = '' OR a.state = $2)"
    " AND (CAST($3 AS BIGINT) = 0 OR a.organization_id = $3)"
    " AND (CAST($3 AS BIGINT) <> 0 OR a.state <> 'draft')"
    " AND (CAST($4 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM review_assignments r WHERE r.application_id = a.id"
    " AND r.reviewer_id = $4 AND r.state <> 'conflict'))";
// A reviewer's rows carry their own assignment's state and total.
const std::string kList = std::string(kSelect).replace(
                              kSelect.find(" FROM applications a"), 0,
                              ", (SELECT r.state FROM review_assignments r WHERE r.application_id = a.id"
                              " AND r.reviewer_id = $4) AS my_review_state,"
                              " (SELECT r.total_centi FROM review_assignments r WHERE r.application_id = a.id"
                              " AND r.reviewer_id = $4) AS my_review_total_centi") +
                          std::string(kScope) + " ORDER BY a.id LIMIT $5 OFFSET $6";
const std::string kCount = "SELECT COUNT(*) AS n FROM applications a" + std::string(kScope);
constexpr std::string_view kUpdateDraft =
    "UPDATE applications SET project_name = $3, document = $4, requested_cents = $5, version = version + 1,"
    " updated_at = $6 WHERE id = $1 AND version = $2 AND state = 'draft'";
constexpr std::string_view kSubmit =
    "UPDATE applications SET state = 'submitted', submitted_at = $3, updated_at = $3, version = version + 1"
    " WHERE id = $1 AND version = $2 AND state = 'draft'";
constexpr std::string_view kScreen =
    "UPDATE applications SET state = $2, screening_reason = $3, screened_by = $4, screened_at = $5, updated_at = $5,"
    " version = version + 1 WHERE id = $1 AND state = 'submitted'";
constexpr std::string_view kDecide =
    "UPDATE applications SET state = $2, granted_cents = $3, decision_note = $4, decided_by = $5, decided_at = $6,"
    " updated_at = $6, version = version + 1 WHERE id = $1 AND state IN ('eligible', 'proposed')";
constexpr std::string_view kProposedTotal =
    "SELECT COALESCE(SUM(granted_cents), 0) AS n FROM applications WHERE round_id = $1 AND state = 'proposed'"
    " AND id <> $2";
constexpr std::string_view kCountProposed =
    "SELECT COUNT(*) AS n FROM applications WHERE round_id = $1 AND state = 'proposed'";
constexpr std::string_view kProposed =
    "SELECT id, organization_id, document, granted_cents FROM applications WHERE round_id = $1 AND state = 'proposed'"
    " ORDER BY id";
constexpr std::string_view kFunded =
    "UPDATE applications SET state = 'funded', updated_at = $2, version = version + 1"
    " WHERE round_id = $1 AND state = 'proposed'";
constexpr std::string_view kNotFunded =
    "UPDATE applications SET state = 'not_funded', updated_at = $2, version = version + 1"
    " WHERE round_id = $1 AND state IN ('submitted', 'eligible')";

constexpr std::string_view kAssign =
    "INSERT INTO review_assignments (organization_id, application_id, reviewer_id, state, assigned_by, assigned_at,"
    " updated_at) VALUES ($1, $2, $3, 'assigned', $4, $5, $5) ON CONFLICT (application_id, reviewer_id) DO NOTHING";
constexpr std::string_view kUnassign =
    "DELETE FROM review_assignments WHERE application_id = $1 AND reviewer_id = $2 AND state <> 'submitted'";
constexpr std::string_view kAssignmentColumns =
    "SELECT r.id, r.application_id, r.reviewer_id, u.display_name AS reviewer_name, r.state, r.conflict_reason,"
    " r.scores, r.comment, r.total_centi, r.assigned_at, r.updated_at, r.submitted_at"
    " FROM review_assignments r JOIN users u ON u.id = r.reviewer_id";
const std::string kFindAssignment = std::string(kAssignmentColumns) + " WHERE r.application_id = $1 AND r.reviewer_id = $2";
const std::string kListAssignments = std::string(kAssignmentColumns) + " WHERE r.application_id = $1 ORDER BY r.id";
constexpr std::string_view kConflict =
    "UPDATE review_assignments SET state = 'conflict', conflict_reason = $2, updated_at = $3"
    " WHERE id = $1 AND state = 'assigned'";
constexpr std::string_view kSaveReview =
    "UPDATE review_assignments SET scores = $2, comment = $3, total_centi = $4, state = $5, submitted_at = $6,"
    " updated_at = $7 WHERE id = $1 AND state = 'assigned'";
constexpr std::string_view kSubmittedTotals =
    "SELECT total_centi FROM review_assignments WHERE application_id = $1 AND state = 'submitted'";
constexpr std::string_view kRankable =
    "SELECT a.id, a.organization_id, o.name AS organization_name, a.document, a.state, a.requested_cents,"
    " a.granted_cents,"
    " (SELECT COUNT(*) FROM review_assignments r WHERE r.application_id = a.id AND r.state <> 'conflict')"
    " AS reviewers_assigned"
    " FROM applications a JOIN organizations o ON o.id = a.organization_id"
    " WHERE a.round_id = $1 AND a.state IN ('eligible', 'proposed', 'funded', 'not_funded') ORDER BY a.id";
constexpr std::string_view kRoundTotals =
    "SELECT r.application_id, r.total_centi FROM review_assignments r JOIN applications a ON a.id = r.application_id"
    " WHERE a.round_id = $1 AND r.state = 'submitted'";

constexpr std::string_view kInsertObjection =
    "INSERT INTO objections (organization_id, round_id, application_id, source, content, state, recorded_by,"
    " recorded_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) RETURNING id";
constexpr std::string_view kFindObjection =
    "SELECT id, round_id, application_id, state FROM objections WHERE id = $1";
constexpr std::string_view kResolveObjection =
    "UPDATE objections SET state = $2, resolution = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1"
    " AND state = 'open'";
constexpr std::string_view kListObjections =
    "SELECT j.id, j.application_id, a.project_name, o.name AS organization_name, j.source, j.content, j.state,"
    " j.resolution, j.recorded_at, j.resolved_at, u.display_name AS recorded_by_name"
    " FROM objections j JOIN applications a ON a.id = j.application_id"
    " JOIN organizations o ON o.id = j.organization_id LEFT JOIN users u ON u.id = j.recorded_by"
    " WHERE j.round_id = $1 ORDER BY j.id";
constexpr std::string_view kOpenObjections =
    "SELECT COUNT(*) AS n FROM objections WHERE round_id = $1 AND state = 'open'";
constexpr std::string_view kNotice =
    "SELECT a.id AS application_id, a.project_name, a.document, o.name AS organization_name, a.granted_cents"
    " FROM applications a JOIN organizations o ON o.id = a.organization_id"
    " WHERE a.round_id = $1 AND a.state IN ('proposed', 'funded') ORDER BY a.granted_cents DESC, a.id";

nlohmann::json ApplicationView(const db::Row& row) {
  nlohmann::json meta = db::RowJson(row);
  nlohmann::json out = nlohmann::json::parse(meta["document"].get<std::string>());
  meta.erase("document");
  meta["requested_yuan"] = core::FormatYuan(meta["requested_cents"].get<int64_t>());
  meta.erase("requested_cents");
  meta["granted_yuan"] = meta["granted_cents"].is_null() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(core::FormatYuan(meta["granted_cents"].get<int64_t>()));
  meta.erase("granted_cents");
  meta["organization"] = {{"id", meta["organization_id"]}, {"name", meta["organization_name"]}};
  meta.erase("organization_name");
  out.update(meta);
  return out;
}

nlohmann::json AssignmentView(const db::Row& row) {
  nlohmann::json r = db::RowJson(row);
  r["scores"] = nlohmann::json::parse(r["scores"].get<std::string>());
  r["total"] = r["total_centi"].is_null() ? nlohmann::json(nullptr) : nlohmann::json(Points(r["total_centi"].get<int64_t>()));
  r.erase("total_centi");
  return r;
}

db::Params ScopeParams(int64_t round_id, const std::string& state, const ApplicationScope& s) {
  return {round_id, state, s.organization_id, s.reviewer_id};
}

}  // namespace

std::optional<RoundLimits> FindRoundLimits(db::Connection& c, int64_t round_id) {
  auto r = c.QueryOne(kLimits, {round_id});
  if (!r) {
    return std::nullopt;
  }
  return RoundLimits{r->Int("min_grant_cents"), r->Int("max_grant_cents"), nlohmann::json::parse(r->Text("eligibility"))};
}

std::pair<std::string, std::string> OrganizationProfile(db::Connection& c, int64_t organization_id) {
  auto r = c.QueryOne(kProfile, {organization_id});
  return r ? std::pair{r->Text("org_type"), r->Text("rating")} : std::pair<std::string, std::string>{};
}

void SetNoticeStarted(db::Connection& c, int64_t round_id, const std::string& date) {
  c.Execute(kNoticeStarted, {round_id, date});
}

int64_t InsertApplication(db::Connection& c, int64_t organization_id, int64_t round_id, const ApplicationDocument& a,
                          int64_t created_by) {
  return c.QueryOne(kInsert, {organization_id, round_id, a.project_name, a.document.dump(), a.requested_cents,
                              created_by, core::NowIso()})
      ->Int("id");
}

std::optional<nlohmann::json> FindApplication(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFind, {id});
  return r ? std::optional(ApplicationView(*r)) : std::nullopt;
}

nlohmann::json ListApplications(db::Connection& c, int64_t round_id, const std::string& state,
                                const ApplicationScope& scope, int64_t limit, int64_t offset) {
  auto params = ScopeParams(round_id, state, scope);
  params.emplace_back(limit);
  params.emplace_back(offset);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kList, params)) {
    nlohmann::json a = ApplicationView(r);
    a["my_review_total"] =
        a["my_review_total_centi"].is_null() ? nlohmann::json(nullptr) : nlohmann::json(Points(a["my_review_total_centi"].get<int64_t>()));
    a.erase("my_review_total_centi");
    // The list carries what a table shows, not the whole document.
    for (const char* k : {"summary", "need_analysis", "objectives", "risks", "activities", "team", "budget_lines"}) {
      a.erase(k);
    }
    out.push_back(std::move(a));
  }
  return out;
}

int64_t CountApplications(db::Connection& c, int64_t round_id, const std::string& state, const ApplicationScope& scope) {
  return c.QueryOne(kCount, ScopeParams(round_id, state, scope))->Int("n");
}

bool UpdateDraft(db::Connection& c, int64_t id, int64_t version, const ApplicationDocument& a) {
  return c.Execute(kUpdateDraft, {id, version, a.project_name, a.document.dump(), a.requested_cents, core::NowIso()}) == 1;
}

bool MarkSubmitted(db::Connection& c, int64_t id, int64_t version) {
  return c.Execute(kSubmit, {id, version, core::NowIso()}) == 1;
}

bool MarkScreened(db::Connection& c, int64_t id, const std::string& state, const std::string& reason, int64_t by) {
  return c.Execute(kScreen, {id, state, reason, by, core::NowIso()}) == 1;
}

bool MarkDecision(db::Connection& c, int64_t id, std::optional<int64_t> granted, const std::string& note, int64_t by) {
  std::string state(granted ? application_state::kProposed : application_state::kEligible);
  return c.Execute(kDecide, {id, state, db::Nullable(granted), note, by, core::NowIso()}) == 1;
}

int64_t ProposedTotal(db::Connection& c, int64_t round_id, int64_t except_application_id) {
  return c.QueryOne(kProposedTotal, {round_id, except_application_id})->Int("n");
}

int64_t CountProposed(db::Connection& c, int64_t round_id) { return c.QueryOne(kCountProposed, {round_id})->Int("n"); }

std::vector<db::Row> ListProposed(db::Connection& c, int64_t round_id) { return c.Query(kProposed, {round_id}); }

void FinalizeDecisions(db::Connection& c, int64_t round_id) {
  std::string now = core::NowIso();
  c.Execute(kFunded, {round_id, now});
  c.Execute(kNotFunded, {round_id, now});
}

bool InsertAssignment(db::Connection& c, int64_t organization_id, int64_t application_id, int64_t reviewer_id,
                      int64_t by) {
  return c.Execute(kAssign, {organization_id, application_id, reviewer_id, by, core::NowIso()}) == 1;
}

bool DeleteAssignment(db::Connection& c, int64_t application_id, int64_t reviewer_id) {
  return c.Execute(kUnassign, {application_id, reviewer_id}) == 1;
}

std::optional<Assignment> FindAssignment(db::Connection& c, int64_t application_id, int64_t reviewer_id) {
  auto r = c.QueryOne(kFindAssignment, {application_id, reviewer_id});
  if (!r) {
    return std::nullopt;
  }
  return Assignment{r->Int("id"), r->Text("state"), r->Int("total_centi")};
}

std::optional<nlohmann::json> FindAssignmentJson(db::Connection& c, int64_t application_id, int64_t reviewer_id) {
  auto r = c.QueryOne(kFindAssignment, {application_id, reviewer_id});
  return r ? std::optional(AssignmentView(*r)) : std::nullopt;
}

bool MarkConflict(db::Connection& c, int64_t assignment_id, const std::string& reason) {
  return c.Execute(kConflict, {assignment_id, reason, core::NowIso()}) == 1;
}

bool SaveReview(db::Connection& c, int64_t assignment_id, const ReviewInput& r) {
  std::string now = core::NowIso();
  return c.Execute(kSaveReview, {assignment_id, r.scores.dump(), r.comment, r.total_centi,
                                 std::string(r.submit ? "submitted" : "assigned"),
                                 r.submit ? db::Value(now) : db::Value(nullptr), now}) == 1;
}

nlohmann::json ListAssignments(db::Connection& c, int64_t application_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kListAssignments, {application_id})) {
    out.push_back(AssignmentView(r));
  }
  return out;
}

std::vector<int64_t> SubmittedTotals(db::Connection& c, int64_t application_id) {
  std::vector<int64_t> out;
  for (const auto& r : c.Query(kSubmittedTotals, {application_id})) {
    out.push_back(r.Int("total_centi"));
  }
  return out;
}

std::vector<db::Row> ListRankable(db::Connection& c, int64_t round_id) { return c.Query(kRankable, {round_id}); }

std::vector<db::Row> RoundSubmittedTotals(db::Connection& c, int64_t round_id) {
  return c.Query(kRoundTotals, {round_id});
}

int64_t InsertObjection(db::Connection& c, int64_t organization_id, int64_t round_id, int64_t application_id,
                        const std::string& source, const std::string& content, int64_t by) {
  return c.QueryOne(kInsertObjection, {organization_id, round_id, application_id, source, content, by, core::NowIso()})
      ->Int("id");
}

std::optional<db::Row> FindObjection(db::Connection& c, int64_t id) { return c.QueryOne(kFindObjection, {id}); }

bool ResolveObjection(db::Connection& c, int64_t id, bool upheld, const std::string& resolution, int64_t by) {
  return c.Execute(kResolveObjection,
                   {id, std::string(upheld ? "upheld" : "dismissed"), resolution, by, core::NowIso()}) == 1;
}

nlohmann::json ListObjections(db::Connection& c, int64_t round_id) {
  return db::RowsJson(c.Query(kListObjections, {round_id}));
}

int64_t CountOpenObjections(db::Connection& c, int64_t round_id) {
  return c.QueryOne(kOpenObjections, {round_id})->Int("n");
}

nlohmann::json ListNoticeProjects(db::Connection& c, int64_t round_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kNotice, {round_id})) {
    auto doc = nlohmann::json::parse(r.Text("document"));
    out.push_back({{"application_id", r.Int("application_id")},
                   {"project_name", r.Text("project_name")},
                   {"sub_brand", doc.value("sub_brand", "")},
                   {"organization_name", r.Text("organization_name")},
                   {"amount_yuan", core::FormatYuan(r.Int("granted_cents"))}});
  }
  return out;
}

}  // namespace bangyi::rounds
