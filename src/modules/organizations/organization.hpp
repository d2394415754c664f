// Organizations: the social organizations (and the foundation itself) that run projects.
// Types and input rules only: no HTTP, no SQL.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::organizations {

struct Organization {
  int64_t id = 0;
  std::string name;
  std::string credit_code;  // unified social credit code, GB 32100-2015
  std::string org_type;     // social_group | social_service_agency | foundation | other
  std::string rating;       // "" or 1A…5A (civil affairs assessment)
  std::string registered_district;
  std::vector<std::string> districts_served;
  std::vector<std::string> streets_served;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
  std::string address;
  std::string status = "active";  // active | suspended
  int64_t staff_count = 0;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;

  access::OrganizationRef Ref() const;
};

nlohmann::json ToJson(const Organization& org);

// Reads every editable field from `body`, normalizing the credit code and phone, and adds a
// field error for each bad one (credit_code "format"/"checksum", registered_district "unknown",
// streets_served "unknown", contact_phone "format", …). `version` is read when `require_version`.
Organization ParseOrganizationInput(const nlohmann::json& body, const divisions::DivisionIndex& divisions,
                                    bool require_version, core::FieldErrors& errors);

// Contact phone: a mainland mobile (normalized to 11 digits) or a landline such as 021-12345678.
// Returns the normalized number, or nullopt when neither.
std::optional<std::string> NormalizeContactPhone(const std::string& input);

}  // namespace bangyi::organizations
