// PostgreSQL engine over libpq: a pool of connections, statements prepared once per connection
// (named by a counter, keyed by their text), text-format parameters and results converted to
// engine-neutral values, SQLSTATE mapped to the same errors as SQLite (23505 → duplicate 409,
// 23503 → conflict 409), and serialization failures / deadlocks retried by Database::Write.
// Writers are not serialized in-process: PostgreSQL handles concurrent writers itself.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace bangyi::db::postgres {

// `url` is a libpq connection URI ("postgresql://user@host:port/dbname?...").
std::unique_ptr<Database> OpenPostgres(const std::string& url, const OpenOptions& options);

}  // namespace bangyi::db::postgres
