// Forward-only migrations: migrations/NNNN_name.sql, compiled into the binary in file order.
// Each runs in its own write transaction together with its schema_version row, so a failing
// migration leaves the database exactly as it was before it.
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations in migrations/, sorted by version (generated at build time).
const std::vector<Migration>& EmbeddedMigrations();

// Highest applied version, 0 for an empty database.
int SchemaVersion(Database& db);

// Applies every migration above the current version; returns how many ran. Throws
// std::runtime_error naming the migration that failed.
int Migrate(Database& db, const std::vector<Migration>& migrations = EmbeddedMigrations());




}  // namespace bangyi::db
