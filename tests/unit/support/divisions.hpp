// The real divisions table for unit tests of input rules: migrated once per test process into a
// temporary SQLite file, loaded, and the file removed.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "db/migrator.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::testing {

inline const divisions::DivisionIndex& TestDivisions() {
  static const divisions::DivisionIndex kIndex = [] {
    auto path = std::filesystem::temp_directory_path() / ("bangyi-divisions-" + std::to_string(getpid()) + ".db");
    std::filesystem::remove(path);
    auto db = db::Open("sqlite://" + path.string(), db::OpenOptions{1, "NORMAL"});
    db::Migrate(*db);
    auto index = db->Read([](db::Connection& c) { return divisions::DivisionIndex::Load(c); });
    db.reset();
    std::filesystem::remove(path);
    return index;
  }();
  return kIndex;
}

}  // namespace bangyi::testing
