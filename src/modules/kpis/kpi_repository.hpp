// Reads of the KPI rollups (never of the service records, except the drill-down list).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::kpis {

struct CellRow {
  std::string key, period;
  nlohmann::json figures;  // raw counts and sums: services, minutes, …
};

// Every key of `dimension` for one period ("" = all time); `key` picks one, `parent` keeps the
// streets of one district.
std::vector<CellRow> ReadCells(db::Connection& c, const std::string& dimension, const std::string& period,
                               const std::optional<std::string>& key, const std::optional<std::string>& parent);
// The periods of one cell: kind "year" | "quarter" | "month", within [from, to] ("" = open).
std::vector<CellRow> ReadPeriods(db::Connection& c, const std::string& dimension, const std::string& key,
                                 const std::string& kind, const std::string& from, const std::string& to);
// Display names of keys: districts and streets, organizations, projects, rounds, service types.
std::string Label(db::Connection& c, const std::string& dimension, const std::string& key);
// Figures kept in their own small tables: active organizations, projects, active volunteers.
nlohmann::json PlatformExtras(db::Connection& c);
// The district a street lies in ("" when unknown).
std::string DistrictOfStreet(db::Connection& c, const std::string& street);

struct RecordFilter {
  std::string dimension, key;       // dimension "" = no filter
  std::string from, to;             // served_on range ("" = open)
  std::optional<int64_t> organization_id;  // the viewer's scope
};
// The service records behind a figure: {data, total}.
nlohmann::json ListRecords(db::Connection& c, const RecordFilter& f, int64_t limit, int64_t offset);

}  // namespace bangyi::kpis
