// Use cases for households and persons. Staff of an organization (org_admin, social_worker,
// supervisor) see their own organization's registry; sensitive fields are stored encrypted,
// returned masked, and revealed in clear only to social workers and supervisors who state a
// reason — every reveal is audited (which fields and why; never the values).
#pragma once

#include <nlohmann/json.hpp>

#include "core/field_crypto.hpp"
#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"
#include "modules/registry/registry.hpp"
#include "modules/registry/registry_repository.hpp"

namespace bangyi::registry {

class RegistryService {
 public:
  RegistryService(db::Database& db, const divisions::DivisionIndex& divisions, const core::Secrets& secrets)
      : db_(db),
        divisions_(divisions),
        cipher_(secrets.field_encryption_key, secrets.field_key_id),
        blind_key_(secrets.blind_index_key) {}

  nlohmann::json CreateHousehold(const access::Principal& p, const nlohmann::json& body);
  // Filters: street, q (part of a member's name), category (an assistance category held).
  nlohmann::json ListHouseholds(const access::Principal& p, HouseholdFilter filter, const http::Page& page);
  nlohmann::json UpdateHousehold(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json UpdatePerson(const access::Principal& p, int64_t id, const nlohmann::json& body);
  // Income and rigid expenditure: the records and a monthly summary with income per member.
  nlohmann::json Finances(const access::Principal& p, int64_t household_id);
  nlohmann::json AddFinance(const access::Principal& p, int64_t household_id, const nlohmann::json& body);
  // Merges another household of the same organization into this one (keeps all history).
  nlohmann::json Merge(const access::Principal& p, int64_t household_id, const nlohmann::json& body);
  nlohmann::json GetHousehold(const access::Principal& p, int64_t id);
  nlohmann::json AddPerson(const access::Principal& p, int64_t household_id, const nlohmann::json& body);
  nlohmann::json GetPerson(const access::Principal& p, int64_t id);
  // Body {reason, fields?:["id_number","phone","conditions"]} → the clear values.
  nlohmann::json Reveal(const access::Principal& p, int64_t id, const nlohmann::json& body);
  // Exact match through the blind index, within the caller's organization.
  nlohmann::json FindByIdNumber(const access::Principal& p, const std::string& id_number);

  // Consent (知情同意): listed and recorded by the organization's staff, withdrawn, never deleted.
  nlohmann::json Consents(const access::Principal& p, int64_t person_id);
  nlohmann::json AddConsent(const access::Principal& p, int64_t person_id, const nlohmann::json& body);
  nlohmann::json WithdrawConsent(const access::Principal& p, int64_t consent_id, const nlohmann::json& body);

  // For other modules that have already authorized the caller: the household with its members
  // (masked), and the blind index of a normalized resident ID number.
  std::optional<nlohmann::json> HouseholdView(db::Connection& c, int64_t id) const;
  std::string IdIndex(const std::string& normalized_id_number) const;

 private:
  int64_t CallerOrganization(const access::Principal& p, std::string_view perm) const;
  nlohmann::json PersonJson(const PersonRow& row) const;
  nlohmann::json HouseholdJson(const HouseholdRow& row) const;
  // The household after checking `perm` covers its organization; 404 for a merged one.
  HouseholdRow AuthorizedHousehold(const access::Principal& p, int64_t id, std::string_view perm);
  // Fills the encrypted, masked and indexed columns from clear values ("" clears).
  void SealHousehold(HouseholdRow& row, const std::string& address) const;
  void SealPerson(PersonRow& row, const PersonInput& in) const;

  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
  core::FieldCipher cipher_;
  core::Key blind_key_;
};

}  // namespace bangyi::registry
