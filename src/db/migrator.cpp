#include "db/migrator.hpp"

#include <stdexcept>

#include "core/clock.hpp"

namespace bangyi::db {

namespace {

constexpr std::string_view kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr std::string_view kSelectSchemaVersion = "SELECT COALESCE(MAX(version), 0) AS v FROM schema_version";
constexpr std::string_view kInsertSchemaVersion =
    "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)";

}  // namespace

int SchemaVersion(Database& db) {
  return db.Read([](Connection& c) {
    c.Execute(kCreateSchemaVersion);
    return static_cast<int>(c.QueryOne(kSelectSchemaVersion)->Int("v"));
  });
}

int Migrate(Database& db) { return Migrate(db, EmbeddedMigrations(db.engine())); }

int Migrate(Database& db, const std::vector<Migration>& migrations) {
  int current = SchemaVersion(db);
  int applied = 0;
  for (const auto& m : migrations) {
    if (m.version <= current) {
      continue;
    }
    try {
      db.Write([&](Connection& c) {
        // Another process may have applied it since we looked: check again under the lock.
        c.LockForMigration();
        if (c.QueryOne(kSelectSchemaVersion)->Int("v") >= m.version) {
          return;
        }
        c.ExecuteScript(m.sql);
        c.Execute(kInsertSchemaVersion, {int64_t{m.version}, m.name, core::NowIso()});
      });
    } catch (const std::exception& e) {
      throw std::runtime_error("migration " + m.name + " failed: " + e.what());
    }
    ++applied;
  }
  return applied;
}

}  // namespace bangyi::db
