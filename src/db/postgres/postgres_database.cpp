#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace bangyi::db::postgres {

namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

[[noreturn]] void ThrowFor(PGresult* r, PGconn* conn, std::string_view context) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state != nullptr ? state : "";
  std::string msg = std::string(context) + ": " + (r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn));
  if (sqlstate == "23505") {
    throw ConstraintError(ConstraintError::Kind::kUnique, msg);
  }
  if (sqlstate == "23503") {
    throw ConstraintError(ConstraintError::Kind::kForeignKey, msg);
  }
  if (sqlstate == "23514") {
    throw ConstraintError(ConstraintError::Kind::kCheck, msg);
  }
  if (sqlstate == "23502") {
    throw ConstraintError(ConstraintError::Kind::kNotNull, msg);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    throw RetryableError(msg);
  }
  throw std::runtime_error(msg);
}

Value Convert(PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col) != 0) {
    return nullptr;
  }
  const char* text = PQgetvalue(r, row, col);
  switch (PQftype(r, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(text, nullptr);
    case kBoolOid: return static_cast<int64_t>(text[0] == 't' ? 1 : 0);
    default: return std::string(text, static_cast<size_t>(PQgetlength(r, row, col)));
  }
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error("cannot connect to PostgreSQL: " + msg);
    }
    // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    ExecuteScript("SET client_encoding = 'UTF8'; SET standard_conforming_strings = on; SET TIME ZONE 'UTC'");
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  std::vector<Row> Query(std::string_view sql, const Params& params) override {
    Result r = Run(sql, params);
    int rows = PQntuples(r.get());
    int cols = PQnfields(r.get());
    auto names = std::make_shared<std::vector<std::string>>();
    for (int c = 0; c < cols; ++c) {
      names->emplace_back(PQfname(r.get(), c));
    }
    std::vector<Row> out;
    out.reserve(static_cast<size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        values.push_back(Convert(r.get(), i, c));
      }
      out.emplace_back(names, std::move(values));
    }
    return out;
  }

  int64_t Execute(std::string_view sql, const Params& params) override {
    Result r = Run(sql, params);
    const char* n = PQcmdTuples(r.get());
    return n != nullptr && n[0] != '\0' ? std::strtoll(n, nullptr, 10) : 0;
  }

  void ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    Result r(PQexec(conn_, text.c_str()));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      ThrowFor(r.get(), conn_, "script failed");
    }
  }

  void BeginWrite() override { ExecuteScript("BEGIN"); }
  void Commit() override { ExecuteScript("COMMIT"); }
  void Rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {
      ExecuteScript("ROLLBACK");
    }
  }
  // Transaction-scoped advisory lock: one migrator at a time across all processes.
  void LockForMigration() override { ExecuteScript("SELECT pg_advisory_xact_lock(727274)"); }
  bool Broken() const override { return PQstatus(conn_) != CONNECTION_OK; }
  bool RoundTrips() const override { return true; }

 private:
  Result Run(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size() + 1);
      Result r(PQprepare(conn_, name.c_str(), key.c_str(), static_cast<int>(params.size()), nullptr));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        ThrowFor(r.get(), conn_, "prepare failed for [" + key + "]");
      }
      it = prepared_.emplace(key, name).first;
    }
    // Text-format parameters: PostgreSQL infers each $N's type from the statement.
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (const auto* iv = std::get_if<int64_t>(&v)) {
        texts[i] = std::to_string(*iv);
      } else if (const auto* dv = std::get_if<double>(&v)) {
        texts[i] = std::to_string(*dv);
      } else if (const auto* sv = std::get_if<std::string>(&v)) {
        texts[i] = *sv;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
      lengths[i] = static_cast<int>(texts[i].size());
    }
    // Text parameters must not contain NUL (PostgreSQL text cannot hold it): refuse rather than
    // let libpq cut the value short.
    for (size_t i = 0; i < texts.size(); ++i) {
      if (texts[i].find('\0') != std::string::npos) {
        throw std::invalid_argument("parameter $" + std::to_string(i + 1) + " contains a NUL byte");
      }
    }
    Result r(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                            lengths.data(), nullptr, 0));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      ThrowFor(r.get(), conn_, "statement failed");
    }
    return r;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const std::string& url, const OpenOptions& options)
      : Database("postgresql", [url] { return std::make_unique<PostgresConnection>(url); }, options.pool_size,
                 /*serialize_writes=*/false) {}

  void BackupTo(const std::string&) override {
    throw std::runtime_error("back up PostgreSQL with pg_dump or pg_basebackup (see docs/deployment.md)");
  }
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& url, const OpenOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(url, options);
  db->Read([](Connection& c) { c.Query("SELECT 1"); });
  return db;
}

}  // namespace bangyi::db::postgres
