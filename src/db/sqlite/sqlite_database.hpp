// SQLite engine: WAL, foreign keys on, busy timeout, NOMUTEX connections (each used by one
// thread at a time through the pool), a statement cache per connection, and one writer at a time.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace bangyi::db::sqlite {

// `path` is a file path ("/abs/file.db" or "rel/file.db"). The file is created when missing.
std::unique_ptr<Database> OpenSqlite(const std::string& path, const OpenOptions& options);

// Copies `from` (a live database, possibly in use by another process) to `to` with the online
// backup API. The copy is a consistent snapshot. Throws std::runtime_error on failure.
void BackupFile(const std::string& from, const std::string& to);

// Checks that `path` is an intact Bangyi database (integrity_check, schema_version present and
// not newer than `max_schema_version`). Throws std::runtime_error saying what is wrong.
void VerifyBackup(const std::string& path, int max_schema_version);

}  // namespace bangyi::db::sqlite
