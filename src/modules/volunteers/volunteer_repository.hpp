// Named SQL for volunteers, their memberships, professionals, certificates and hours.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/volunteers/volunteer.hpp"

namespace bangyi::volunteers {

struct VolunteerRow {
  int64_t id = 0;
  int64_t organization_id = 0;
  std::optional<int64_t> user_id;
  std::string name, gender, birth_date;
  std::string id_number_enc, id_number_masked, phone_enc, phone_masked;
  std::optional<std::string> id_number_bidx;
  std::string district_code, street_code;
  uint64_t skills_mask = 0, languages_mask = 0, availability_mask = 0;
  bool works_with_minors = false;
  std::string motivation, status, signup_username, signup_password_hash;
  std::optional<std::string> training_completed_on, background_check_on, agreement_signed_on;
  std::string background_check_status = "none";
  int64_t version = 1;
  std::string created_at, updated_at;
};

int64_t InsertVolunteer(db::Connection& c, const VolunteerRow& v);
std::optional<VolunteerRow> FindVolunteer(db::Connection& c, int64_t id);
std::optional<VolunteerRow> FindVolunteerByUser(db::Connection& c, int64_t user_id);
std::optional<int64_t> VolunteerByIdIndex(db::Connection& c, const std::string& bidx);
bool SignupUsernameTaken(db::Connection& c, const std::string& username);
// Profile columns, when `version` is current (then version + 1); false when stale.
bool UpdateVolunteerProfile(db::Connection& c, const VolunteerRow& v, int64_t version);
// Takes the volunteer's row lock for the rest of the transaction; false when there is no such volunteer.
bool LockVolunteer(db::Connection& c, int64_t id);
void SetVolunteerStatus(db::Connection& c, int64_t id, const std::string& status);
void SetSafeguarding(db::Connection& c, const VolunteerRow& v);
// Links the account and forgets the sign-up password hash.
void SetVolunteerUser(db::Connection& c, int64_t id, int64_t user_id);

struct VolunteerFilter {
  int64_t organization_id = 0;  // 0: every organization (platform readers)
  std::string status, membership, q, skill, district;
};
// Summaries, newest first: the profile's list fields plus membership_status in the filter's
// organization, active_pairings and confirmed_minutes.
std::vector<nlohmann::json> ListVolunteers(db::Connection& c, const VolunteerFilter& f, int64_t limit, int64_t offset);
int64_t CountVolunteers(db::Connection& c, const VolunteerFilter& f);

void InsertMembership(db::Connection& c, int64_t organization_id, int64_t volunteer_id, const std::string& status,
                      std::optional<int64_t> decided_by);
std::optional<std::string> MembershipStatus(db::Connection& c, int64_t organization_id, int64_t volunteer_id);
// Pending → approved | rejected; false when it was not pending.
bool DecideMembership(db::Connection& c, int64_t organization_id, int64_t volunteer_id, const std::string& status,
                      int64_t decided_by, const std::string& reason);
nlohmann::json ListMemberships(db::Connection& c, int64_t volunteer_id);
// Organizations where the volunteer's membership is approved.
std::vector<int64_t> ApprovedOrganizations(db::Connection& c, int64_t volunteer_id);

// Active volunteers approved by `organization_id`, placed against `need`'s street and district,
// with their open pairings (the suggestion pool).
std::vector<Candidate> CandidatesOf(db::Connection& c, int64_t organization_id, const std::string& today,
                                    const Need& need);
int OpenPairingsOf(db::Connection& c, int64_t volunteer_id);

int64_t InsertProfessional(db::Connection& c, int64_t organization_id, const nlohmann::json& p, int64_t created_by);
std::optional<nlohmann::json> FindProfessional(db::Connection& c, int64_t id);
nlohmann::json ListProfessionals(db::Connection& c, int64_t organization_id);

// Active organizations a volunteer may sign up with ("" district: all).
nlohmann::json PublicOrganizations(db::Connection& c, const std::string& district);
std::optional<int64_t> ActiveOrganization(db::Connection& c, int64_t id);

// Hours: confirmed visits only ("" bounds are open).
struct Minutes {
  int64_t confirmed = 0, pending = 0;
};
Minutes VolunteerMinutes(db::Connection& c, int64_t volunteer_id, const std::string& from, const std::string& to,
                         std::optional<int64_t> organization_id = std::nullopt);
nlohmann::json MinutesByOrganization(db::Connection& c, int64_t volunteer_id, const std::string& from,
                                     const std::string& to);
nlohmann::json MinutesByProject(db::Connection& c, int64_t volunteer_id, const std::string& from, const std::string& to);
nlohmann::json MinutesByMonth(db::Connection& c, int64_t volunteer_id, const std::string& from, const std::string& to);
// An organization's confirmed minutes grouped by volunteer | project | month: [{key, label, minutes}].
nlohmann::json OrganizationMinutes(db::Connection& c, int64_t organization_id, const std::string& group,
                                   const std::string& from, const std::string& to);

int64_t InsertCertificate(db::Connection& c, const nlohmann::json& cert);
nlohmann::json ListCertificates(db::Connection& c, int64_t volunteer_id);
// The certificate with volunteer_name and organization_name.
std::optional<nlohmann::json> FindCertificate(db::Connection& c, const std::string& code);

}  // namespace bangyi::volunteers
