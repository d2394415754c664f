// Use cases of satisfaction surveys (docs/outcomes.md): templates, one-time invitations for a case
// or a group activity (token link and QR code), the public answer page, responses taken by phone
// (回访), and results in aggregate only. Answering updates the KPI rollups in the same
// transaction.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "db/database.hpp"
#include "modules/access/role.hpp"

namespace bangyi::surveys {

class SurveyService {
 public:
  SurveyService(db::Database& db, std::string public_url) : db_(db), public_url_(std::move(public_url)) {}

  nlohmann::json Templates(const access::Principal& p);
  nlohmann::json CreateTemplate(const access::Principal& p, const nlohmann::json& body);

  nlohmann::json Invite(const access::Principal& p, int64_t case_id, const nlohmann::json& body);
  nlohmann::json Invitations(const access::Principal& p, int64_t case_id);
  nlohmann::json Cancel(const access::Principal& p, int64_t invitation_id);
  nlohmann::json PhoneResponse(const access::Principal& p, int64_t invitation_id, const nlohmann::json& body);

  // Public (no login): 404 unknown token, 409 answered, 410 expired or cancelled.
  nlohmann::json PublicSurvey(const std::string& token);
  nlohmann::json Submit(const std::string& token, const nlohmann::json& body);
  std::string QrPng(const std::string& token);
  std::string QrSvg(const std::string& token);

  nlohmann::json Results(const access::Principal& p, std::optional<int64_t> organization_id,
                         std::optional<int64_t> project_id);

 private:
  std::string LinkOf(const std::string& token) const { return public_url_ + "/s/" + token; }
  db::Database& db_;
  std::string public_url_;
};

}  // namespace bangyi::surveys
