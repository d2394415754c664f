#include "modules/organizations/organization.hpp"

#include <regex>
#include <set>

#include "core/json_input.hpp"
#include "core/validation.hpp"

namespace bangyi::organizations {

namespace {

const std::set<std::string> kTypes = {"social_group", "social_service_agency", "foundation", "other"};
const std::set<std::string> kRatings = {"", "1A", "2A", "3A", "4A", "5A"};
const std::set<std::string> kStatuses = {"active", "suspended"};

}  // namespace

access::OrganizationRef Organization::Ref() const {
  access::OrganizationRef ref{id, registered_district, districts_served};
  ref.areas.insert(ref.areas.end(), streets_served.begin(), streets_served.end());
  return ref;
}

nlohmann::json ToJson(const Organization& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"credit_code", o.credit_code},
          {"org_type", o.org_type},
          {"rating", o.rating},
          {"registered_district", o.registered_district},
          {"districts_served", o.districts_served},
          {"streets_served", o.streets_served},
          {"contact_name", o.contact_name},
          {"contact_phone", o.contact_phone},
          {"contact_email", o.contact_email},
          {"address", o.address},
          {"status", o.status},
          {"staff_count", o.staff_count},
          {"version", o.version},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

std::optional<std::string> NormalizeContactPhone(const std::string& input) {
  std::string mobile = core::NormalizeMobile(input);
  if (core::IsValidMobile(mobile)) {
    return mobile;
  }
  static const std::regex kLandline(R"(^0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}(-[0-9]{1,6})?$)");
  std::string s = core::Trim(core::NormalizeWidth(input));
  if (std::regex_match(s, kLandline)) {
    return s;
  }
  return std::nullopt;
}

Organization ParseOrganizationInput(const nlohmann::json& body, const divisions::DivisionIndex& divisions,
                                    bool require_version, core::FieldErrors& errors) {
  core::JsonReader in(body);
  Organization o;
  o.name = in.String("name", true, 100);
  std::string code = core::NormalizeCreditCode(in.String("credit_code", true, 18 * 3));
  if (!code.empty()) {
    if (auto problem = core::CheckCreditCode(code); !problem.empty()) {
      in.Add("credit_code", problem);
    }
  }
  o.credit_code = code;
  o.org_type = in.String("org_type", true, 32);
  if (!o.org_type.empty() && kTypes.count(o.org_type) == 0) {
    in.Add("org_type", "invalid");
  }
  o.rating = in.String("rating", false, 2);
  if (kRatings.count(o.rating) == 0) {
    in.Add("rating", "invalid");
  }
  o.registered_district = in.String("registered_district", true, 32);
  if (!o.registered_district.empty() && !divisions.IsDistrict(o.registered_district)) {
    in.Add("registered_district", "unknown");
  }
  auto check_areas = [&](const std::string& field, const std::vector<std::string>& codes, bool districts) {
    std::set<std::string> seen;
    for (const auto& area : codes) {
      if (districts ? !divisions.IsDistrict(area) : !divisions.IsStreet(area)) {
        in.Add(field, "unknown");
        return;
      }
      if (!seen.insert(area).second) {
        in.Add(field, "duplicate");
        return;
      }
    }
  };
  o.districts_served = in.StringArray("districts_served", 16, 6);
  check_areas("districts_served", o.districts_served, true);
  o.streets_served = in.StringArray("streets_served", 300, 9);
  check_areas("streets_served", o.streets_served, false);
  o.contact_name = in.String("contact_name", false, 50);
  std::string phone = in.String("contact_phone", false, 32);
  if (!phone.empty()) {
    if (auto normalized = NormalizeContactPhone(phone)) {
      o.contact_phone = *normalized;
    } else {
      in.Add("contact_phone", "format");
    }
  }
  o.contact_email = in.String("contact_email", false, 254);
  if (!o.contact_email.empty() && !core::IsValidEmail(o.contact_email)) {
    in.Add("contact_email", "format");
  }
  o.address = in.String("address", false, 200);
  o.status = in.Has("status") ? in.String("status", true, 16) : "active";
  if (kStatuses.count(o.status) == 0) {
    in.Add("status", "invalid");
  }
  if (require_version) {
    o.version = in.Int("version", true, 1, INT64_MAX).value_or(0);
  }
  for (const auto& e : in.errors().list()) {
    errors.Add(e.field, e.code);
  }
  return o;
}

}  // namespace bangyi::organizations
