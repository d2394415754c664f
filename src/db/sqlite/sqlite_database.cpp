#include "db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <unordered_map>

namespace bangyi::db::sqlite {

namespace {

[[noreturn]] void Throw(sqlite3* db, int rc, std::string_view context) {
  std::string msg = std::string(context) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (sqlite3_extended_errcode(db)) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw ConstraintError(ConstraintError::Kind::kUnique, msg);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw ConstraintError(ConstraintError::Kind::kForeignKey, msg);
    case SQLITE_CONSTRAINT_CHECK:
      throw ConstraintError(ConstraintError::Kind::kCheck, msg);
    case SQLITE_CONSTRAINT_NOTNULL:
      throw ConstraintError(ConstraintError::Kind::kNotNull, msg);
    default:
      throw std::runtime_error(msg);
  }
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const std::string& synchronous) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw std::runtime_error("cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    // Reads go through a memory map and a 16 MB page cache per connection: list and ranking
    // queries that read thousands of rows (pairing suggestions, portfolios) then copy no pages.
    ExecuteScript("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=" + synchronous +
                  "; PRAGMA cache_size=-16000; PRAGMA mmap_size=268435456;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, entry] : cache_) {
      sqlite3_finalize(entry.stmt);
    }
    sqlite3_close(db_);
  }

  std::vector<Row> Query(std::string_view sql, const Params& params) override {
    std::vector<Row> rows;
    Step(sql, params, [&](std::shared_ptr<const std::vector<std::string>>& columns, std::vector<Value>&& values) {
      rows.emplace_back(columns, std::move(values));
    });
    return rows;
  }

  void ForEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn) override {
    Step(sql, params, [&](std::shared_ptr<const std::vector<std::string>>& columns, std::vector<Value>&& values) {
      fn(Row(columns, std::move(values)));
    });
  }

  int64_t Execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    int rc = sqlite3_step(stmt);
    while (rc == SQLITE_ROW) {
      rc = sqlite3_step(stmt);
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) {
      Throw(db_, rc, "statement failed");
    }
    return sqlite3_changes64(db_);
  }

  void ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw std::runtime_error("script failed: " + msg);
    }
  }

  // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on upgrade.
  void BeginWrite() override { Execute("BEGIN IMMEDIATE", {}); }
  void Commit() override { Execute("COMMIT", {}); }
  void Rollback() override {
    if (sqlite3_get_autocommit(db_) == 0) {
      Execute("ROLLBACK", {});
    }
  }

 private:
  // Steps a prepared statement, handing each row's columns and values to `on_row`; the cached
  // statement is reset whatever happens.
  template <typename OnRow>
  void Step(std::string_view sql, const Params& params, OnRow&& on_row) {
    sqlite3_stmt* stmt = Prepare(sql, params);
    std::shared_ptr<const std::vector<std::string>> columns;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) {
        break;
      }
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        Throw(db_, rc, "query failed");
      }
      int n = sqlite3_column_count(stmt);
      if (!columns) {
        auto names = std::make_shared<std::vector<std::string>>();
        for (int i = 0; i < n; ++i) {
          names->emplace_back(sqlite3_column_name(stmt, i));
        }
        columns = std::move(names);
      }
      std::vector<Value> values;
      values.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER: values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i))); break;
          case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, i)); break;
          case SQLITE_NULL: values.emplace_back(nullptr); break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            values.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
          }
        }
      }
      try {
        on_row(columns, std::move(values));
      } catch (...) {
        sqlite3_reset(stmt);
        throw;
      }
    }
    sqlite3_reset(stmt);
  }

  sqlite3_stmt* Prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      sqlite3_stmt* prepared = nullptr;
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                  &prepared, nullptr);
      if (rc != SQLITE_OK) {
        Throw(db_, rc, "prepare failed for [" + std::string(sql) + "]");
      }
      // Placeholders are "$N": each slot is bound by its number, whatever order they appear in.
      // The numbers are read once here (sqlite3_bind_parameter_name is linear in the slots).
      Statement entry{prepared, {}};
      int count = sqlite3_bind_parameter_count(prepared);
      for (int i = 1; i <= count; ++i) {
        const char* name = sqlite3_bind_parameter_name(prepared, i);
        entry.numbers.push_back(name != nullptr && name[0] == '$' ? std::stoul(name + 1) : static_cast<size_t>(i));
      }
      it = cache_.emplace(std::string(sql), std::move(entry)).first;
    }
    sqlite3_stmt* stmt = it->second.stmt;
    sqlite3_clear_bindings(stmt);
    const auto& numbers = it->second.numbers;
    for (int i = 1; i <= static_cast<int>(numbers.size()); ++i) {
      size_t n = numbers[static_cast<size_t>(i - 1)];
      if (n == 0 || n > params.size()) {
        throw std::logic_error("missing parameter " + std::to_string(n) + " for [" + std::string(sql) + "]");
      }
      const Value& v = params[n - 1];
      int rc = SQLITE_OK;
      if (const auto* iv = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i, *iv);
      } else if (const auto* dv = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i, *dv);
      } else if (const auto* sv = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text64(stmt, i, sv->data(), sv->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, i);
      }
      if (rc != SQLITE_OK) {
        Throw(db_, rc, "bind failed");
      }
    }
    return stmt;
  }

  struct Statement {
    sqlite3_stmt* stmt;
    std::vector<size_t> numbers;  // the "$N" of each slot
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Statement> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options)
      : Database("sqlite",
                 [path, sync = options.sqlite_synchronous] {
                   return std::make_unique<SqliteConnection>(path, sync);
                 },
                 options.pool_size, /*serialize_writes=*/true),
        path_(std::move(path)) {}

  void BackupTo(const std::string& to) override { BackupFile(path_, to); }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& path, const OpenOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(path, options);
  // Open one connection now so a bad path fails at start-up, not on the first request.
  db->Read([](Connection& c) { c.Query("SELECT 1"); });
  return db;
}

void BackupFile(const std::string& from, const std::string& to) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(src);
    close();
    throw std::runtime_error("cannot open " + from + ": " + msg);
  }
  sqlite3_busy_timeout(src, 10000);
  if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    throw std::runtime_error("cannot create " + to + ": " + msg);
  }
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (backup == nullptr) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    throw std::runtime_error("backup failed: " + msg);
  }
  // One step copies every page under a single read transaction: a consistent snapshot even
  // while the server keeps writing (WAL readers do not block writers).
  int rc = sqlite3_backup_step(backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    sqlite3_sleep(50);
    rc = sqlite3_backup_step(backup, -1);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    std::string msg = sqlite3_errstr(rc);
    close();
    throw std::runtime_error("backup failed: " + msg);
  }
  close();
}

void VerifyBackup(const std::string& path, int max_schema_version) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  auto scalar = [&](const char* sql) -> std::string {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(stmt);
    return out;
  };
  std::string integrity = scalar("PRAGMA integrity_check");
  std::string has_version = scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  std::string version = has_version.empty() ? "" : scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  sqlite3_close(db);
  if (integrity != "ok") {
    throw std::runtime_error(path + " failed the integrity check (" + integrity + ")");
  }
  if (has_version.empty()) {
    throw std::runtime_error(path + " is not a Bangyi database (no schema_version table)");
  }
  if (std::stoi(version) > max_schema_version) {
    throw std::runtime_error(path + " has schema version " + version + ", newer than this binary knows (" +
                             std::to_string(max_schema_version) + ")");
  }
}

}  // namespace bangyi::db::sqlite
