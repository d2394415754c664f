// KPI rollups (docs/outcomes.md): the counts and sums dashboards read, kept in kpi_cells and
// kpi_seen in the same transaction as the records they summarize. Every writer of a summarized
// record calls one of these; a change to something a record is counted under (a household's
// street or categories, a person's birth date, a project link) goes through Reapply, which takes
// the affected records out, makes the change, and counts them again. Only SQL on the records'
// tables: no dependency on the modules that own them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::kpis {

// +1 counts a record in, -1 takes it out (exactly undoing +1 while the record is unchanged).
void ApplyServiceRecord(db::Connection& c, int64_t record_id, int sign);
void ApplyCase(db::Connection& c, int64_t case_id, int sign);          // opened, closed
void ApplyReferral(db::Connection& c, int64_t referral_id, int sign);  // made, accepted
void ApplySurveyResponse(db::Connection& c, int64_t response_id, int sign);

// Records counted under something about to change.
struct Affected {
  std::vector<int64_t> records, cases, referrals, responses;
};
Affected AffectedByHouseholds(db::Connection& c, const std::vector<int64_t>& household_ids);
// Linking a project: the organization's cases without a project opened within [from, to], and
// the records without a project of the cases already linked.
Affected AffectedByProjectLink(db::Connection& c, int64_t project_id, int64_t organization_id,
                               const std::string& from, const std::string& to);
// Takes `affected` out, runs `change`, counts them in again.
void Reapply(db::Connection& c, const Affected& affected, const std::function<void()>& change);

// Keeps the rollups in memory while it lives, on this thread, and writes them once with Write():
// for loading many records in one transaction (seed-demo, rebuild-rollups). Updating the same
// rows thousands of times in one transaction is slow (PostgreSQL keeps every row version until
// the commit). The rollup tables must be empty when it starts. The same counting code runs as
// for a single record; only where the counts are kept differs.
struct Memory;
class BulkLoad {
 public:
  explicit BulkLoad(db::Connection& c);
  ~BulkLoad();  // stops collecting; what Write() did not write is dropped
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;
  void Write();

 private:
  db::Connection& c_;
  std::unique_ptr<Memory> memory_;
};

// Empties the rollups and counts every record again; returns the number of records counted.
struct RebuildCounts {
  int64_t records = 0, cases = 0, referrals = 0, responses = 0, cells = 0;
};
RebuildCounts Rebuild(db::Connection& c);

// The periods a day counts in: "" (all time), "YYYY", "YYYY-Qn", "YYYY-MM".
std::vector<std::string> PeriodsOf(const std::string& day);
// The Asia/Shanghai day of a UTC ISO timestamp ("2026-03-01T17:00:00Z" → "2026-03-02").
std::string ShanghaiDay(const std::string& iso);
// The assistance categories a household holds on a day (its categories JSON), or {"none"}.
std::vector<std::string> CategoriesOn(const std::string& categories_json, const std::string& day);
// Whole years between birth and day (YYYY-MM-DD).
int AgeOn(const std::string& birth_date, const std::string& day);

}  // namespace bangyi::kpis
