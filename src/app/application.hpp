// The composition root: opens the database, applies migrations, builds every module's services
// and routes, and runs the HTTP server. The CLI (main.cpp) calls into here.
#pragma once

#include <memory>
#include <string>

#include "core/config.hpp"
#include "db/database.hpp"
#include "http/router.hpp"

namespace bangyi::app {

inline constexpr const char* kVersion = "0.1.0";

// Opens (creating the data directory when needed) and migrates the configured database.
std::unique_ptr<db::Database> OpenDatabase(const core::Config& config, bool migrate = true);

// Runs the server until SIGINT/SIGTERM. Prints the URL (and demo logins when present).
int Serve(const core::Config& config);

// Every route the server registers, "METHOD /path" (for the OpenAPI test and `bangyi routes`).
std::vector<std::string> ListRoutes(const core::Config& config);

// Creates a foundation administrator; returns the password (generated when `password` is empty).
std::string CreateAdmin(const core::Config& config, const std::string& username, const std::string& display_name,
                        std::string password);

// Demo data (deterministic, synthetic). Returns false when the database already has users.
bool SeedDemo(const core::Config& config, bool quiet);

// SQLite online backup of the live database to `to`; restore into a stopped data directory.
void Backup(const core::Config& config, const std::string& to);
void Restore(const core::Config& config, const std::string& from);

// Re-encrypts every sensitive field under a new field key (and, with `blind_index`, recomputes
// the blind indexes under a new blind-index key). Refuses while a server holds the data
// directory. Resumable: the next keys are written to the secrets file first, rows already
// carrying the new key id are skipped, and the file is promoted only after the database commit.
struct RotationResult {
  int from_key_id = 0, to_key_id = 0;
  int64_t values = 0, indexes = 0;
  bool resumed = false;
};
RotationResult RotateKeys(const core::Config& config, bool blind_index);

// Recomputes the KPI rollups from the records, in one transaction (safe while serving: writers
// wait). `differing` counts the cells whose figures the incremental rollups had differently.
struct RollupRebuild {
  int64_t records = 0, cases = 0, referrals = 0, responses = 0, cells = 0, differing = 0;
};
RollupRebuild RebuildRollups(const core::Config& config);

}  // namespace bangyi::app
