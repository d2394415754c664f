// Figures for dashboards (docs/outcomes.md): read from the rollups, scoped to the viewer —
// platform roles see everything, organization staff their organization, government viewers and
// donors districts only with small cells suppressed — and the records behind each figure.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"

namespace bangyi::kpis {

struct KpiQuery {
  std::string dimension = "platform";
  std::string period;              // "" all time, YYYY, YYYY-Qn, YYYY-MM
  std::string from, to;            // time dimensions: periods of that kind
  std::string filter, filter_key;  // one of district, street, organization, round, project, service_type, category
};
// Reads and checks the query parameters (422 naming each bad one).
KpiQuery ParseKpiQuery(const std::function<std::optional<std::string>(const std::string&)>& param);

// The figures' names in export order, with their Chinese headers.
struct FigureColumn {
  const char* name;
  const char* header_zh;
  int decimals;  // 0 counts, 2 hours, 1 rate
};
const std::vector<FigureColumn>& FigureColumns();

class KpiService {
 public:
  explicit KpiService(db::Database& db) : db_(db) {}

  nlohmann::json Figures(const access::Principal& p, KpiQuery q);
  nlohmann::json Records(const access::Principal& p, const KpiQuery& q, const http::Page& page);
  // XLSX or CSV bytes of the same figures; audited.
  struct File {
    std::string content_type, filename, body;
  };
  File Export(const access::Principal& p, const KpiQuery& q, const std::string& format);

 private:
  db::Database& db_;
};

}  // namespace bangyi::kpis
