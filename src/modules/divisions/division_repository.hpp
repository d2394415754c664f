// Shanghai's districts and street/town units (loaded by migration 0002 from the project's copy
// of the NBS 2023 table). Read once at start-up into an immutable index: the table only changes
// through a migration.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::divisions {

struct Division {
  std::string code;
  std::string parent_code;  // "" for a district
  std::string level;        // "district" or "street"
  std::string name;
  std::string kind;
  bool is_admin = true;
};

class DivisionIndex {
 public:
  static DivisionIndex Load(db::Connection& c);

  bool IsDistrict(const std::string& code) const;
  bool IsStreet(const std::string& code) const;
  const Division* Find(const std::string& code) const;
  // Districts in order, each with its streets: [{code, name, streets:[{code,name,kind,is_admin}]}].
  const nlohmann::json& Tree() const { return tree_; }
  size_t district_count() const { return districts_.size(); }
  size_t street_count() const { return by_code_.size() - districts_.size(); }
  const std::vector<std::string>& districts() const { return districts_; }
  // Streets of a district in order.
  std::vector<std::string> StreetsOf(const std::string& district) const;

 private:
  std::map<std::string, Division> by_code_;
  std::vector<std::string> districts_;
  std::vector<std::string> streets_in_order_;
  nlohmann::json tree_;
};

}  // namespace bangyi::divisions
