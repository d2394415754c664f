#include "modules/volunteers/volunteer_service.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/json_input.hpp"
#include "core/units.hpp"
#include "core/validation.hpp"
#include "modules/accounts/password.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/volunteers/certificate_pdf.hpp"

namespace bangyi::volunteers {

namespace perm = access::permission;

namespace {

nlohmann::json CheckJson(const VolunteerRow& v, const std::string& today) {
  return {{"status", v.background_check_status},
          {"checked_on", v.background_check_on ? nlohmann::json(*v.background_check_on) : nlohmann::json(nullptr)},
          {"valid", BackgroundCheckValid(v.background_check_status, v.background_check_on.value_or(""), today)}};
}

nlohmann::json OptDate(const std::optional<std::string>& d) { return d ? nlohmann::json(*d) : nlohmann::json(nullptr); }

// Surname and stars: enough for a verifier holding the paper certificate, no more.
std::string MaskName(const std::string& name) {
  std::string surname = Surname(name);
  return surname + std::string(std::max<size_t>(core::Utf8Length(name) - core::Utf8Length(surname), 1), '*');
}

// Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 59 bits.
std::string NewCertificateCode() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);  // unbiased
  }
  return out.substr(0, 4) + "-" + out.substr(4, 4) + "-" + out.substr(8, 4);
}

// The profile columns of a new volunteer from checked input (identity sealed separately).
VolunteerRow RowFrom(const VolunteerInput& in) {
  VolunteerRow row;
  row.name = in.name;
  row.gender = in.gender;
  row.birth_date = in.birth_date;
  row.district_code = in.district_code;
  row.street_code = in.street_code;
  row.skills_mask = in.skills_mask;
  row.languages_mask = in.languages_mask;
  row.availability_mask = in.availability_mask;
  row.works_with_minors = in.works_with_minors;
  row.motivation = in.motivation;
  return row;
}

// The normalized username, with the username and password checked against the account policy.
std::string CheckAccount(const VolunteerInput& in, core::FieldErrors& errors) {
  std::string username = accounts::NormalizeUsername(in.username);
  if (!username.empty() && !accounts::CheckUsername(username).empty()) {
    errors.Add("username", "format");
  } else if (!in.password.empty()) {
    if (auto code = accounts::CheckPasswordPolicy(in.password, username); !code.empty()) {
      errors.Add("password", code);
    }
  }
  return username;
}

// Optional period bounds of the hours queries ("" = open).
void CheckPeriod(const std::string& from, const std::string& to, core::FieldErrors& errors) {
  if (!from.empty() && !core::IsIsoDate(from)) errors.Add("from", "format");
  if (!to.empty() && !core::IsIsoDate(to)) errors.Add("to", "format");
  if (!from.empty() && !to.empty() && to < from) errors.Add("to", "before_from");
}

std::string HoursText(int64_t minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", core::Hours(minutes));
  return buf;
}

}  // namespace

int64_t VolunteerService::CallerOrganization(const access::Principal& p, std::string_view permission) const {
  if (!p.organization_id || !p.Covers(permission, access::OrganizationOnly(*p.organization_id))) {
    access::Require(p, permission);  // 403 naming the permission when it is missing altogether
    throw core::Error::Forbidden("this needs a role in an organization");
  }
  return *p.organization_id;
}

VolunteerRow VolunteerService::Authorized(db::Connection& c, const access::Principal& p, int64_t id,
                                          std::string_view permission) const {
  auto v = FindVolunteer(c, id);
  // A volunteer reads their own record; managing it (safeguarding, status, profile) stays with
  // the organization.
  bool reads = permission == perm::kVolunteersRead || permission == perm::kVolunteeringSelf;
  bool self = reads && v && v->user_id && *v->user_id == p.user_id && p.Has(perm::kVolunteeringSelf);
  if (!self) {
    access::Require(p, permission);
  }
  if (!v) {
    throw core::Error::NotFound("volunteer");
  }
  if (self || (permission == perm::kVolunteersRead && p.HasPlatform(permission))) {
    return *v;
  }
  for (const auto& m : ListMemberships(c, id)) {
    // An organization that rejected the volunteer keeps the record of its decision, nothing more.
    if (!reads && m["status"] == "rejected") {
      continue;
    }
    if (p.Covers(permission, access::OrganizationOnly(m["organization_id"].get<int64_t>()))) {
      return *v;
    }
  }
  throw core::Error::Forbidden("this volunteer does not serve with your organization");
}

void VolunteerService::Seal(VolunteerRow& row, const VolunteerInput& in) const {
  if (in.Has("id_number")) {
    row.id_number_enc = in.id_number.empty() ? "" : cipher_.Encrypt(in.id_number, kIdNumberAad);
    row.id_number_masked = in.id_number.empty() ? "" : core::MaskIdNumber(in.id_number);
    row.id_number_bidx = in.id_number.empty() ? std::nullopt
                                              : std::optional(core::BlindIndex(blind_key_, kIdIndexDomain, in.id_number));
  }
  if (in.Has("phone")) {
    row.phone_enc = in.phone.empty() ? "" : cipher_.Encrypt(in.phone, kPhoneAad);
    row.phone_masked = in.phone.empty() ? "" : core::MaskPhone(in.phone);
  }
}

nlohmann::json VolunteerService::ProfileJson(db::Connection& c, const VolunteerRow& v,
                                             int64_t viewer_organization) const {
  std::string today = core::TodayShanghai();
  auto minutes = VolunteerMinutes(c, v.id, "", "");
  nlohmann::json memberships = ListMemberships(c, v.id);
  nlohmann::json membership = nullptr;  // the viewer's own, read off the list
  for (const auto& m : memberships) {
    if (m["organization_id"] == viewer_organization) {
      membership = m["status"];
    }
  }
  return {{"id", v.id},
          {"organization_id", v.organization_id},
          {"user_id", v.user_id ? nlohmann::json(*v.user_id) : nlohmann::json(nullptr)},
          {"name", v.name},
          {"gender", v.gender},
          {"birth_date", v.birth_date},
          {"age", AgeOn(v.birth_date, today)},
          {"id_number_masked", v.id_number_masked},
          {"phone_masked", v.phone_masked},
          {"district_code", v.district_code},
          {"street_code", v.street_code},
          {"skills", CodesOf(v.skills_mask, Skills())},
          {"languages", CodesOf(v.languages_mask, Languages())},
          {"availability", CodesOf(v.availability_mask, Slots())},
          {"works_with_minors", v.works_with_minors},
          {"motivation", v.motivation},
          {"status", v.status},
          {"membership_status", membership},
          {"memberships", memberships},
          {"background_check", CheckJson(v, today)},
          {"safeguarding",
           {{"training_completed_on", OptDate(v.training_completed_on)},
            {"background_check_status", v.background_check_status},
            {"background_check_on", OptDate(v.background_check_on)},
            {"background_check_valid",
             BackgroundCheckValid(v.background_check_status, v.background_check_on.value_or(""), today)},
            {"agreement_signed_on", OptDate(v.agreement_signed_on)}}},
          {"active_pairings", OpenPairingsOf(c, v.id)},
          {"confirmed_minutes", minutes.confirmed},
          {"pending_minutes", minutes.pending},
          {"has_account", v.user_id.has_value()},
          {"version", v.version},
          {"created_at", v.created_at}};
}

nlohmann::json VolunteerService::GetAfterWrite(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) { return ProfileJson(c, *FindVolunteer(c, id), p.organization_id.value_or(0)); });
}

nlohmann::json VolunteerService::PublicOrganizations(const std::string& district) {
  if (!district.empty() && !divisions_.IsDistrict(district)) {
    throw core::Error::Validation({{"district", "unknown"}});
  }
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", volunteers::PublicOrganizations(c, district)}}; });
}

nlohmann::json VolunteerService::SignUp(const nlohmann::json& body) {
  std::string today = core::TodayShanghai();
  core::FieldErrors errors;
  VolunteerInput in = ParseVolunteerInput(body, today, divisions_, InputMode::kSignUp, errors);
  core::JsonReader extra(body);
  std::vector<int64_t> organizations = extra.IdArray("organization_ids", 3);
  if (organizations.empty() && extra.errors().empty()) {
    extra.Add("organization_ids", "required");
  }
  std::string username = CheckAccount(in, errors);
  for (const auto& e : extra.errors().list()) {
    errors.Add(e.field, e.code);
  }
  errors.ThrowIfAny();
  VolunteerRow row = RowFrom(in);
  row.status = "applicant";
  row.signup_username = username;
  Seal(row, in);
  auto check = [&](db::Connection& c) {
    for (size_t i = 0; i < organizations.size(); ++i) {
      if (!ActiveOrganization(c, organizations[i])) {
        throw core::Error::Validation({{"organization_ids[" + std::to_string(i) + "]", "unknown"}});
      }
    }
    if (accounts::FindUserByUsername(c, username) || SignupUsernameTaken(c, username)) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "username already taken", {{"username", "duplicate"}});
    }
    if (row.id_number_bidx && VolunteerByIdIndex(c, *row.id_number_bidx)) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "this person already has a volunteer profile",
                        {{"id_number", "duplicate"}});
    }
  };
  // Refusals come before the slow part: Argon2id runs only for a sign-up that can succeed, and
  // outside the write lock (the write checks again).
  db_.Read([&](db::Connection& c) {
    check(c);
    return 0;
  });
  row.signup_password_hash = core::HashPassword(in.password);
  int64_t id = db_.Write([&](db::Connection& c) {
    check(c);
    row.organization_id = organizations.front();
    int64_t new_id = InsertVolunteer(c, row);
    for (int64_t org : organizations) {
      InsertMembership(c, org, new_id, "pending", std::nullopt);
    }
    audit::Changes changes;
    changes.Set("name", row.name).Set("organization_ids", organizations).Sensitive("id_number").Sensitive("phone");
    audit::Record(c, audit::Actor{std::nullopt, "", "", ""},
                  {"volunteer.sign_up", "volunteer", std::to_string(new_id), row.organization_id, changes.json()});
    return new_id;
  });
  return {{"id", id}, {"status", "applicant"}};
}

nlohmann::json VolunteerService::List(const access::Principal& p, VolunteerFilter filter, const http::Page& page) {
  access::Require(p, perm::kVolunteersRead);
  filter.organization_id = p.HasPlatform(perm::kVolunteersRead) ? 0 : CallerOrganization(p, perm::kVolunteersRead);
  core::FieldErrors errors;
  if (!filter.status.empty() && filter.status != "applicant" && filter.status != "active" && filter.status != "paused" &&
      filter.status != "left") {
    errors.Add("status", "invalid");
  }
  if (!filter.membership.empty() && filter.membership != "pending" && filter.membership != "approved" &&
      filter.membership != "rejected") {
    errors.Add("membership", "invalid");
  }
  if (!filter.skill.empty() && !IsIn(Skills(), filter.skill)) {
    errors.Add("skill", "invalid");
  }
  if (!filter.district.empty() && !divisions_.IsDistrict(filter.district)) {
    errors.Add("district", "unknown");
  }
  if (core::Utf8Length(filter.q) > 50) {
    errors.Add("q", "too_long");
  }
  errors.ThrowIfAny();
  std::string today = core::TodayShanghai();
  return db_.Read([&](db::Connection& c) {
    auto rows = ListVolunteers(c, filter, page.per, page.Offset());
    for (auto& r : rows) {
      r["skills"] = nlohmann::json::parse(r["skills"].get<std::string>());
      r["languages"] = nlohmann::json::parse(r["languages"].get<std::string>());
      r["age"] = AgeOn(r["birth_date"].get<std::string>(), today);
      std::string checked = r["background_check_on"].is_string() ? r["background_check_on"].get<std::string>() : "";
      r["background_check"] = {{"status", r["background_check_status"]},
                               {"checked_on", r["background_check_on"]},
                               {"valid", BackgroundCheckValid(r["background_check_status"].get<std::string>(), checked, today)}};
      r.erase("background_check_status");
      r.erase("background_check_on");
    }
    return http::ListBody(std::move(rows), CountVolunteers(c, filter), page);
  });
}

nlohmann::json VolunteerService::Create(const access::Principal& p, const nlohmann::json& body) {
  int64_t org = CallerOrganization(p, perm::kVolunteersManage);
  std::string today = core::TodayShanghai();
  core::FieldErrors errors;
  VolunteerInput in = ParseVolunteerInput(body, today, divisions_, InputMode::kCreate, errors);
  std::string username = CheckAccount(in, errors);
  errors.ThrowIfAny();
  std::string hash = in.password.empty() ? "" : core::HashPassword(in.password);
  VolunteerRow row = RowFrom(in);
  row.organization_id = org;
  row.status = "active";
  Seal(row, in);
  int64_t id = db_.Write([&](db::Connection& c) {
    if (!username.empty() && (accounts::FindUserByUsername(c, username) || SignupUsernameTaken(c, username))) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "username already taken", {{"username", "duplicate"}});
    }
    if (row.id_number_bidx && VolunteerByIdIndex(c, *row.id_number_bidx)) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "this person already has a volunteer profile",
                        {{"id_number", "duplicate"}});
    }
    int64_t new_id = InsertVolunteer(c, row);
    InsertMembership(c, org, new_id, "approved", p.user_id);
    if (!username.empty()) {
      row.id = new_id;
      SetVolunteerUser(c, new_id, CreateAccount(c, row, org, username, hash));
    }
    audit::Changes changes;
    changes.Set("name", row.name).Set("account", !username.empty()).Sensitive("id_number").Sensitive("phone");
    audit::Record(c, audit::ActorOf(p), {"volunteer.create", "volunteer", std::to_string(new_id), org, changes.json()});
    return new_id;
  });
  return GetAfterWrite(p, id);
}

int64_t VolunteerService::CreateAccount(db::Connection& c, const VolunteerRow& v, int64_t organization_id,
                                        const std::string& username, const std::string& password_hash) const {
  if (accounts::FindUserByUsername(c, username)) {
    throw core::Error(core::ErrorKind::kConflict, "duplicate", "username already taken", {{"username", "duplicate"}});
  }
  accounts::User u;
  u.username = username;
  u.display_name = v.name;
  u.password_hash = password_hash;
  u.organization_id = organization_id;
  u.status = "active";
  u.must_change_password = false;  // the volunteer chose it at sign-up
  int64_t user_id = accounts::InsertUser(c, u);
  accounts::ReplaceRoles(c, user_id, organization_id,
                         {access::RoleAssignment{"volunteer", std::string(access::kScopeOrganization),
                                                 std::to_string(organization_id)}});
  return user_id;
}

void VolunteerService::AddVolunteerRole(db::Connection& c, int64_t user_id, int64_t organization_id) const {
  auto user = accounts::FindUserById(c, user_id);
  if (!user) {
    return;
  }
  access::RoleAssignment role{"volunteer", std::string(access::kScopeOrganization), std::to_string(organization_id)};
  if (std::find(user->roles.begin(), user->roles.end(), role) == user->roles.end()) {
    user->roles.push_back(role);
    accounts::ReplaceRoles(c, user_id, user->organization_id, user->roles);
  }
}

nlohmann::json VolunteerService::Get(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) {
    auto v = Authorized(c, p, id, perm::kVolunteersRead);
    return ProfileJson(c, v, p.organization_id.value_or(0));
  });
}

nlohmann::json VolunteerService::Update(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  core::JsonReader head(body);
  std::optional<int64_t> version = head.Int("version", true, 1, INT64_MAX);
  core::FieldErrors errors;
  VolunteerInput in = ParseVolunteerInput(body, core::TodayShanghai(), divisions_, InputMode::kPatch, errors);
  for (const char* locked : {"id_number", "birth_date", "gender"}) {
    if (in.Has(locked)) {
      errors.Add(locked, "read_only");  // identity fields are fixed once verified
    }
  }
  for (const auto& e : head.errors().list()) {
    errors.Add(e.field, e.code);
  }
  db_.Write([&](db::Connection& c) {
    VolunteerRow row = Authorized(c, p, id, perm::kVolunteersManage);
    if (in.Has("district_code") != in.Has("street_code")) {
      errors.Add(in.Has("street_code") ? "district_code" : "street_code", "required");  // they change together
    }
    errors.ThrowIfAny();
    VolunteerRow before = row;
    if (in.Has("name")) row.name = in.name;
    if (in.Has("district_code")) row.district_code = in.district_code;
    if (in.Has("street_code")) row.street_code = in.street_code;
    if (in.Has("skills")) row.skills_mask = in.skills_mask;
    if (in.Has("languages")) row.languages_mask = in.languages_mask;
    if (in.Has("availability")) row.availability_mask = in.availability_mask;
    if (in.Has("works_with_minors")) row.works_with_minors = in.works_with_minors;
    Seal(row, in);
    if (!UpdateVolunteerProfile(c, row, *version)) {
      throw core::Error(core::ErrorKind::kConflict, "version_conflict", "the volunteer changed meanwhile; reload it",
                        {{"version", "stale"}});
    }
    audit::Changes changes;
    changes.Diff("name", before.name, row.name)
        .Diff("street_code", before.street_code, row.street_code)
        .Diff("skills", CodesOf(before.skills_mask, Skills()), CodesOf(row.skills_mask, Skills()))
        .Diff("languages", CodesOf(before.languages_mask, Languages()), CodesOf(row.languages_mask, Languages()))
        .Diff("availability", CodesOf(before.availability_mask, Slots()), CodesOf(row.availability_mask, Slots()))
        .Diff("works_with_minors", before.works_with_minors, row.works_with_minors);
    if (in.Has("phone")) {
      changes.Sensitive("phone");
    }
    audit::Record(c, audit::ActorOf(p), {"volunteer.update", "volunteer", std::to_string(id), p.organization_id,
                                         changes.json()});
  });
  return GetAfterWrite(p, id);
}

nlohmann::json VolunteerService::Approve(const access::Principal& p, int64_t id) {
  int64_t org = CallerOrganization(p, perm::kVolunteersManage);
  db_.Write([&](db::Connection& c) {
    VolunteerRow v = Authorized(c, p, id, perm::kVolunteersManage);
    if (!DecideMembership(c, org, id, "approved", p.user_id, "")) {
      throw core::Error::Conflict("not_pending", "there is no pending membership of this volunteer here");
    }
    if (v.status == "applicant") {
      SetVolunteerStatus(c, id, "active");
    }
    bool account = false;
    if (!v.user_id && !v.signup_username.empty() && !v.signup_password_hash.empty()) {
      SetVolunteerUser(c, id, CreateAccount(c, v, org, v.signup_username, v.signup_password_hash));
      account = true;
    } else if (v.user_id) {
      AddVolunteerRole(c, *v.user_id, org);
    }
    audit::Changes changes;
    changes.Diff("membership", "pending", "approved").Set("account_created", account);
    audit::Record(c, audit::ActorOf(p), {"volunteer.approve", "volunteer", std::to_string(id), org, changes.json()});
  });
  return GetAfterWrite(p, id);
}

nlohmann::json VolunteerService::Reject(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  int64_t org = CallerOrganization(p, perm::kVolunteersManage);
  core::JsonReader in(body);
  std::string reason = in.String("reason", true, 200);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    Authorized(c, p, id, perm::kVolunteersManage);
    if (!DecideMembership(c, org, id, "rejected", p.user_id, reason)) {
      throw core::Error::Conflict("not_pending", "there is no pending membership of this volunteer here");
    }
    audit::Changes changes;
    changes.Diff("membership", "pending", "rejected").Set("reason", reason);
    audit::Record(c, audit::ActorOf(p), {"volunteer.reject", "volunteer", std::to_string(id), org, changes.json()});
  });
  return GetAfterWrite(p, id);
}

nlohmann::json VolunteerService::SetSafeguarding(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  std::string today = core::TodayShanghai();
  core::JsonReader in(body);
  // A date field left out keeps its value; null or "" clears it.
  auto date = [&](const char* field) -> std::optional<std::optional<std::string>> {
    if (!body.contains(field)) {
      return std::nullopt;
    }
    std::string d = in.Date(field, false);
    if (!d.empty() && d > today) {
      in.Add(field, "out_of_range");
    }
    return d.empty() ? std::optional<std::string>() : std::optional(d);
  };
  auto training = date("training_completed_on");
  std::string status = in.OneOf("background_check_status", true, {"none", "pending", "passed", "failed"});
  auto checked = date("background_check_on");
  auto agreement = date("agreement_signed_on");
  if ((status == "passed" || status == "failed") && (!checked || !*checked)) {
    bool bad_format = false;
    for (const auto& e : in.errors().list()) {
      bad_format = bad_format || e.field == "background_check_on";
    }
    if (!bad_format) {
      in.Add("background_check_on", "required");  // a result without a date cannot expire
    }
  }
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    VolunteerRow v = Authorized(c, p, id, perm::kVolunteersManage);
    VolunteerRow before = v;
    if (training) v.training_completed_on = *training;
    if (agreement) v.agreement_signed_on = *agreement;
    v.background_check_status = status;
    if (status == "none") {
      v.background_check_on = std::nullopt;
    } else if (checked) {
      v.background_check_on = *checked;
    }
    volunteers::SetSafeguarding(c, v);
    audit::Changes changes;
    changes.Diff("training_completed_on", OptDate(before.training_completed_on), OptDate(v.training_completed_on))
        .Diff("background_check_status", before.background_check_status, v.background_check_status)
        .Diff("background_check_on", OptDate(before.background_check_on), OptDate(v.background_check_on))
        .Diff("agreement_signed_on", OptDate(before.agreement_signed_on), OptDate(v.agreement_signed_on));
    audit::Record(c, audit::ActorOf(p), {"volunteer.safeguarding", "volunteer", std::to_string(id), p.organization_id,
                                         changes.json()});
  });
  return GetAfterWrite(p, id);
}

nlohmann::json VolunteerService::SetStatus(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string status = in.OneOf("status", true, {"active", "paused", "left"});
  std::string reason = in.String("reason", true, 200);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    VolunteerRow v = Authorized(c, p, id, perm::kVolunteersManage);
    if (v.status == "applicant") {
      throw core::Error::Conflict("not_approved", "approve the volunteer's membership first");
    }
    if (v.status == status) {
      throw core::Error(core::ErrorKind::kConflict, "unchanged", "the volunteer is already " + status,
                        {{"status", "unchanged"}});
    }
    SetVolunteerStatus(c, id, status);
    audit::Changes changes;
    changes.Diff("status", v.status, status).Set("reason", reason);
    audit::Record(c, audit::ActorOf(p), {"volunteer.status", "volunteer", std::to_string(id), p.organization_id,
                                         changes.json()});
  });
  return GetAfterWrite(p, id);
}

nlohmann::json VolunteerService::Reveal(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  core::JsonReader in(body);
  std::string reason = in.String("reason", true, 200);
  if (!reason.empty() && core::Utf8Length(reason) < 2) {
    in.Add("reason", "too_short");
  }
  std::vector<std::string> fields =
      in.Has("fields") ? in.StringArray("fields", 2, 16) : std::vector<std::string>{"id_number", "phone"};
  for (const auto& f : fields) {
    if (f != "id_number" && f != "phone") {
      in.Add("fields", "invalid");
      break;
    }
  }
  in.ThrowIfAny();
  nlohmann::json out = {{"id", id}};
  // Authorized, recorded and read in one transaction: no audit row, no values.
  db_.Write([&](db::Connection& c) {
    VolunteerRow v = Authorized(c, p, id, perm::kVolunteersManage);
    auto open = [&](const std::string& stored, std::string_view aad) -> nlohmann::json {
      if (stored.empty()) {
        return nullptr;
      }
      auto clear = cipher_.Decrypt(stored, aad);
      if (!clear) {
        throw std::runtime_error("cannot decrypt " + std::string(aad) + " of volunteer " + std::to_string(id));
      }
      return *clear;
    };
    for (const auto& f : fields) {
      out[f] = open(f == "id_number" ? v.id_number_enc : v.phone_enc, f == "id_number" ? kIdNumberAad : kPhoneAad);
    }
    audit::Record(c, audit::ActorOf(p),
                  {"volunteer.reveal", "volunteer", std::to_string(id), p.organization_id,
                   {{"fields", {{"from", nullptr}, {"to", fields}}}, {"reason", {{"from", nullptr}, {"to", reason}}}}});
  });
  return out;
}

nlohmann::json VolunteerService::Professionals(const access::Principal& p) {
  int64_t org = CallerOrganization(p, perm::kVolunteersRead);
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", ListProfessionals(c, org)}}; });
}

nlohmann::json VolunteerService::AddProfessional(const access::Principal& p, const nlohmann::json& body) {
  if (!p.organization_id || !(p.Covers(perm::kPairingsManage, access::OrganizationOnly(*p.organization_id)) ||
                              p.Covers(perm::kVolunteersManage, access::OrganizationOnly(*p.organization_id)))) {
    throw core::Error::Forbidden("missing permission pairings.manage");
  }
  int64_t org = *p.organization_id;
  core::JsonReader in(body);
  nlohmann::json row;
  row["name"] = in.String("name", true, 50);
  row["profession"] = in.OneOf("profession", true, {"counsellor", "rehabilitation_therapist", "doctor", "lawyer",
                                                    "teacher", "other"});
  row["qualification"] = in.String("qualification", true, 100);
  row["qualification_number"] = in.String("qualification_number", false, 64);
  row["employer"] = in.String("employer", false, 100);
  std::string phone = in.String("phone", false, 32);
  if (!phone.empty()) {
    phone = core::NormalizeMobile(phone);
    if (!core::IsValidMobile(phone)) {
      in.Add("phone", "format");
    }
  }
  in.ThrowIfAny();
  row["phone_enc"] = phone.empty() ? "" : cipher_.Encrypt(phone, kProfessionalPhoneAad);
  row["phone_masked"] = phone.empty() ? "" : core::MaskPhone(phone);
  return db_.Write([&](db::Connection& c) {
    int64_t id = InsertProfessional(c, org, row, p.user_id);
    audit::Changes changes;
    changes.Set("name", row["name"]).Set("profession", row["profession"]);
    if (!phone.empty()) {
      changes.Sensitive("phone");
    }
    audit::Record(c, audit::ActorOf(p), {"professional.create", "professional", std::to_string(id), org, changes.json()});
    return *FindProfessional(c, id);
  });
}

nlohmann::json VolunteerService::Hours(const access::Principal& p, int64_t id, const std::string& from,
                                       const std::string& to) {
  core::FieldErrors errors;
  CheckPeriod(from, to, errors);
  errors.ThrowIfAny();
  return db_.Read([&](db::Connection& c) {
    Authorized(c, p, id, perm::kVolunteersRead);
    auto m = VolunteerMinutes(c, id, from, to);
    return nlohmann::json{{"volunteer_id", id},
                          {"from", from},
                          {"to", to},
                          {"confirmed_minutes", m.confirmed},
                          {"pending_minutes", m.pending},
                          {"hours", core::Hours(m.confirmed)},
                          {"by_organization", MinutesByOrganization(c, id, from, to)},
                          {"by_project", MinutesByProject(c, id, from, to)},
                          {"by_month", MinutesByMonth(c, id, from, to)}};
  });
}

nlohmann::json VolunteerService::OrganizationHours(const access::Principal& p, const std::string& from,
                                                   const std::string& to, const std::string& group) {
  int64_t org = CallerOrganization(p, perm::kVolunteersRead);
  core::FieldErrors errors;
  CheckPeriod(from, to, errors);
  if (group != "volunteer" && group != "project" && group != "month") errors.Add("group", "invalid");
  errors.ThrowIfAny();
  return db_.Read([&](db::Connection& c) {
    nlohmann::json rows = OrganizationMinutes(c, org, group, from, to);
    int64_t total = 0;
    for (const auto& r : rows) {
      total += r["minutes"].get<int64_t>();
    }
    return nlohmann::json{{"data", rows}, {"total_minutes", total}, {"group", group}};
  });
}

nlohmann::json VolunteerService::IssueCertificate(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  std::string today = core::TodayShanghai();
  core::JsonReader in(body);
  std::string from = in.Date("from", true);
  std::string to = in.Date("to", true);
  if (!from.empty() && !to.empty() && to < from) {
    in.Add("to", "before_from");
  } else if (!to.empty() && to > today) {
    in.Add("to", "out_of_range");
  }
  std::optional<int64_t> asked_org = in.Int("organization_id", false, 1, INT64_MAX);
  in.ThrowIfAny();
  nlohmann::json cert = db_.Write([&](db::Connection& c) {
    auto v = FindVolunteer(c, id);
    bool self = v && v->user_id && *v->user_id == p.user_id && p.Has(perm::kVolunteeringSelf);
    VolunteerRow row = Authorized(c, p, id, self ? perm::kVolunteeringSelf : perm::kVolunteersManage);
    int64_t org = 0;
    auto approved = ApprovedOrganizations(c, id);
    if (self) {
      org = asked_org.value_or(approved.empty() ? 0 : approved.front());
    } else {
      org = CallerOrganization(p, perm::kVolunteersManage);
    }
    if (std::find(approved.begin(), approved.end(), org) == approved.end()) {
      throw core::Error::Validation({{"organization_id", "not_member"}});
    }
    auto minutes = VolunteerMinutes(c, id, from, to, org);
    if (minutes.confirmed == 0) {
      throw core::Error::Validation({{"to", "no_hours"}});
    }
    nlohmann::json out = {{"organization_id", org}, {"volunteer_id", id},      {"code", NewCertificateCode()},
                          {"from", from},           {"to", to},                {"minutes", minutes.confirmed},
                          {"issued_by", p.user_id}, {"issued_on", today}};
    out["id"] = InsertCertificate(c, out);
    audit::Record(c, audit::ActorOf(p),
                  {"certificate.issue", "volunteer", std::to_string(id), org,
                   {{"code", {{"from", nullptr}, {"to", out["code"]}}},
                    {"minutes", {{"from", nullptr}, {"to", minutes.confirmed}}}}});
    (void)row;
    return out;
  });
  cert["hours"] = core::Hours(cert["minutes"].get<int64_t>());
  cert.erase("issued_by");
  return cert;
}

nlohmann::json VolunteerService::Certificates(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) {
    Authorized(c, p, id, perm::kVolunteersRead);
    nlohmann::json rows = ListCertificates(c, id);
    for (auto& r : rows) {
      r["hours"] = core::Hours(r["minutes"].get<int64_t>());
    }
    return nlohmann::json{{"data", rows}};
  });
}

nlohmann::json VolunteerService::VerifyCertificate(const std::string& code) {
  auto cert = db_.Read([&](db::Connection& c) { return FindCertificate(c, code); });
  if (!cert) {
    throw core::Error::NotFound("certificate");
  }
  return {{"code", (*cert)["code"]},
          {"volunteer_name", MaskName((*cert)["volunteer_name"].get<std::string>())},
          {"organization", (*cert)["organization_name"]},
          {"from", (*cert)["from"]},
          {"to", (*cert)["to"]},
          {"minutes", (*cert)["minutes"]},
          {"hours", core::Hours((*cert)["minutes"].get<int64_t>())},
          {"issued_on", (*cert)["issued_on"]}};
}

std::string VolunteerService::CertificatePdf(const access::Principal& p, const std::string& code) {
  auto cert = db_.Read([&](db::Connection& c) -> nlohmann::json {
    auto found = FindCertificate(c, code);
    if (!found) {
      throw core::Error::NotFound("certificate");
    }
    Authorized(c, p, (*found)["volunteer_id"].get<int64_t>(), perm::kVolunteersRead);
    return *found;
  });
  CertificateText text;
  text.volunteer_name = cert["volunteer_name"].get<std::string>();
  text.organization_name = cert["organization_name"].get<std::string>();
  text.from = cert["from"].get<std::string>();
  text.to = cert["to"].get<std::string>();
  text.hours = HoursText(cert["minutes"].get<int64_t>());
  text.code = cert["code"].get<std::string>();
  text.issued_on = cert["issued_on"].get<std::string>();
  return RenderCertificatePdf(text);
}

}  // namespace bangyi::volunteers
