#include "modules/kpis/kpi_export.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "modules/kpis/kpi_service.hpp"

namespace bangyi::kpis {

namespace {

// The label column's header by dimension.
std::string KeyHeader(const std::string& dimension) {
  if (dimension == "district") return "区";
  if (dimension == "street") return "街镇";
  if (dimension == "organization") return "机构";
  if (dimension == "round") return "创投轮次";
  if (dimension == "project") return "项目";
  if (dimension == "service_type") return "服务类型";
  if (dimension == "category") return "救助类别";
  if (dimension == "month") return "月份";
  if (dimension == "quarter") return "季度";
  if (dimension == "year") return "年度";
  return "范围";
}

std::string RowName(const nlohmann::json& row) {
  std::string label = row.value("label", "");
  if (!label.empty()) {
    return label;
  }
  std::string key = row.value("key", "");
  return key.empty() ? "全平台" : key;
}

std::string Text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    return value;
  }
  std::string out = "\"";
  for (char ch : value) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

std::string Csv(const nlohmann::json& figures) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF" << CsvField(KeyHeader(figures["dimension"])) << ",代码";
  for (const auto& col : FigureColumns()) {
    out << ',' << CsvField(col.header_zh);
  }
  out << "\r\n";
  for (const auto& row : figures["rows"]) {
    out << CsvField(RowName(row)) << ',' << CsvField(row.value("key", ""));
    for (const auto& col : FigureColumns()) {
      const auto& v = row["figures"][col.name];
      if (v.is_number_float()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*f", col.decimals, v.get<double>());
        out << ',' << buf;
      } else {
        out << ',' << CsvField(Text(v));
      }
    }
    out << "\r\n";
  }
  return out.str();
}

std::string Xlsx(const nlohmann::json& figures) {
  // libxlsxwriter writes to a file: a private temporary one, read back and removed.
  auto path = std::filesystem::temp_directory_path() / ("bangyi-export-" + core::RandomToken(12) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    throw std::runtime_error("xlsx: cannot create " + path.string());
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, "指标");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xE8EEF7);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* integer = workbook_add_format(wb);
  format_set_num_format(integer, "#,##0");
  lxw_format* hours = workbook_add_format(wb);
  format_set_num_format(hours, "#,##0.00");
  lxw_format* rate = workbook_add_format(wb);
  format_set_num_format(rate, "0.0");
  lxw_format* right = workbook_add_format(wb);
  format_set_align(right, LXW_ALIGN_RIGHT);

  worksheet_write_string(ws, 0, 0, KeyHeader(figures["dimension"]).c_str(), header);
  worksheet_write_string(ws, 0, 1, "代码", header);
  lxw_col_t col = 2;
  for (const auto& c : FigureColumns()) {
    worksheet_write_string(ws, 0, col++, c.header_zh, header);
  }
  lxw_row_t r = 1;
  for (const auto& row : figures["rows"]) {
    worksheet_write_string(ws, r, 0, RowName(row).c_str(), nullptr);
    worksheet_write_string(ws, r, 1, row.value("key", "").c_str(), nullptr);
    col = 2;
    for (const auto& c : FigureColumns()) {
      const auto& v = row["figures"][c.name];
      if (v.is_number()) {
        worksheet_write_number(ws, r, col, v.get<double>(), c.decimals == 0 ? integer : c.decimals == 2 ? hours : rate);
      } else if (v.is_string()) {
        worksheet_write_string(ws, r, col, v.get<std::string>().c_str(), right);  // "<5"
      }
      ++col;
    }
    ++r;
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_row(ws, 0, 32, nullptr);
  worksheet_set_column(ws, 0, 0, 24, nullptr);
  worksheet_set_column(ws, 1, 1, 12, nullptr);
  worksheet_set_column(ws, 2, static_cast<lxw_col_t>(col - 1), 13, nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    throw std::runtime_error("xlsx: cannot write the workbook");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace bangyi::kpis
