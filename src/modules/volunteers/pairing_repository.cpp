#include "modules/volunteers/pairing_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::volunteers {

namespace {

constexpr std::string_view kInsertMember =
    "INSERT INTO case_team_members (organization_id, case_id, kind, user_id, volunteer_id, professional_id, role,"
    " started_on, grants, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '[]', $9, $10) RETURNING id";
constexpr std::string_view kFindMember =
    "SELECT id, organization_id, case_id, kind, user_id, volunteer_id, professional_id, role, started_on, ended_on,"
    " grants FROM case_team_members WHERE id = $1";
constexpr std::string_view kMemberView =
    "SELECT t.id, t.kind, t.role, t.user_id, t.volunteer_id, t.professional_id, t.started_on, t.ended_on,"
    " t.end_reason, t.grants, COALESCE(u.display_name, v.name, pr.name, '') AS name, pr.profession,"
    " pr.qualification FROM case_team_members t LEFT JOIN users u ON u.id = t.user_id"
    " LEFT JOIN volunteers v ON v.id = t.volunteer_id LEFT JOIN professionals pr ON pr.id = t.professional_id";
const std::string kTeam = std::string(kMemberView) + " WHERE t.case_id = $1 ORDER BY (t.ended_on IS NULL) DESC, t.id";
const std::string kMember = std::string(kMemberView) + " WHERE t.id = $1";
constexpr std::string_view kActiveMember =
    "SELECT id FROM case_team_members WHERE case_id = $1 AND kind = $2 AND ended_on IS NULL"
    " AND (user_id = $3 OR volunteer_id = $3 OR professional_id = $3)";
constexpr std::string_view kEndMember = "UPDATE case_team_members SET ended_on = $2, end_reason = $3 WHERE id = $1";
constexpr std::string_view kSetGrants = "UPDATE case_team_members SET grants = $2 WHERE id = $1";

constexpr std::string_view kInsertPairing =
    "INSERT INTO pairings (organization_id, case_id, volunteer_id, purpose, cadence, started_on, planned_end_on,"
    " person_ids, status, proposed_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'proposed',"
    " $9, $10, $10) RETURNING id";
constexpr std::string_view kFindPairing =
    "SELECT id, organization_id, case_id, volunteer_id, purpose, cadence, started_on, planned_end_on, person_ids,"
    " status, status_reason, ended_on FROM pairings WHERE id = $1";
constexpr std::string_view kMovePairing =
    "UPDATE pairings SET status = $3, status_reason = $4, ended_on = COALESCE($5, ended_on), updated_at = $6"
    " WHERE id = $1 AND status = $2";
constexpr std::string_view kPairings =
    "SELECT p.id, p.case_id, c.case_number, c.social_worker_id, p.volunteer_id, v.name AS volunteer_name, p.status,"
    " p.status_reason, p.cadence, p.purpose, p.started_on, p.planned_end_on, p.ended_on, p.person_ids,"
    " (SELECT MAX(pv.visited_on) FROM pairing_visits pv WHERE pv.pairing_id = p.id) AS last_visit_on,"
    " (SELECT COUNT(*) FROM pairing_visits pv WHERE pv.pairing_id = p.id AND pv.status = 'logged')"
    " AS visits_to_confirm FROM pairings p JOIN cases c ON c.id = p.case_id JOIN volunteers v ON v.id = p.volunteer_id"
    " WHERE (CAST($1 AS BIGINT) = 0 OR p.organization_id = $1) AND (CAST($2 AS BIGINT) = 0 OR p.case_id = $2)"
    " AND (CAST($3 AS BIGINT) = 0 OR p.volunteer_id = $3) AND (CAST($4 AS BIGINT) = 0 OR c.social_worker_id = $4)"
    " AND ($5 = '' OR p.status = $5 OR ($5 = 'open' AND p.status IN ('proposed', 'active', 'paused')))"
    " AND (CAST($6 AS BIGINT) = 0 OR p.id = $6)"
    " ORDER BY p.id DESC LIMIT 2000";

constexpr std::string_view kInsertVisit =
    "INSERT INTO pairing_visits (organization_id, pairing_id, case_id, volunteer_id, visited_on, duration_minutes,"
    " activities, service_type, concerns, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
    " 'logged', $10, $10) RETURNING id";
constexpr std::string_view kVisitColumns =
    "SELECT pv.id, pv.organization_id, pv.pairing_id, pv.case_id, pv.volunteer_id, pv.visited_on, pv.duration_minutes,"
    " pv.activities, pv.service_type, pv.concerns, pv.status, pv.query_comment, pv.service_record_id,"
    " pv.confirmed_by, pv.confirmed_at, pv.created_at FROM pairing_visits pv";
const std::string kFindVisit = std::string(kVisitColumns) + " WHERE pv.id = $1";
const std::string kVisits = std::string(kVisitColumns) + " WHERE pv.pairing_id = $1 ORDER BY pv.visited_on DESC, pv.id DESC";
constexpr std::string_view kVisitQueue =
    "SELECT pv.id, pv.pairing_id, pv.case_id, c.case_number, pv.volunteer_id, v.name AS volunteer_name,"
    " pv.visited_on, pv.duration_minutes, pv.activities, pv.service_type, pv.concerns, pv.status, pv.query_comment"
    " FROM pairing_visits pv JOIN cases c ON c.id = pv.case_id JOIN volunteers v ON v.id = pv.volunteer_id"
    " WHERE pv.organization_id = $1 AND pv.status = $2 AND (CAST($3 AS BIGINT) = 0 OR c.social_worker_id = $3)"
    " ORDER BY pv.visited_on, pv.id LIMIT 500";
constexpr std::string_view kUpdateVisit =
    "UPDATE pairing_visits SET visited_on = $2, duration_minutes = $3, activities = $4, service_type = $5,"
    " concerns = $6, status = 'logged', updated_at = $7 WHERE id = $1 AND status IN ('logged', 'queried')";
constexpr std::string_view kConfirmVisit =
    "UPDATE pairing_visits SET status = 'confirmed', service_record_id = $2, project_id = $3, confirmed_by = $4,"
    " confirmed_at = $5, updated_at = $5 WHERE id = $1 AND status = 'logged'";
constexpr std::string_view kQueryVisit =
    "UPDATE pairing_visits SET status = 'queried', query_comment = $2, updated_at = $3 WHERE id = $1"
    " AND status = 'logged'";

nlohmann::json ParsedJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json::array() : j;
}

nlohmann::json MemberJson(const db::Row& r) {
  nlohmann::json j = db::RowJson(r);
  j["grants"] = ParsedJson(r.Text("grants"));
  return j;
}

nlohmann::json VisitRowJson(const db::Row& r) {
  nlohmann::json j = db::RowJson(r);
  j["concerns"] = ParsedJson(r.Text("concerns"));
  return j;
}

}  // namespace

int64_t InsertTeamMember(db::Connection& c, const TeamMemberRow& m, int64_t created_by) {
  return c.QueryOne(kInsertMember, {m.organization_id, m.case_id, m.kind, db::Nullable(m.user_id),
                                    db::Nullable(m.volunteer_id), db::Nullable(m.professional_id), m.role,
                                    m.started_on, created_by, core::NowIso()})
      ->Int("id");
}

std::optional<TeamMemberRow> FindTeamMember(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindMember, {id});
  if (!r) {
    return std::nullopt;
  }
  TeamMemberRow m;
  m.id = r->Int("id");
  m.organization_id = r->Int("organization_id");
  m.case_id = r->Int("case_id");
  m.kind = r->Text("kind");
  m.role = r->Text("role");
  m.started_on = r->Text("started_on");
  m.user_id = r->OptInt("user_id");
  m.volunteer_id = r->OptInt("volunteer_id");
  m.professional_id = r->OptInt("professional_id");
  m.ended_on = r->OptText("ended_on");
  m.grants = ParsedJson(r->Text("grants"));
  return m;
}

nlohmann::json ListTeam(db::Connection& c, int64_t case_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kTeam, {case_id})) {
    out.push_back(MemberJson(r));
  }
  return out;
}

nlohmann::json TeamMemberJson(db::Connection& c, int64_t id) { return MemberJson(*c.QueryOne(kMember, {id})); }

std::optional<TeamMemberRow> ActiveMember(db::Connection& c, int64_t case_id, const std::string& kind,
                                          int64_t ref_id) {
  auto r = c.QueryOne(kActiveMember, {case_id, kind, ref_id});
  return r ? FindTeamMember(c, r->Int("id")) : std::nullopt;
}

void EndTeamMember(db::Connection& c, int64_t id, const std::string& ended_on, const std::string& reason) {
  c.Execute(kEndMember, {id, ended_on, reason});
}

void SetGrants(db::Connection& c, int64_t id, const nlohmann::json& grants) { c.Execute(kSetGrants, {id, grants.dump()}); }

int64_t InsertPairing(db::Connection& c, const PairingRow& p, int64_t proposed_by) {
  return c.QueryOne(kInsertPairing, {p.organization_id, p.case_id, p.volunteer_id, p.purpose, p.cadence, p.started_on,
                                     db::Nullable(p.planned_end_on), p.person_ids.dump(), proposed_by, core::NowIso()})
      ->Int("id");
}

std::optional<PairingRow> FindPairing(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindPairing, {id});
  if (!r) {
    return std::nullopt;
  }
  PairingRow p;
  p.id = r->Int("id");
  p.organization_id = r->Int("organization_id");
  p.case_id = r->Int("case_id");
  p.volunteer_id = r->Int("volunteer_id");
  p.purpose = r->Text("purpose");
  p.cadence = r->Text("cadence");
  p.started_on = r->Text("started_on");
  p.planned_end_on = r->OptText("planned_end_on");
  p.person_ids = ParsedJson(r->Text("person_ids"));
  p.status = r->Text("status");
  p.status_reason = r->Text("status_reason");
  p.ended_on = r->OptText("ended_on");
  return p;
}

bool MovePairing(db::Connection& c, int64_t id, const std::string& from, const std::string& to,
                 const std::string& reason, std::optional<std::string> ended_on) {
  return c.Execute(kMovePairing, {id, from, to, reason, db::Nullable(ended_on), core::NowIso()}) == 1;
}

std::vector<nlohmann::json> ListPairings(db::Connection& c, const PairingFilter& f) {
  std::vector<nlohmann::json> out;
  for (const auto& r : c.Query(kPairings, {f.organization_id, f.case_id, f.volunteer_id, f.social_worker_id, f.status, f.id})) {
    nlohmann::json j = db::RowJson(r);
    j["volunteer"] = {{"id", r.Int("volunteer_id")}, {"name", r.Text("volunteer_name")}};
    j.erase("volunteer_name");
    j["person_ids"] = ParsedJson(r.Text("person_ids"));
    out.push_back(std::move(j));
  }
  return out;
}

int64_t InsertVisit(db::Connection& c, const VisitRow& v) {
  return c.QueryOne(kInsertVisit, {v.organization_id, v.pairing_id, v.case_id, v.volunteer_id, v.visited_on,
                                   v.duration_minutes, v.activities, v.service_type, v.concerns.dump(), core::NowIso()})
      ->Int("id");
}

std::optional<VisitRow> FindVisit(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFindVisit, {id});
  if (!r) {
    return std::nullopt;
  }
  VisitRow v;
  v.id = r->Int("id");
  v.organization_id = r->Int("organization_id");
  v.pairing_id = r->Int("pairing_id");
  v.case_id = r->Int("case_id");
  v.volunteer_id = r->Int("volunteer_id");
  v.visited_on = r->Text("visited_on");
  v.duration_minutes = r->Int("duration_minutes");
  v.activities = r->Text("activities");
  v.service_type = r->Text("service_type");
  v.concerns = ParsedJson(r->Text("concerns"));
  v.status = r->Text("status");
  v.query_comment = r->Text("query_comment");
  v.service_record_id = r->OptInt("service_record_id");
  return v;
}

nlohmann::json VisitJson(db::Connection& c, int64_t id) { return VisitRowJson(*c.QueryOne(kFindVisit, {id})); }

bool UpdateVisit(db::Connection& c, const VisitRow& v) {
  return c.Execute(kUpdateVisit, {v.id, v.visited_on, v.duration_minutes, v.activities, v.service_type,
                                  v.concerns.dump(), core::NowIso()}) == 1;
}

bool ConfirmVisit(db::Connection& c, int64_t id, int64_t service_record_id, std::optional<int64_t> project_id,
                  int64_t confirmed_by) {
  return c.Execute(kConfirmVisit, {id, service_record_id, db::Nullable(project_id), confirmed_by, core::NowIso()}) == 1;
}

bool QueryVisit(db::Connection& c, int64_t id, const std::string& comment) {
  return c.Execute(kQueryVisit, {id, comment, core::NowIso()}) == 1;
}

nlohmann::json ListVisits(db::Connection& c, int64_t pairing_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kVisits, {pairing_id})) {
    out.push_back(VisitRowJson(r));
  }
  return out;
}

nlohmann::json VisitQueue(db::Connection& c, int64_t organization_id, const std::string& status,
                          int64_t social_worker_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.Query(kVisitQueue, {organization_id, status, social_worker_id})) {
    out.push_back(VisitRowJson(r));
  }
  return out;
}

}  // namespace bangyi::volunteers
