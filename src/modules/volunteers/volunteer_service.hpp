// Use cases for volunteers (docs/volunteers.md): public sign-up, approval by each organization
// (the first approval creates the account), profiles with encrypted ID number and phone (masked,
// revealed with a reason, audited), safeguarding, professionals, hours and certificates.
// Organizations see the volunteers who serve with them (a pending membership included); a
// volunteer sees their own profile.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/field_crypto.hpp"
#include "core/secrets.hpp"
#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"
#include "modules/volunteers/volunteer_repository.hpp"

namespace bangyi::volunteers {

struct VolunteerSettings {
  int max_active_pairings = 3;
};

// Columns sealed with the field key (key rotation rewrites them), and the blind-index domain.
struct EncryptedColumn {
  std::string_view table, column, aad;
};
inline constexpr std::string_view kIdNumberAad = "volunteers.id_number";
inline constexpr std::string_view kPhoneAad = "volunteers.phone";
inline constexpr std::string_view kProfessionalPhoneAad = "professionals.phone";
inline constexpr std::string_view kIdIndexDomain = "volunteer_resident_id";
inline constexpr EncryptedColumn kEncryptedColumns[] = {{"volunteers", "id_number_enc", kIdNumberAad},
                                                        {"volunteers", "phone_enc", kPhoneAad},
                                                        {"professionals", "phone_enc", kProfessionalPhoneAad}};

class VolunteerService {
 public:
  VolunteerService(db::Database& db, const divisions::DivisionIndex& divisions, const core::Secrets& secrets,
                   VolunteerSettings settings)
      : db_(db),
        divisions_(divisions),
        cipher_(secrets.field_encryption_key, secrets.field_key_id),
        blind_key_(secrets.blind_index_key),
        settings_(settings) {}

  // Public (no login).
  nlohmann::json PublicOrganizations(const std::string& district);
  nlohmann::json SignUp(const nlohmann::json& body);
  nlohmann::json VerifyCertificate(const std::string& code);

  nlohmann::json List(const access::Principal& p, VolunteerFilter filter, const http::Page& page);
  nlohmann::json Create(const access::Principal& p, const nlohmann::json& body);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  nlohmann::json Update(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Approve(const access::Principal& p, int64_t id);
  nlohmann::json Reject(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json SetSafeguarding(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json SetStatus(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Reveal(const access::Principal& p, int64_t id, const nlohmann::json& body);

  nlohmann::json Professionals(const access::Principal& p);
  nlohmann::json AddProfessional(const access::Principal& p, const nlohmann::json& body);

  nlohmann::json Hours(const access::Principal& p, int64_t id, const std::string& from, const std::string& to);
  nlohmann::json OrganizationHours(const access::Principal& p, const std::string& from, const std::string& to,
                                   const std::string& group);
  nlohmann::json IssueCertificate(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Certificates(const access::Principal& p, int64_t id);
  // The certificate as an A4 PDF: for the volunteer and the staff of their organizations.
  std::string CertificatePdf(const access::Principal& p, const std::string& code);

  // For the pairing service, which has already authorized the caller.
  nlohmann::json ProfileJson(db::Connection& c, const VolunteerRow& v, int64_t viewer_organization) const;
  const VolunteerSettings& settings() const { return settings_; }

 private:
  // The volunteer, or 404; 403 unless the caller is the volunteer, or `perm` covers an
  // organization they serve with (any membership state), or reads platform-wide.
  VolunteerRow Authorized(db::Connection& c, const access::Principal& p, int64_t id, std::string_view perm) const;
  // The caller's organization where `perm` is held (403 otherwise).
  int64_t CallerOrganization(const access::Principal& p, std::string_view perm) const;
  void Seal(VolunteerRow& row, const VolunteerInput& in) const;
  int64_t CreateAccount(db::Connection& c, const VolunteerRow& v, int64_t organization_id, const std::string& username,
                        const std::string& password_hash) const;
  void AddVolunteerRole(db::Connection& c, int64_t user_id, int64_t organization_id) const;
  nlohmann::json GetAfterWrite(const access::Principal& p, int64_t id);

  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
  core::FieldCipher cipher_;
  core::Key blind_key_;
  VolunteerSettings settings_;
};

}  // namespace bangyi::volunteers
