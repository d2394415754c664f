// The /kpis answer as a file: XLSX (libxlsxwriter: Chinese headers, number formats, frozen header
// row, column widths) or CSV (UTF-8 with a BOM, so Excel reads the Chinese correctly).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace bangyi::kpis {

std::string Xlsx(const nlohmann::json& figures);
std::string Csv(const nlohmann::json& figures);
// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string CsvField(const std::string& value);

}  // namespace bangyi::kpis
