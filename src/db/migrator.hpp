// Forward-only migrations: migrations/NNNN_name.sql, compiled into the binary in file order.
// A file migrations/postgres/NNNN_name.sql replaces the common one of the same number for
// PostgreSQL (where the dialects differ: identity columns, triggers); both engines therefore
// reach the same schema_version with the same tables and columns.
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

// The migrations for `engine` ("sqlite" or "postgresql"), sorted by version (generated at build time).
const std::vector<Migration>& EmbeddedMigrations(const std::string& engine = "sqlite");

// Highest applied version, 0 for an empty database.
int SchemaVersion(Database& db);

// Applies every migration above the current version; returns how many ran. Throws
// std::runtime_error naming the migration that failed.
int Migrate(Database& db);
int Migrate(Database& db, const std::vector<Migration>& migrations);




}  // namespace bangyi::db
