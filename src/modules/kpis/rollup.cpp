#include "modules/kpis/rollup.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace bangyi::kpis {

namespace {

// The summed columns of kpi_cells, in order.
enum Column {
  kServices,
  kMinutes,
  kVolunteerMinutes,
  kPersonTimes,
  kPersons,
  kHouseholds,
  kChildren,
  kElderly,
  kWomen,
  kCasesOpened,
  kCasesClosed,
  kReferralsMade,
  kReferralsAccepted,
  kResponses,
  kSatisfied,
  kColumnCount
};
using Delta = std::array<int64_t, kColumnCount>;

// Followed by rows of 18 values, then kUpsertCellsConflict.
constexpr std::string_view kUpsertCells =
    "INSERT INTO kpi_cells (dimension, dim_key, period, services, minutes, volunteer_minutes, person_times, persons,"
    " households, children, elderly, women, cases_opened, cases_closed, referrals_made, referrals_accepted,"
    " responses, satisfied) VALUES ";
constexpr std::string_view kUpsertCellsConflict =
    " ON CONFLICT (dimension, dim_key, period) DO UPDATE SET services = kpi_cells.services + excluded.services,"
    " minutes = kpi_cells.minutes + excluded.minutes,"
    " volunteer_minutes = kpi_cells.volunteer_minutes + excluded.volunteer_minutes,"
    " person_times = kpi_cells.person_times + excluded.person_times,"
    " persons = kpi_cells.persons + excluded.persons, households = kpi_cells.households + excluded.households,"
    " children = kpi_cells.children + excluded.children, elderly = kpi_cells.elderly + excluded.elderly,"
    " women = kpi_cells.women + excluded.women, cases_opened = kpi_cells.cases_opened + excluded.cases_opened,"
    " cases_closed = kpi_cells.cases_closed + excluded.cases_closed,"
    " referrals_made = kpi_cells.referrals_made + excluded.referrals_made,"
    " referrals_accepted = kpi_cells.referrals_accepted + excluded.referrals_accepted,"
    " responses = kpi_cells.responses + excluded.responses, satisfied = kpi_cells.satisfied + excluded.satisfied";
// A cell every figure of which went back to zero is removed, as if it had never been written.
constexpr std::string_view kDropEmptyCell =
    "DELETE FROM kpi_cells WHERE dimension = $1 AND dim_key = $2 AND period = $3 AND services = 0 AND minutes = 0"
    " AND volunteer_minutes = 0 AND person_times = 0 AND persons = 0 AND households = 0 AND children = 0"
    " AND elderly = 0 AND women = 0 AND cases_opened = 0 AND cases_closed = 0 AND referrals_made = 0"
    " AND referrals_accepted = 0 AND responses = 0 AND satisfied = 0";
// Followed by one "(…, 1)" row per cell, then kSeenAddConflict.
constexpr std::string_view kSeenAddMany =
    "INSERT INTO kpi_seen (dimension, dim_key, period, kind, subject_id, refs) VALUES ";
constexpr std::string_view kSeenAddConflict =
    " ON CONFLICT (dimension, dim_key, period, kind, subject_id) DO UPDATE SET refs = kpi_seen.refs + 1"
    " RETURNING dimension, dim_key, period, refs";
constexpr std::string_view kSeenRemove =
    "UPDATE kpi_seen SET refs = refs - 1 WHERE dimension = $1 AND dim_key = $2 AND period = $3 AND kind = $4"
    " AND subject_id = $5 RETURNING refs";
constexpr std::string_view kSeenDrop =
    "DELETE FROM kpi_seen WHERE dimension = $1 AND dim_key = $2 AND period = $3 AND kind = $4 AND subject_id = $5"
    " AND refs = 0";

constexpr std::string_view kRecordFacts =
    "SELECT r.organization_id, r.project_id, p.round_id, r.served_on AS day, r.duration_minutes, r.service_type,"
    " h.district_code, h.street_code, h.categories,"
    " CASE WHEN EXISTS (SELECT 1 FROM service_record_staff st JOIN role_assignments ra ON ra.user_id = st.user_id"
    " AND ra.role = 'volunteer' WHERE st.service_record_id = r.id) THEN 1 ELSE 0 END AS by_volunteer"
    " FROM service_records r JOIN cases c ON c.id = r.case_id JOIN households h ON h.id = c.household_id"
    " LEFT JOIN projects p ON p.id = r.project_id WHERE r.id = $1";
constexpr std::string_view kRecordParticipants =
    "SELECT sp.person_id, pe.household_id, pe.gender, pe.birth_date, h.district_code, h.street_code, h.categories"
    " FROM service_record_participants sp JOIN persons pe ON pe.id = sp.person_id"
    " JOIN households h ON h.id = pe.household_id WHERE sp.service_record_id = $1 ORDER BY sp.person_id";
constexpr std::string_view kCaseFacts =
    "SELECT c.organization_id, c.project_id, p.round_id, c.opened_on, c.closed_on, h.district_code, h.street_code,"
    " h.categories FROM cases c JOIN households h ON h.id = c.household_id LEFT JOIN projects p ON p.id = c.project_id"
    " WHERE c.id = $1";
constexpr std::string_view kReferralFacts = "SELECT case_id, status, created_at, decided_at FROM referrals WHERE id = $1";
constexpr std::string_view kResponseFacts =
    "SELECT sr.project_id, p.round_id, sr.overall, sr.answered_on, si.case_id, r.service_type"
    " FROM survey_responses sr JOIN survey_invitations si ON si.id = sr.invitation_id"
    " LEFT JOIN projects p ON p.id = sr.project_id LEFT JOIN service_records r ON r.id = si.service_record_id"
    " WHERE sr.id = $1";

constexpr std::string_view kRecordsOfHouseholds =
    "SELECT DISTINCT r.id FROM service_records r JOIN cases c ON c.id = r.case_id WHERE c.household_id = $1"
    " UNION SELECT DISTINCT sp.service_record_id FROM service_record_participants sp"
    " JOIN persons pe ON pe.id = sp.person_id WHERE pe.household_id = $1";
constexpr std::string_view kCasesOfHousehold = "SELECT id FROM cases WHERE household_id = $1";
constexpr std::string_view kReferralsOfCase = "SELECT id FROM referrals WHERE case_id = $1";
constexpr std::string_view kResponsesOfCase =
    "SELECT sr.id FROM survey_responses sr JOIN survey_invitations si ON si.id = sr.invitation_id WHERE si.case_id = $1";
constexpr std::string_view kCasesToLink =
    "SELECT id FROM cases WHERE organization_id = $1 AND project_id IS NULL AND opened_on >= $2 AND opened_on <= $3";
constexpr std::string_view kUnlinkedRecordsOfProject =
    "SELECT r.id FROM service_records r JOIN cases c ON c.id = r.case_id WHERE c.project_id = $1"
    " AND r.project_id IS NULL";
constexpr std::string_view kRecordsOfCase = "SELECT id FROM service_records WHERE case_id = $1";

// A dimension and its key: where a fact counts.
using Cell = std::pair<std::string_view, std::string>;
using CellKey = std::tuple<std::string, std::string, std::string>;

// "$n+1, …, $n+18": the placeholders of one kpi_cells row after `n` parameters.
std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 1; i <= 3 + kColumnCount; ++i) {
    out += (i == 1 ? "$" : ", $") + std::to_string(n + i);
  }
  return out;
}

void AppendRow(db::Params& params, const CellKey& k, const Delta& d) {
  params.insert(params.end(), {std::get<0>(k), std::get<1>(k), std::get<2>(k)});
  params.insert(params.end(), d.begin(), d.end());
}

}  // namespace

// Rollups collected in memory by a BulkLoad on this thread.
struct Memory {
  std::map<CellKey, Delta> cells;
  std::unordered_map<std::string, int64_t> seen;  // dimension, key, period, kind, subject → refs
};

namespace {

thread_local Memory* t_memory = nullptr;

std::string SeenKey(std::string_view dimension, const std::string& key, const std::string& period,
                    std::string_view kind, int64_t subject) {
  std::string out;
  out.reserve(48);
  out.append(dimension).append(1, '\x1f').append(key).append(1, '\x1f').append(period).append(1, '\x1f');
  out.append(kind).append(1, '\x1f').append(std::to_string(subject));
  return out;
}

// One record's worth of changes, written once per cell at the end.
class Batch {
 public:
  Batch(db::Connection& c, int sign) : c_(c), sign_(sign) {}

  void Add(const std::vector<Cell>& cells, const std::string& day, Column column, int64_t amount) {
    if (amount == 0) {
      return;
    }
    for (const auto& period : PeriodsOf(day)) {
      for (const auto& [dimension, key] : cells) {
        Entry({std::string(dimension), key, period})[column] += sign_ * amount;
      }
    }
  }

  // Counts `subject` once per cell whatever the number of its participations. Counting in is one
  // statement for all the cells (the hot path: every participant of every new record).
  void Seen(const std::vector<Cell>& cells, const std::string& day, std::string_view kind, int64_t subject,
            Column column, bool woman = false) {
    auto counted = [&](const std::string& dimension, const std::string& key, const std::string& period) {
      auto& d = Entry({dimension, key, period});
      d[column] += sign_;
      if (woman) {
        d[kWomen] += sign_;
      }
    };
    if (t_memory != nullptr) {
      for (const auto& period : PeriodsOf(day)) {
        for (const auto& [dimension, key] : cells) {
          auto it = t_memory->seen.try_emplace(SeenKey(dimension, key, period, kind, subject), 0).first;
          it->second += sign_;
          if (it->second == (sign_ > 0 ? 1 : 0)) {
            counted(std::string(dimension), key, period);
          }
          if (it->second == 0) {
            t_memory->seen.erase(it);
          }
        }
      }
      return;
    }
    if (sign_ > 0) {
      std::string sql = std::string(kSeenAddMany);
      db::Params params;
      for (const auto& period : PeriodsOf(day)) {
        for (const auto& [dimension, key] : cells) {
          size_t n = params.size();
          sql += n == 0 ? "" : ", ";
          sql += "($" + std::to_string(n + 1) + ", $" + std::to_string(n + 2) + ", $" + std::to_string(n + 3) + ", $" +
                 std::to_string(n + 4) + ", $" + std::to_string(n + 5) + ", 1)";
          params.insert(params.end(), {std::string(dimension), key, period, std::string(kind), subject});
        }
      }
      sql += kSeenAddConflict;
      for (const auto& row : c_.Query(sql, params)) {
        if (row.Int("refs") == 1) {
          counted(row.Text("dimension"), row.Text("dim_key"), row.Text("period"));
        }
      }
      return;
    }
    for (const auto& period : PeriodsOf(day)) {
      for (const auto& [dimension, key] : cells) {
        db::Params params = {std::string(dimension), key, period, std::string(kind), subject};
        auto row = c_.QueryOne(kSeenRemove, params);
        if (row && row->Int("refs") == 0) {
          c_.Execute(kSeenDrop, params);
          counted(std::string(dimension), key, period);
        }
      }
    }
  }

  // The cells' changes: one statement for all of them where statements are round trips, one
  // cached statement per cell otherwise.
  void Flush() {
    if (t_memory != nullptr) {
      for (const auto& [k, d] : entries_) {
        auto it = t_memory->cells.try_emplace(k).first;
        for (size_t i = 0; i < d.size(); ++i) {
          it->second[i] += d[i];
        }
      }
      entries_.clear();
      return;
    }
    static const std::string one = std::string(kUpsertCells) + "(" + Placeholders(0) + ")" +
                                   std::string(kUpsertCellsConflict);
    if (c_.RoundTrips() && entries_.size() > 1) {
      std::string sql = std::string(kUpsertCells);
      db::Params params;
      for (const auto& [k, d] : entries_) {
        sql += (params.empty() ? "(" : ", (") + Placeholders(params.size()) + ")";
        AppendRow(params, k, d);
      }
      c_.Execute(sql + std::string(kUpsertCellsConflict), params);
    } else {
      for (const auto& [k, d] : entries_) {
        db::Params params;
        AppendRow(params, k, d);
        c_.Execute(one, params);
      }
    }
    if (sign_ < 0) {
      for (const auto& [k, d] : entries_) {
        c_.Execute(kDropEmptyCell, {std::get<0>(k), std::get<1>(k), std::get<2>(k)});
      }
    }
    entries_.clear();
  }

 private:
  Delta& Entry(CellKey key) {
    auto [it, inserted] = entries_.try_emplace(std::move(key));
    if (inserted) {
      it->second.fill(0);
    }
    return it->second;
  }

  db::Connection& c_;
  int sign_;
  std::map<CellKey, Delta> entries_;
};

std::string IdKey(const std::optional<int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

// Where a household's facts count on a day: district, street, categories.
void AddPlace(std::vector<Cell>& cells, const db::Row& r, const std::string& day) {
  cells.emplace_back("district", r.Text("district_code"));
  cells.emplace_back("street", r.Text("street_code"));
  for (auto& category : CategoriesOn(r.Text("categories"), day)) {
    cells.emplace_back("category", std::move(category));
  }
}

// Where an organization's work counts: the organization, its project and the project's round.
void AddOwner(std::vector<Cell>& cells, const db::Row& r) {
  cells.emplace_back("organization", std::to_string(r.Int("organization_id")));
  if (auto project = r.OptInt("project_id")) {
    cells.emplace_back("project", std::to_string(*project));
    cells.emplace_back("round", IdKey(r.OptInt("round_id")));
  }
}

std::vector<int64_t> Ids(db::Connection& c, std::string_view sql, const db::Params& params) {
  std::vector<int64_t> ids;
  for (const auto& r : c.Query(sql, params)) {
    ids.push_back(r.Int(r.columns().front()));
  }
  return ids;
}

void Append(std::vector<int64_t>& into, const std::vector<int64_t>& more) { into.insert(into.end(), more.begin(), more.end()); }

void Unique(std::vector<int64_t>& ids) {
  std::set<int64_t> s(ids.begin(), ids.end());
  ids.assign(s.begin(), s.end());
}

}  // namespace

std::vector<std::string> PeriodsOf(const std::string& day) {
  if (day.size() < 7) {
    return {""};
  }
  int month = std::stoi(day.substr(5, 2));
  return {"", day.substr(0, 4), day.substr(0, 4) + "-Q" + std::to_string((month + 2) / 3), day.substr(0, 7)};
}

std::string ShanghaiDay(const std::string& iso) {
  int y = 0, m = 0, d = 0, hh = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d", &y, &m, &d, &hh) != 4) {
    return iso.substr(0, 10);
  }
  using namespace std::chrono;
  sys_days day{year{y} / month{static_cast<unsigned>(m)} / d};
  if (hh >= 16) {
    day += days{1};
  }
  year_month_day ymd{day};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

std::vector<std::string> CategoriesOn(const std::string& categories_json, const std::string& day) {
  std::vector<std::string> out;
  auto list = nlohmann::json::parse(categories_json.empty() ? "[]" : categories_json, nullptr, false);
  if (list.is_array()) {
    for (const auto& c : list) {
      if (!c.is_object() || !c.contains("category") || !c["category"].is_string()) {
        continue;
      }
      std::string from = c.value("valid_from", "");
      std::string to = c.contains("valid_to") && c["valid_to"].is_string() ? c["valid_to"].get<std::string>() : "";
      if ((from.empty() || from <= day) && (to.empty() || day <= to)) {
        out.push_back(c["category"].get<std::string>());
      }
    }
  }
  std::set<std::string> unique(out.begin(), out.end());
  out.assign(unique.begin(), unique.end());
  if (out.empty()) {
    out.emplace_back("none");
  }
  return out;
}

int AgeOn(const std::string& birth_date, const std::string& day) {
  if (birth_date.size() < 10 || day.size() < 10) {
    return 0;
  }
  int age = std::stoi(day.substr(0, 4)) - std::stoi(birth_date.substr(0, 4));
  if (day.substr(5, 5) < birth_date.substr(5, 5)) {
    --age;
  }
  return age;
}

void ApplyServiceRecord(db::Connection& c, int64_t record_id, int sign) {
  auto r = c.QueryOne(kRecordFacts, {record_id});
  if (!r) {
    return;
  }
  const std::string day = r->Text("day");
  Batch batch(c, sign);
  std::vector<Cell> common = {{"platform", ""}, {"service_type", r->Text("service_type")}};
  AddOwner(common, *r);
  std::vector<Cell> cells = common;
  AddPlace(cells, *r, day);
  int64_t minutes = r->Int("duration_minutes");
  batch.Add(cells, day, kServices, 1);
  batch.Add(cells, day, kMinutes, minutes);
  batch.Add(cells, day, kVolunteerMinutes, r->Int("by_volunteer") != 0 ? minutes : 0);
  for (const auto& p : c.Query(kRecordParticipants, {record_id})) {
    std::vector<Cell> own = common;
    AddPlace(own, p, day);
    int64_t person = p.Int("person_id");
    batch.Add(own, day, kPersonTimes, 1);
    batch.Seen(own, day, "person", person, kPersons, p.Text("gender") == "female");
    batch.Seen(own, day, "household", p.Int("household_id"), kHouseholds);
    int age = AgeOn(p.Text("birth_date"), day);
    if (age < 18) {
      batch.Seen(own, day, "child", person, kChildren);
    } else if (age >= 60) {
      batch.Seen(own, day, "elderly", person, kElderly);
    }
  }
  batch.Flush();
}

void ApplyCase(db::Connection& c, int64_t case_id, int sign) {
  auto r = c.QueryOne(kCaseFacts, {case_id});
  if (!r) {
    return;
  }
  Batch batch(c, sign);
  std::vector<Cell> owner = {{"platform", ""}};
  AddOwner(owner, *r);
  auto count = [&](const std::string& day, Column column) {
    std::vector<Cell> cells = owner;
    AddPlace(cells, *r, day);
    batch.Add(cells, day, column, 1);
  };
  count(r->Text("opened_on"), kCasesOpened);
  if (auto closed = r->OptText("closed_on")) {
    count(*closed, kCasesClosed);
  }
  batch.Flush();
}

void ApplyReferral(db::Connection& c, int64_t referral_id, int sign) {
  auto ref = c.QueryOne(kReferralFacts, {referral_id});
  if (!ref) {
    return;
  }
  auto r = c.QueryOne(kCaseFacts, {ref->Int("case_id")});
  Batch batch(c, sign);
  auto count = [&](const std::string& day, Column column) {
    std::vector<Cell> cells = {{"platform", ""}};
    AddOwner(cells, *r);
    AddPlace(cells, *r, day);
    batch.Add(cells, day, column, 1);
  };
  count(ShanghaiDay(ref->Text("created_at")), kReferralsMade);
  if (ref->Text("status") == "accepted") {
    count(ShanghaiDay(ref->Text("decided_at")), kReferralsAccepted);
  }
  batch.Flush();
}

void ApplySurveyResponse(db::Connection& c, int64_t response_id, int sign) {
  auto s = c.QueryOne(kResponseFacts, {response_id});
  if (!s) {
    return;
  }
  auto r = c.QueryOne(kCaseFacts, {s->Int("case_id")});
  const std::string day = s->Text("answered_on");
  std::vector<Cell> cells = {{"platform", ""}, {"organization", std::to_string(r->Int("organization_id"))}};
  if (auto project = s->OptInt("project_id")) {
    cells.emplace_back("project", std::to_string(*project));
    cells.emplace_back("round", IdKey(s->OptInt("round_id")));
  }
  if (auto type = s->OptText("service_type")) {
    cells.emplace_back("service_type", *type);
  }
  AddPlace(cells, *r, day);
  Batch batch(c, sign);
  batch.Add(cells, day, kResponses, 1);
  batch.Add(cells, day, kSatisfied, s->Int("overall") >= 4 ? 1 : 0);
  batch.Flush();
}

Affected AffectedByHouseholds(db::Connection& c, const std::vector<int64_t>& household_ids) {
  Affected a;
  for (int64_t h : household_ids) {
    Append(a.records, Ids(c, kRecordsOfHouseholds, {h}));
    for (int64_t case_id : Ids(c, kCasesOfHousehold, {h})) {
      a.cases.push_back(case_id);
      Append(a.referrals, Ids(c, kReferralsOfCase, {case_id}));
      Append(a.responses, Ids(c, kResponsesOfCase, {case_id}));
    }
  }
  Unique(a.records);
  Unique(a.cases);
  Unique(a.referrals);
  Unique(a.responses);
  return a;
}

Affected AffectedByProjectLink(db::Connection& c, int64_t project_id, int64_t organization_id,
                               const std::string& from, const std::string& to) {
  Affected a;
  a.records = Ids(c, kUnlinkedRecordsOfProject, {project_id});
  for (int64_t case_id : Ids(c, kCasesToLink, {organization_id, from, to})) {
    a.cases.push_back(case_id);
    Append(a.records, Ids(c, kRecordsOfCase, {case_id}));
    Append(a.referrals, Ids(c, kReferralsOfCase, {case_id}));
  }
  Unique(a.records);
  return a;
}

void Reapply(db::Connection& c, const Affected& a, const std::function<void()>& change) {
  auto each = [&](int sign) {
    for (int64_t id : a.records) ApplyServiceRecord(c, id, sign);
    for (int64_t id : a.cases) ApplyCase(c, id, sign);
    for (int64_t id : a.referrals) ApplyReferral(c, id, sign);
    for (int64_t id : a.responses) ApplySurveyResponse(c, id, sign);
  };
  each(-1);
  change();
  each(+1);
}

BulkLoad::BulkLoad(db::Connection& c) : c_(c), memory_(std::make_unique<Memory>()) {
  if (t_memory != nullptr) {
    throw std::logic_error("kpis::BulkLoad: already collecting on this thread");
  }
  if (c.QueryOne("SELECT 1 AS one FROM kpi_cells LIMIT 1") || c.QueryOne("SELECT 1 AS one FROM kpi_seen LIMIT 1")) {
    throw std::logic_error("kpis::BulkLoad needs empty rollup tables");
  }
  t_memory = memory_.get();
}

BulkLoad::~BulkLoad() { t_memory = nullptr; }

void BulkLoad::Write() {
  t_memory = nullptr;
  // Many rows per statement: the tables are empty, nothing conflicts.
  constexpr size_t kCellRows = 100, kSeenRows = 500;
  std::string sql;
  db::Params params;
  size_t rows = 0;
  auto flush = [&](std::string_view conflict) {
    if (rows > 0) {
      c_.Execute(sql + std::string(conflict), params);
    }
    sql.clear();
    params.clear();
    rows = 0;
  };
  for (const auto& [k, d] : memory_->cells) {
    if (std::all_of(d.begin(), d.end(), [](int64_t v) { return v == 0; })) {
      continue;  // counted in and out again: as if never written
    }
    sql += (rows == 0 ? std::string(kUpsertCells) + "(" : std::string(", (")) + Placeholders(params.size()) + ")";
    AppendRow(params, k, d);
    if (++rows == kCellRows) {
      flush("");
    }
  }
  flush("");
  for (const auto& [key, refs] : memory_->seen) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t end = key.find('\x1f'); end != std::string::npos; end = key.find('\x1f', start)) {
      parts.push_back(key.substr(start, end - start));
      start = end + 1;
    }
    size_t n = params.size();
    sql += rows == 0 ? "INSERT INTO kpi_seen (dimension, dim_key, period, kind, subject_id, refs) VALUES (" : ", (";
    for (size_t i = 1; i <= 6; ++i) {
      sql += (i == 1 ? "$" : ", $") + std::to_string(n + i);
    }
    sql += ")";
    params.insert(params.end(), {parts[0], parts[1], parts[2], parts[3], std::stoll(key.substr(start)), refs});
    if (++rows == kSeenRows) {
      flush("");
    }
  }
  flush("");
  memory_.reset();
}

RebuildCounts Rebuild(db::Connection& c) {
  c.Execute("DELETE FROM kpi_seen");
  c.Execute("DELETE FROM kpi_cells");
  BulkLoad bulk(c);
  RebuildCounts n;
  for (int64_t id : Ids(c, "SELECT id FROM service_records ORDER BY id", {})) {
    ApplyServiceRecord(c, id, +1);
    ++n.records;
  }
  for (int64_t id : Ids(c, "SELECT id FROM cases ORDER BY id", {})) {
    ApplyCase(c, id, +1);
    ++n.cases;
  }
  for (int64_t id : Ids(c, "SELECT id FROM referrals ORDER BY id", {})) {
    ApplyReferral(c, id, +1);
    ++n.referrals;
  }
  for (int64_t id : Ids(c, "SELECT id FROM survey_responses ORDER BY id", {})) {
    ApplySurveyResponse(c, id, +1);
    ++n.responses;
  }
  bulk.Write();
  n.cells = c.QueryOne("SELECT COUNT(*) AS n FROM kpi_cells")->Int("n");
  return n;
}

}  // namespace bangyi::kpis
