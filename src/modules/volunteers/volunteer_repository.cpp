#include "modules/volunteers/volunteer_repository.hpp"

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace bangyi::volunteers {

namespace {

constexpr std::string_view kColumns =
    "SELECT id, organization_id, user_id, name, gender, birth_date, id_number_enc, id_number_bidx, id_number_masked,"
    " phone_enc, phone_masked, district_code, street_code, skills_mask, languages_mask, availability_mask,"
    " works_with_minors, motivation, status, signup_username, signup_password_hash, training_completed_on,"
    " background_check_status, background_check_on, agreement_signed_on, version, created_at, updated_at"
    " FROM volunteers";
const std::string kFind = std::string(kColumns) + " WHERE id = $1";
const std::string kFindByUser = std::string(kColumns) + " WHERE user_id = $1";
constexpr std::string_view kByIdIndex = "SELECT id FROM volunteers WHERE id_number_bidx = $1";
constexpr std::string_view kUsernameTaken =
    "SELECT 1 FROM volunteers WHERE signup_username = $1 AND user_id IS NULL AND status <> 'left'";
constexpr std::string_view kInsert =
    "INSERT INTO volunteers (organization_id, user_id, name, gender, birth_date, id_number_enc, id_number_bidx,"
    " id_number_masked, phone_enc, phone_masked, district_code, street_code, skills, skills_mask, languages,"
    " languages_mask, availability, availability_mask, works_with_minors, motivation, status, signup_username,"
    " signup_password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
    " $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24) RETURNING id";
constexpr std::string_view kUpdateProfile =
    "UPDATE volunteers SET name = $3, phone_enc = $4, phone_masked = $5, district_code = $6, street_code = $7,"
    " skills = $8, skills_mask = $9, languages = $10, languages_mask = $11, availability = $12,"
    " availability_mask = $13, works_with_minors = $14, version = version + 1, updated_at = $15"
    " WHERE id = $1 AND version = $2";
constexpr std::string_view kLock = "UPDATE volunteers SET version = version WHERE id = $1";
constexpr std::string_view kSetStatus =
    "UPDATE volunteers SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1";
constexpr std::string_view kSetSafeguarding =
    "UPDATE volunteers SET training_completed_on = $2, background_check_status = $3, background_check_on = $4,"
    " agreement_signed_on = $5, version = version + 1, updated_at = $6 WHERE id = $1";
constexpr std::string_view kSetUser =
    "UPDATE volunteers SET user_id = $2, signup_password_hash = '', updated_at = $3 WHERE id = $1";

// The list: $1 organization (0 all), $2 status, $3 membership, $4 name LIKE, $5 skill bit, $6 district.
#define BANGYI_VOLUNTEER_WHERE                                                                                     \
  " FROM volunteers v WHERE (CAST($1 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM volunteer_memberships m WHERE m.volunteer_id = v.id" \
  " AND m.organization_id = $1 AND ($3 = '' OR m.status = $3))) AND ($2 = '' OR v.status = $2)"                  \
  " AND ($4 = '' OR v.name LIKE $4 ESCAPE '\\') AND (CAST($5 AS BIGINT) = 0 OR (v.skills_mask & $5) <> 0)"                        \
  " AND ($6 = '' OR v.district_code = $6)"
constexpr std::string_view kList =
    "SELECT v.id, v.name, v.gender, v.birth_date, v.district_code, v.street_code, v.skills, v.languages, v.status,"
    " v.background_check_status, v.background_check_on,"
    " (SELECT m.status FROM volunteer_memberships m WHERE m.volunteer_id = v.id AND m.organization_id = $1)"
    " AS membership_status,"
    " (SELECT COUNT(*) FROM pairings p WHERE p.volunteer_id = v.id AND p.status IN ('proposed', 'active', 'paused'))"
    " AS active_pairings,"
    " (SELECT CAST(COALESCE(SUM(pv.duration_minutes), 0) AS BIGINT) FROM pairing_visits pv WHERE pv.volunteer_id = v.id"
    " AND pv.status = 'confirmed') AS confirmed_minutes" BANGYI_VOLUNTEER_WHERE
    " ORDER BY v.id DESC LIMIT $7 OFFSET $8";
constexpr std::string_view kCount = "SELECT COUNT(*) AS n" BANGYI_VOLUNTEER_WHERE;
#undef BANGYI_VOLUNTEER_WHERE

constexpr std::string_view kInsertMembership =
    "INSERT INTO volunteer_memberships (organization_id, volunteer_id, status, requested_at, decided_by, decided_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kMembershipStatus =
    "SELECT status FROM volunteer_memberships WHERE organization_id = $1 AND volunteer_id = $2";
constexpr std::string_view kDecideMembership =
    "UPDATE volunteer_memberships SET status = $3, decided_by = $4, decided_at = $5, reason = $6"
    " WHERE organization_id = $1 AND volunteer_id = $2 AND status = 'pending'";
constexpr std::string_view kMemberships =
    "SELECT m.organization_id, o.name AS organization_name, m.status, m.requested_at, m.decided_at, m.reason"
    " FROM volunteer_memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.volunteer_id = $1"
    " ORDER BY m.requested_at, m.organization_id";
constexpr std::string_view kApprovedOrganizations =
    "SELECT organization_id FROM volunteer_memberships WHERE volunteer_id = $1 AND status = 'approved'"
    " ORDER BY organization_id";

// The suggestion pool in one pass, integers only: place against the family's street ($4) and
// district ($5), the three safeguarding facts as bits ($2/$3 bound the valid background-check
// dates), open pairings counted once per volunteer by a grouped join.
constexpr std::string_view kCandidates =
    "SELECT v.id, CASE WHEN v.street_code = $4 THEN 0 WHEN v.district_code = $5 THEN 1 ELSE 2 END AS place,"
    " v.skills_mask, v.languages_mask, v.availability_mask,"
    " CASE WHEN v.training_completed_on IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN v.agreement_signed_on IS NULL THEN 0 ELSE 2 END"
    " + CASE WHEN v.background_check_status = 'passed' AND v.background_check_on >= $2"
    " AND v.background_check_on <= $3 THEN 4 ELSE 0 END AS safeguarding, COALESCE(p.n, 0) AS open_pairings"
    " FROM volunteer_memberships m JOIN volunteers v ON v.id = m.volunteer_id"
    " LEFT JOIN (SELECT volunteer_id, COUNT(*) AS n FROM pairings WHERE status IN ('proposed', 'active', 'paused')"
    " GROUP BY volunteer_id) p ON p.volunteer_id = v.id"
    " WHERE m.organization_id = $1 AND m.status = 'approved' AND v.status = 'active'";
constexpr std::string_view kOpenPairings =
    "SELECT COUNT(*) AS n FROM pairings WHERE volunteer_id = $1 AND status IN ('proposed', 'active', 'paused')";

constexpr std::string_view kInsertProfessional =
    "INSERT INTO professionals (organization_id, name, profession, qualification, qualification_number, employer,"
    " phone_enc, phone_masked, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr std::string_view kProfessionalColumns =
    "SELECT id, organization_id, name, profession, qualification, qualification_number, employer, phone_masked,"
    " created_at FROM professionals";
const std::string kFindProfessional = std::string(kProfessionalColumns) + " WHERE id = $1";
const std::string kProfessionals = std::string(kProfessionalColumns) + " WHERE organization_id = $1 ORDER BY name, id";

constexpr std::string_view kPublicOrganizations =
    "SELECT id, name, registered_district AS district_code FROM organizations WHERE status = 'active'"
    " AND org_type <> 'foundation' AND ($1 = '' OR registered_district = $1) ORDER BY registered_district, name";
constexpr std::string_view kActiveOrganization =
    "SELECT id FROM organizations WHERE id = $1 AND status = 'active' AND org_type <> 'foundation'";

// Visits in a period: $1 volunteer, $2 from, $3 to ('' open).
#define BANGYI_PERIOD " AND ($2 = '' OR pv.visited_on >= $2) AND ($3 = '' OR pv.visited_on <= $3)"
constexpr std::string_view kMinutes =
    "SELECT CAST(COALESCE(SUM(CASE WHEN pv.status = 'confirmed' THEN pv.duration_minutes ELSE 0 END), 0) AS BIGINT) AS confirmed,"
    " CAST(COALESCE(SUM(CASE WHEN pv.status <> 'confirmed' THEN pv.duration_minutes ELSE 0 END), 0) AS BIGINT) AS pending"
    " FROM pairing_visits pv WHERE pv.volunteer_id = $1" BANGYI_PERIOD " AND (CAST($4 AS BIGINT) = 0 OR pv.organization_id = $4)";
constexpr std::string_view kByOrganization =
    "SELECT pv.organization_id, o.name, CAST(SUM(pv.duration_minutes) AS BIGINT) AS minutes FROM pairing_visits pv"
    " JOIN organizations o ON o.id = pv.organization_id WHERE pv.volunteer_id = $1 AND pv.status = 'confirmed'"
    BANGYI_PERIOD " GROUP BY pv.organization_id, o.name ORDER BY pv.organization_id";
constexpr std::string_view kByProject =
    "SELECT pv.project_id, p.name, CAST(SUM(pv.duration_minutes) AS BIGINT) AS minutes FROM pairing_visits pv"
    " JOIN projects p ON p.id = pv.project_id WHERE pv.volunteer_id = $1 AND pv.status = 'confirmed'"
    BANGYI_PERIOD " GROUP BY pv.project_id, p.name ORDER BY pv.project_id";
constexpr std::string_view kByMonth =
    "SELECT substr(pv.visited_on, 1, 7) AS month, CAST(SUM(pv.duration_minutes) AS BIGINT) AS minutes FROM pairing_visits pv"
    " WHERE pv.volunteer_id = $1 AND pv.status = 'confirmed'" BANGYI_PERIOD
    " GROUP BY substr(pv.visited_on, 1, 7) ORDER BY 1";
#define BANGYI_ORG_CONFIRMED " WHERE pv.organization_id = $1 AND pv.status = 'confirmed'" BANGYI_PERIOD
constexpr std::string_view kOrgByVolunteer =
    "SELECT CAST(pv.volunteer_id AS TEXT) AS key, v.name AS label, CAST(SUM(pv.duration_minutes) AS BIGINT) AS minutes"
    " FROM pairing_visits pv JOIN volunteers v ON v.id = pv.volunteer_id" BANGYI_ORG_CONFIRMED
    " GROUP BY pv.volunteer_id, v.name ORDER BY 3 DESC, 1";
constexpr std::string_view kOrgByProject =
    "SELECT COALESCE(CAST(pv.project_id AS TEXT), '') AS key, COALESCE(p.name, '') AS label,"
    " CAST(SUM(pv.duration_minutes) AS BIGINT) AS minutes FROM pairing_visits pv LEFT JOIN projects p ON p.id = pv.project_id"
    BANGYI_ORG_CONFIRMED " GROUP BY pv.project_id, p.name ORDER BY 3 DESC, 1";
constexpr std::string_view kOrgByMonth =
    "SELECT substr(pv.visited_on, 1, 7) AS key, substr(pv.visited_on, 1, 7) AS label,"
    " CAST(SUM(pv.duration_minutes) AS BIGINT) AS minutes FROM pairing_visits pv" BANGYI_ORG_CONFIRMED
    " GROUP BY substr(pv.visited_on, 1, 7) ORDER BY 1";
#undef BANGYI_ORG_CONFIRMED
#undef BANGYI_PERIOD

constexpr std::string_view kInsertCertificate =
    "INSERT INTO volunteer_certificates (organization_id, volunteer_id, code, period_from, period_to, minutes,"
    " issued_by, issued_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kCertificateColumns =
    "SELECT c.id, c.code, c.volunteer_id, c.organization_id, o.name AS organization_name, v.name AS volunteer_name,"
    " c.period_from AS \"from\", c.period_to AS \"to\", c.minutes, c.issued_on FROM volunteer_certificates c"
    " JOIN organizations o ON o.id = c.organization_id JOIN volunteers v ON v.id = c.volunteer_id";
const std::string kCertificates = std::string(kCertificateColumns) + " WHERE c.volunteer_id = $1 ORDER BY c.id DESC";
const std::string kFindCertificate = std::string(kCertificateColumns) + " WHERE c.code = $1";

VolunteerRow FromRow(const db::Row& r) {
  VolunteerRow v;
  v.id = r.Int("id");
  v.organization_id = r.Int("organization_id");
  v.user_id = r.OptInt("user_id");
  v.name = r.Text("name");
  v.gender = r.Text("gender");
  v.birth_date = r.Text("birth_date");
  v.id_number_enc = r.Text("id_number_enc");
  v.id_number_bidx = r.OptText("id_number_bidx");
  v.id_number_masked = r.Text("id_number_masked");
  v.phone_enc = r.Text("phone_enc");
  v.phone_masked = r.Text("phone_masked");
  v.district_code = r.Text("district_code");
  v.street_code = r.Text("street_code");
  v.skills_mask = static_cast<uint64_t>(r.Int("skills_mask"));
  v.languages_mask = static_cast<uint64_t>(r.Int("languages_mask"));
  v.availability_mask = static_cast<uint64_t>(r.Int("availability_mask"));
  v.works_with_minors = r.Int("works_with_minors") != 0;
  v.motivation = r.Text("motivation");
  v.status = r.Text("status");
  v.signup_username = r.Text("signup_username");
  v.signup_password_hash = r.Text("signup_password_hash");
  v.training_completed_on = r.OptText("training_completed_on");
  v.background_check_status = r.Text("background_check_status");
  v.background_check_on = r.OptText("background_check_on");
  v.agreement_signed_on = r.OptText("agreement_signed_on");
  v.version = r.Int("version");
  v.created_at = r.Text("created_at");
  v.updated_at = r.Text("updated_at");
  return v;
}

std::string ListJson(uint64_t mask, const std::vector<std::string>& vocabulary) {
  return nlohmann::json(CodesOf(mask, vocabulary)).dump();
}

db::Params FilterParams(const VolunteerFilter& f) {
  uint64_t skill = f.skill.empty() ? 0 : MaskOf({f.skill}, Skills());
  return {f.organization_id, f.status, f.membership, db::LikeContains(f.q), static_cast<int64_t>(skill), f.district};
}

db::Value Opt(const std::optional<std::string>& v) { return db::Nullable(v); }

}  // namespace

int64_t InsertVolunteer(db::Connection& c, const VolunteerRow& v) {
  return c.QueryOne(kInsert, {v.organization_id, db::Nullable(v.user_id), v.name, v.gender, v.birth_date,
                              v.id_number_enc, Opt(v.id_number_bidx), v.id_number_masked, v.phone_enc, v.phone_masked,
                              v.district_code, v.street_code, ListJson(v.skills_mask, Skills()),
                              static_cast<int64_t>(v.skills_mask), ListJson(v.languages_mask, Languages()),
                              static_cast<int64_t>(v.languages_mask), ListJson(v.availability_mask, Slots()),
                              static_cast<int64_t>(v.availability_mask), int64_t{v.works_with_minors ? 1 : 0},
                              v.motivation, v.status, v.signup_username, v.signup_password_hash, core::NowIso()})
      ->Int("id");
}

std::optional<VolunteerRow> FindVolunteer(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFind, {id});
  return r ? std::optional(FromRow(*r)) : std::nullopt;
}

std::optional<VolunteerRow> FindVolunteerByUser(db::Connection& c, int64_t user_id) {
  auto r = c.QueryOne(kFindByUser, {user_id});
  return r ? std::optional(FromRow(*r)) : std::nullopt;
}

std::optional<int64_t> VolunteerByIdIndex(db::Connection& c, const std::string& bidx) {
  auto r = c.QueryOne(kByIdIndex, {bidx});
  return r ? std::optional(r->Int("id")) : std::nullopt;
}

bool SignupUsernameTaken(db::Connection& c, const std::string& username) {
  return c.QueryOne(kUsernameTaken, {username}).has_value();
}

bool UpdateVolunteerProfile(db::Connection& c, const VolunteerRow& v, int64_t version) {
  return c.Execute(kUpdateProfile,
                   {v.id, version, v.name, v.phone_enc, v.phone_masked, v.district_code, v.street_code,
                    ListJson(v.skills_mask, Skills()), static_cast<int64_t>(v.skills_mask),
                    ListJson(v.languages_mask, Languages()), static_cast<int64_t>(v.languages_mask),
                    ListJson(v.availability_mask, Slots()), static_cast<int64_t>(v.availability_mask),
                    int64_t{v.works_with_minors ? 1 : 0}, core::NowIso()}) == 1;
}

bool LockVolunteer(db::Connection& c, int64_t id) { return c.Execute(kLock, {id}) == 1; }

void SetVolunteerStatus(db::Connection& c, int64_t id, const std::string& status) {
  c.Execute(kSetStatus, {id, status, core::NowIso()});
}

void SetSafeguarding(db::Connection& c, const VolunteerRow& v) {
  c.Execute(kSetSafeguarding, {v.id, Opt(v.training_completed_on), v.background_check_status,
                               Opt(v.background_check_on), Opt(v.agreement_signed_on), core::NowIso()});
}

void SetVolunteerUser(db::Connection& c, int64_t id, int64_t user_id) {
  c.Execute(kSetUser, {id, user_id, core::NowIso()});
}

std::vector<nlohmann::json> ListVolunteers(db::Connection& c, const VolunteerFilter& f, int64_t limit,
                                           int64_t offset) {
  db::Params params = FilterParams(f);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<nlohmann::json> out;
  for (const auto& r : c.Query(kList, params)) {
    out.push_back(db::RowJson(r));
  }
  return out;
}

int64_t CountVolunteers(db::Connection& c, const VolunteerFilter& f) {
  return c.QueryOne(kCount, FilterParams(f))->Int("n");
}

void InsertMembership(db::Connection& c, int64_t organization_id, int64_t volunteer_id, const std::string& status,
                      std::optional<int64_t> decided_by) {
  std::string now = core::NowIso();
  c.Execute(kInsertMembership, {organization_id, volunteer_id, status, now, db::Nullable(decided_by),
                                decided_by ? db::Value(now) : db::Value(nullptr)});
}

std::optional<std::string> MembershipStatus(db::Connection& c, int64_t organization_id, int64_t volunteer_id) {
  auto r = c.QueryOne(kMembershipStatus, {organization_id, volunteer_id});
  return r ? std::optional(r->Text("status")) : std::nullopt;
}

bool DecideMembership(db::Connection& c, int64_t organization_id, int64_t volunteer_id, const std::string& status,
                      int64_t decided_by, const std::string& reason) {
  return c.Execute(kDecideMembership, {organization_id, volunteer_id, status, decided_by, core::NowIso(), reason}) == 1;
}

nlohmann::json ListMemberships(db::Connection& c, int64_t volunteer_id) {
  return db::RowsJson(c.Query(kMemberships, {volunteer_id}));
}

std::vector<int64_t> ApprovedOrganizations(db::Connection& c, int64_t volunteer_id) {
  std::vector<int64_t> out;
  for (const auto& r : c.Query(kApprovedOrganizations, {volunteer_id})) {
    out.push_back(r.Int("organization_id"));
  }
  return out;
}

std::vector<Candidate> CandidatesOf(db::Connection& c, int64_t organization_id, const std::string& today,
                                    const Need& need) {
  std::vector<Candidate> out;
  // Valid = passed within the last kBackgroundCheckMonths, the same rule as BackgroundCheckValid.
  std::string oldest = core::AddMonths(today, -kBackgroundCheckMonths);
  // Columns by position (the SELECT above): this loop runs for every volunteer of the pool.
  c.ForEach(kCandidates, {organization_id, oldest, today, need.street_code, need.district_code},
            [&](const db::Row& r) {
              auto at = [&](size_t i) { return std::get<int64_t>(r.At(i)); };
              Candidate k;
              k.id = at(0);
              int64_t place = at(1);
              k.place = place == 0 ? Place::kSameStreet : place == 1 ? Place::kSameDistrict : Place::kElsewhere;
              k.skills = static_cast<uint64_t>(at(2));
              k.languages = static_cast<uint64_t>(at(3));
              k.slots = static_cast<uint64_t>(at(4));
              int64_t safeguarding = at(5);
              k.training = (safeguarding & 1) != 0;
              k.agreement = (safeguarding & 2) != 0;
              k.check_valid = (safeguarding & 4) != 0;
              k.active_pairings = static_cast<int>(at(6));
              out.push_back(k);
            });
  return out;
}

int OpenPairingsOf(db::Connection& c, int64_t volunteer_id) {
  return static_cast<int>(c.QueryOne(kOpenPairings, {volunteer_id})->Int("n"));
}

int64_t InsertProfessional(db::Connection& c, int64_t organization_id, const nlohmann::json& p, int64_t created_by) {
  return c.QueryOne(kInsertProfessional,
                    {organization_id, p["name"].get<std::string>(), p["profession"].get<std::string>(),
                     p["qualification"].get<std::string>(), p["qualification_number"].get<std::string>(),
                     p["employer"].get<std::string>(), p["phone_enc"].get<std::string>(),
                     p["phone_masked"].get<std::string>(), created_by, core::NowIso()})
      ->Int("id");
}

std::optional<nlohmann::json> FindProfessional(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindProfessional, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

nlohmann::json ListProfessionals(db::Connection& c, int64_t organization_id) {
  return db::RowsJson(c.Query(kProfessionals, {organization_id}));
}

nlohmann::json PublicOrganizations(db::Connection& c, const std::string& district) {
  return db::RowsJson(c.Query(kPublicOrganizations, {district}));
}

std::optional<int64_t> ActiveOrganization(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kActiveOrganization, {id});
  return r ? std::optional(r->Int("id")) : std::nullopt;
}

Minutes VolunteerMinutes(db::Connection& c, int64_t volunteer_id, const std::string& from, const std::string& to,
                         std::optional<int64_t> organization_id) {
  auto r = c.QueryOne(kMinutes, {volunteer_id, from, to, organization_id.value_or(0)});
  return {r->Int("confirmed"), r->Int("pending")};
}

nlohmann::json MinutesByOrganization(db::Connection& c, int64_t volunteer_id, const std::string& from,
                                     const std::string& to) {
  return db::RowsJson(c.Query(kByOrganization, {volunteer_id, from, to}));
}

nlohmann::json MinutesByProject(db::Connection& c, int64_t volunteer_id, const std::string& from,
                                const std::string& to) {
  return db::RowsJson(c.Query(kByProject, {volunteer_id, from, to}));
}

nlohmann::json MinutesByMonth(db::Connection& c, int64_t volunteer_id, const std::string& from, const std::string& to) {
  return db::RowsJson(c.Query(kByMonth, {volunteer_id, from, to}));
}

nlohmann::json OrganizationMinutes(db::Connection& c, int64_t organization_id, const std::string& group,
                                   const std::string& from, const std::string& to) {
  std::string_view sql = group == "project" ? kOrgByProject : group == "month" ? kOrgByMonth : kOrgByVolunteer;
  return db::RowsJson(c.Query(sql, {organization_id, from, to}));
}

int64_t InsertCertificate(db::Connection& c, const nlohmann::json& cert) {
  return c.QueryOne(kInsertCertificate,
                    {cert["organization_id"].get<int64_t>(), cert["volunteer_id"].get<int64_t>(),
                     cert["code"].get<std::string>(), cert["from"].get<std::string>(), cert["to"].get<std::string>(),
                     cert["minutes"].get<int64_t>(), cert["issued_by"].get<int64_t>(),
                     cert["issued_on"].get<std::string>(), core::NowIso()})
      ->Int("id");
}

nlohmann::json ListCertificates(db::Connection& c, int64_t volunteer_id) {
  return db::RowsJson(c.Query(kCertificates, {volunteer_id}));
}

std::optional<nlohmann::json> FindCertificate(db::Connection& c, const std::string& code) {
  auto r = c.QueryOne(kFindCertificate, {code});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

}  // namespace bangyi::volunteers
