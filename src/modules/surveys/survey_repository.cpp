#include "modules/surveys/survey_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::surveys {

namespace {

constexpr std::string_view kTemplates = "SELECT id, name, active, items FROM survey_templates ORDER BY id";
constexpr std::string_view kTemplate = "SELECT id, name, active, items FROM survey_templates WHERE id = $1";
constexpr std::string_view kInsertTemplate =
    "INSERT INTO survey_templates (name, items, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
constexpr std::string_view kInsertInvitation =
    "INSERT INTO survey_invitations (organization_id, case_id, project_id, service_record_id, template_id, token_hash,"
    " expires_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kInvitationColumns =
    "SELECT id, organization_id, case_id, project_id, service_record_id, template_id, status, expires_at, created_at,"
    " answered_at FROM survey_invitations";
constexpr std::string_view kListInvitations =
    "SELECT si.id, si.template_id, si.service_record_id, si.project_id, si.status, si.expires_at, si.created_at,"
    " si.answered_at, sr.channel FROM survey_invitations si LEFT JOIN survey_responses sr ON sr.invitation_id = si.id"
    " WHERE si.case_id = $1 ORDER BY si.id DESC";
constexpr std::string_view kCancel = "UPDATE survey_invitations SET status = 'cancelled' WHERE id = $1 AND status = 'open'";
constexpr std::string_view kMarkAnswered =
    "UPDATE survey_invitations SET status = 'answered', answered_at = $2 WHERE id = $1 AND status = 'open'";
constexpr std::string_view kInsertResponse =
    "INSERT INTO survey_responses (organization_id, invitation_id, project_id, channel, overall, answers, comment,"
    " answered_on, entered_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr std::string_view kRecordOfCase =
    "SELECT r.project_id FROM service_records r WHERE r.id = $1 AND (r.case_id = $2 OR EXISTS (SELECT 1"
    " FROM service_record_participants sp WHERE sp.service_record_id = r.id AND sp.case_id = $2))";
constexpr std::string_view kOrganizationName = "SELECT name FROM organizations WHERE id = $1";
constexpr std::string_view kProjectOrganization = "SELECT organization_id FROM projects WHERE id = $1";
constexpr std::string_view kResponses =
    "SELECT sr.answers, sr.channel, sr.comment, substr(sr.answered_on, 1, 7) AS month, sr.overall, si.template_id"
    " FROM survey_responses sr JOIN survey_invitations si ON si.id = sr.invitation_id"
    " WHERE (CAST($1 AS BIGINT) = 0 OR sr.organization_id = $1) AND (CAST($2 AS BIGINT) = 0 OR sr.project_id = $2)"
    " ORDER BY sr.answered_on DESC, sr.id DESC";

nlohmann::json TemplateJson(const db::Row& r) {
  return {{"id", r.Int("id")},
          {"name", r.Text("name")},
          {"active", r.Int("active") != 0},
          {"items", nlohmann::json::parse(r.Text("items"))}};
}

InvitationRow InvitationFrom(const db::Row& r) {
  return {r.Int("id"),           r.Int("organization_id"), r.Int("case_id"),       r.Int("template_id"),
          r.OptInt("project_id"), r.OptInt("service_record_id"), r.Text("status"), r.Text("expires_at"),
          r.Text("created_at"),  r.OptText("answered_at")};
}

}  // namespace

nlohmann::json ListTemplates(db::Connection& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kTemplates)) {
    out.push_back(TemplateJson(r));
  }
  return out;
}

std::optional<nlohmann::json> FindTemplate(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kTemplate, {id});
  return r ? std::optional(TemplateJson(*r)) : std::nullopt;
}

int64_t InsertTemplate(db::Connection& c, const std::string& name, const nlohmann::json& items, int64_t created_by) {
  return c.QueryOne(kInsertTemplate, {name, items.dump(), created_by, core::NowIso()})->Int("id");
}

int64_t InsertInvitation(db::Connection& c, const InvitationRow& row, const std::string& token_hash, int64_t created_by) {
  return c.QueryOne(kInsertInvitation, {row.organization_id, row.case_id, db::Nullable(row.project_id),
                                        db::Nullable(row.service_record_id), row.template_id, token_hash,
                                        row.expires_at, created_by, core::NowIso()})
      ->Int("id");
}

std::optional<InvitationRow> FindInvitation(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(std::string(kInvitationColumns) + " WHERE id = $1", {id});
  return r ? std::optional(InvitationFrom(*r)) : std::nullopt;
}

std::optional<InvitationRow> FindInvitationByHash(db::Connection& c, const std::string& token_hash) {
  auto r = c.QueryOne(std::string(kInvitationColumns) + " WHERE token_hash = $1", {token_hash});
  return r ? std::optional(InvitationFrom(*r)) : std::nullopt;
}

nlohmann::json ListInvitations(db::Connection& c, int64_t case_id) { return db::RowsJson(c.Query(kListInvitations, {case_id})); }

bool CancelInvitation(db::Connection& c, int64_t id) { return c.Execute(kCancel, {id}) == 1; }

bool MarkAnswered(db::Connection& c, int64_t id) { return c.Execute(kMarkAnswered, {id, core::NowIso()}) == 1; }

int64_t InsertResponse(db::Connection& c, const ResponseRow& row) {
  return c.QueryOne(kInsertResponse, {row.organization_id, row.invitation_id, db::Nullable(row.project_id), row.channel,
                                      int64_t{row.overall}, row.answers, row.comment, row.answered_on,
                                      db::Nullable(row.entered_by), core::NowIso()})
      ->Int("id");
}

std::optional<std::optional<int64_t>> RecordProjectForCase(db::Connection& c, int64_t record_id, int64_t case_id) {
  auto r = c.QueryOne(kRecordOfCase, {record_id, case_id});
  if (!r) {
    return std::nullopt;
  }
  return std::optional<std::optional<int64_t>>(std::in_place, r->OptInt("project_id"));
}

std::string OrganizationName(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kOrganizationName, {id});
  return r ? r->Text("name") : std::string();
}

std::optional<int64_t> ProjectOrganization(db::Connection& c, int64_t project_id) {
  auto r = c.QueryOne(kProjectOrganization, {project_id});
  return r ? std::optional(r->Int("organization_id")) : std::nullopt;
}

std::vector<db::Row> ResponsesFor(db::Connection& c, int64_t organization_id, int64_t project_id) {
  return c.Query(kResponses, {organization_id, project_id});
}

}  // namespace bangyi::surveys
