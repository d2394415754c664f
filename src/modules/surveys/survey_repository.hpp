// Storage of survey templates, invitations (token hashes only) and responses.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "db/database.hpp"

namespace bangyi::surveys {

nlohmann::json ListTemplates(db::Connection& c);
std::optional<nlohmann::json> FindTemplate(db::Connection& c, int64_t id);  // {id, name, active, items}
int64_t InsertTemplate(db::Connection& c, const std::string& name, const nlohmann::json& items, int64_t created_by);

struct InvitationRow {
  int64_t id = 0, organization_id = 0, case_id = 0, template_id = 0;
  std::optional<int64_t> project_id, service_record_id;
  std::string status, expires_at, created_at;
  std::optional<std::string> answered_at;
};
int64_t InsertInvitation(db::Connection& c, const InvitationRow& row, const std::string& token_hash, int64_t created_by);
std::optional<InvitationRow> FindInvitation(db::Connection& c, int64_t id);
std::optional<InvitationRow> FindInvitationByHash(db::Connection& c, const std::string& token_hash);
// Invitations of a case, newest first, with the response's channel.
nlohmann::json ListInvitations(db::Connection& c, int64_t case_id);
bool CancelInvitation(db::Connection& c, int64_t id);
// open → answered; false when it was not open any more (a concurrent answer).
bool MarkAnswered(db::Connection& c, int64_t id);

struct ResponseRow {
  int64_t organization_id = 0, invitation_id = 0;
  std::optional<int64_t> project_id, entered_by;
  std::string channel, answers, comment, answered_on;
  int overall = 0;
};
int64_t InsertResponse(db::Connection& c, const ResponseRow& row);

// A service record of the case, or one the case took part in (a group activity); its project.
std::optional<std::optional<int64_t>> RecordProjectForCase(db::Connection& c, int64_t record_id, int64_t case_id);
std::string OrganizationName(db::Connection& c, int64_t id);
std::optional<int64_t> ProjectOrganization(db::Connection& c, int64_t project_id);

// Responses for aggregates: answers, template, channel, comment and month — never the case.
// organization_id / project_id 0 = any.
std::vector<db::Row> ResponsesFor(db::Connection& c, int64_t organization_id, int64_t project_id);

}  // namespace bangyi::surveys
