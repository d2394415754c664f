// The storage interface every module uses. Nothing engine-specific appears here: SQL texts use
// `$1, $2, …` placeholders, which both SQLite and PostgreSQL accept, and rows come back as
// engine-neutral values. Engines live in db/sqlite/ (and later db/postgres/).
//
// Thread-safety: a Database is shared by all threads; a Connection is used by one thread at a
// time (the pool hands it out to exactly one caller).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace bangyi::db {

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

// Optional helpers for binding: an empty optional binds NULL.
inline Value Nullable(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value Nullable(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }

// "%text%" with %, _ and \ escaped, for `LIKE $n ESCAPE '\'`; "" stays "" (filter off).
std::string LikeContains(const std::string& text);

class Row;
// A row as a JSON object keyed by column name (read models: the SQL's aliases are the field names).
nlohmann::json RowJson(const Row& row);
nlohmann::json RowsJson(const std::vector<Row>& rows);

class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(std::string_view column) const;
  // Throws std::logic_error for an unknown column (a programming error, not a data error).
  int64_t Int(std::string_view column) const;  // NULL reads as 0
  double Real(std::string_view column) const;
  std::string Text(std::string_view column) const;  // NULL reads as ""
  std::optional<int64_t> OptInt(std::string_view column) const;
  std::optional<std::string> OptText(std::string_view column) const;
  const Value& At(size_t index) const { return values_.at(index); }
  const std::vector<std::string>& columns() const { return *columns_; }

 private:
  const Value& Get(std::string_view column) const;
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> values_;
};

// A unique or foreign-key violation. It is a 409 conflict unless a service turns it into
// something more precise first.
class ConstraintError : public core::Error {
 public:
  enum class Kind { kUnique, kForeignKey, kCheck, kNotNull };
  ConstraintError(Kind kind, std::string detail)
      : core::Error(core::ErrorKind::kConflict, kind == Kind::kUnique ? "duplicate" : "conflict",
                    kind == Kind::kUnique ? "a record with the same key already exists"
                                          : "the change conflicts with related records"),
        kind_(kind), detail_(std::move(detail)) {}
  Kind kind() const { return kind_; }
  // Engine's own message, for logs only.
  const std::string& detail() const { return detail_; }

 private:
  Kind kind_;
  std::string detail_;
};

// A transaction the engine aborted for concurrency reasons (serialization failure, deadlock).
// Database::Write runs the whole callback again, up to kWriteAttempts times.
class RetryableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement and returns all rows. Statements are prepared once per connection and
  // cached by their text.
  virtual std::vector<Row> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and hands each row to `fn` as it is read, without collecting them (for
  // scans of thousands of rows). The default collects through Query; engines may stream. `fn`
  // must not run the same SQL text on this connection (the statement is cached and mid-scan).
  virtual void ForEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn) {
    for (const auto& row : Query(sql, params)) {
      fn(row);
    }
  }
  // Runs one statement; returns the number of rows changed.
  virtual int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;

  virtual void BeginWrite() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // Inside a write transaction: wait until no other process is migrating. The SQLite engine
  // needs nothing (BEGIN IMMEDIATE already excludes other writers).
  virtual void LockForMigration() {}
  // True when the link to the database is gone; the pool then drops the connection instead of
  // handing it out again (the next caller gets a fresh one).
  virtual bool Broken() const { return false; }
  // True when every statement is a network round trip (PostgreSQL), so that one statement of
  // many rows beats many of one row; on SQLite a cached one-row statement is cheaper.
  virtual bool RoundTrips() const { return false; }

  // The first row, or nullopt.
  std::optional<Row> QueryOne(std::string_view sql, const Params& params = {});
};

struct PoolStats {
  int size = 0;            // connections open
  int max_size = 0;
  int in_use = 0;
  int waiting = 0;         // callers waiting for a connection
  int writer_waiting = 0;  // callers waiting for the write lock
  int64_t writes_total = 0;
  int64_t write_wait_micros_total = 0;
};

class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // `serialize_writes`: one write transaction at a time in this process (SQLite has one writer;
  // queuing here instead of on SQLITE_BUSY keeps tail latency low).
  Database(std::string engine, Factory factory, int pool_size, bool serialize_writes);
  virtual ~Database() = default;

  const std::string& engine() const { return engine_; }

  // Runs `fn(Connection&)` on a pooled connection without a transaction.
  template <typename F>
  auto Read(F&& fn) {
    Lease lease(*this);
    return fn(*lease.connection);
  }

  static constexpr int kWriteAttempts = 3;

  // Runs `fn(Connection&)` inside a write transaction: committed when fn returns, rolled back
  // when it throws (the exception propagates). Nothing is half-written. When the engine aborts
  // the transaction for concurrency reasons, fn runs again (so fn must not have effects outside
  // the transaction).
  template <typename F>
  auto Write(F&& fn) {
    for (int attempt = 1;; ++attempt) {
      try {
        return WriteOnce(fn);
      } catch (const RetryableError&) {
        if (attempt >= kWriteAttempts) {
          throw;
        }
      }
    }
  }

  PoolStats Stats() const;

  // Engine-specific operations, implemented by the engine.
  // Consistent copy of the live database to `path` (SQLite online backup).
  virtual void BackupTo(const std::string& path) = 0;

 private:
  template <typename F>
  auto WriteOnce(F& fn) {
    WriteLock lock(*this);
    Lease lease(*this);
    Connection& c = *lease.connection;
    c.BeginWrite();
    try {
      if constexpr (std::is_void_v<decltype(fn(c))>) {
        fn(c);
        c.Commit();
      } else {
        auto result = fn(c);
        c.Commit();
        return result;
      }
    } catch (...) {
      try {
        c.Rollback();
      } catch (...) {
        lease.Discard();  // a connection that cannot roll back is not reused
      }
      throw;
    }
  }

  struct Lease {
    explicit Lease(Database& db);
    ~Lease();
    void Discard() { discard = true; }
    Database& db;
    std::unique_ptr<Connection> connection;
    bool discard = false;
  };
  struct WriteLock {
    explicit WriteLock(Database& db);
    ~WriteLock();
    Database& db;
  };

  std::string engine_;
  Factory factory_;
  int max_size_;
  bool serialize_writes_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  int waiting_ = 0;

  std::mutex write_mu_;
  int writer_waiting_ = 0;  // guarded by mu_
  int64_t writes_total_ = 0;
  int64_t write_wait_micros_ = 0;
};

// Opens the database named by `url`: "sqlite:///abs/path", "sqlite://rel/path", or a libpq URI
// "postgresql://user@host:port/db" (also "postgres://").
// Throws std::runtime_error for an unknown scheme or an unopenable file.
struct OpenOptions {
  int pool_size = 8;
  std::string sqlite_synchronous = "FULL";
};
std::unique_ptr<Database> Open(const std::string& url, const OpenOptions& options);

}  // namespace bangyi::db
