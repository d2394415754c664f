#include "modules/divisions/division_repository.hpp"

namespace bangyi::divisions {

namespace {

constexpr std::string_view kSelectDivisions =
    "SELECT code, parent_code, level, name, kind, is_admin FROM divisions ORDER BY level, sort_order";

}  // namespace

DivisionIndex DivisionIndex::Load(db::Connection& c) {
  DivisionIndex index;
  for (const auto& row : c.Query(kSelectDivisions)) {
    Division d{row.Text("code"), row.Text("parent_code"), row.Text("level"),
               row.Text("name"), row.Text("kind"),        row.Int("is_admin") != 0};
    if (d.level == "district") {
      index.districts_.push_back(d.code);
    } else {
      index.streets_in_order_.push_back(d.code);
    }
    index.by_code_.emplace(d.code, std::move(d));
  }
  index.tree_ = nlohmann::json::array();
  for (const auto& dc : index.districts_) {
    nlohmann::json streets = nlohmann::json::array();
    for (const auto& sc : index.StreetsOf(dc)) {
      const Division& s = index.by_code_.at(sc);
      streets.push_back({{"code", s.code}, {"name", s.name}, {"kind", s.kind}, {"is_admin", s.is_admin}});
    }
    index.tree_.push_back({{"code", dc}, {"name", index.by_code_.at(dc).name}, {"streets", streets}});
  }
  return index;
}

bool DivisionIndex::IsDistrict(const std::string& code) const {
  const Division* d = Find(code);
  return d != nullptr && d->level == "district";
}

bool DivisionIndex::IsStreet(const std::string& code) const {
  const Division* d = Find(code);
  return d != nullptr && d->level == "street";
}

const Division* DivisionIndex::Find(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &it->second;
}

std::vector<std::string> DivisionIndex::StreetsOf(const std::string& district) const {
  std::vector<std::string> out;
  for (const auto& sc : streets_in_order_) {
    if (by_code_.at(sc).parent_code == district) {
      out.push_back(sc);
    }
  }
  return out;
}

}  // namespace bangyi::divisions
