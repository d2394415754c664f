#include "db/database.hpp"

#include <chrono>
#include <stdexcept>

#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace bangyi::db {

const Value& Row::Get(std::string_view column) const {
  for (size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == column) {
      return values_[i];
    }
  }
  throw std::logic_error("no column '" + std::string(column) + "' in result");
}

bool Row::IsNull(std::string_view column) const {
  return std::holds_alternative<std::nullptr_t>(Get(column));
}

int64_t Row::Int(std::string_view column) const {
  const Value& v = Get(column);
  if (const auto* i = std::get_if<int64_t>(&v)) {
    return *i;
  }
  if (const auto* d = std::get_if<double>(&v)) {
    return static_cast<int64_t>(*d);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    return std::stoll(*s);
  }
  return 0;
}

double Row::Real(std::string_view column) const {
  const Value& v = Get(column);
  if (const auto* d = std::get_if<double>(&v)) {
    return *d;
  }
  if (const auto* i = std::get_if<int64_t>(&v)) {
    return static_cast<double>(*i);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    return std::stod(*s);
  }
  return 0;
}

std::string Row::Text(std::string_view column) const {
  const Value& v = Get(column);
  if (const auto* s = std::get_if<std::string>(&v)) {
    return *s;
  }
  if (const auto* i = std::get_if<int64_t>(&v)) {
    return std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&v)) {
    return std::to_string(*d);
  }
  return {};
}

std::optional<int64_t> Row::OptInt(std::string_view column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int(column);
}

std::optional<std::string> Row::OptText(std::string_view column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Text(column);
}

nlohmann::json RowJson(const Row& row) {
  nlohmann::json out = nlohmann::json::object();
  const auto& names = row.columns();
  for (size_t i = 0; i < row.size(); ++i) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            out[names[i]] = nullptr;
          } else {
            out[names[i]] = v;
          }
        },
        row.At(i));
  }
  return out;
}

nlohmann::json RowsJson(const std::vector<Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    out.push_back(RowJson(r));
  }
  return out;
}

std::string LikeContains(const std::string& text) {
  if (text.empty()) {
    return text;
  }
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out + "%";
}

std::optional<Row> Connection::QueryOne(std::string_view sql, const Params& params) {
  auto rows = Query(sql, params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return std::move(rows.front());
}

Database::Database(std::string engine, Factory factory, int pool_size, bool serialize_writes)
    : engine_(std::move(engine)), factory_(std::move(factory)), max_size_(pool_size),
      serialize_writes_(serialize_writes) {}

Database::Lease::Lease(Database& d) : db(d) {
  std::unique_lock lock(db.mu_);
  ++db.waiting_;
  db.cv_.wait(lock, [&] { return !db.idle_.empty() || db.open_ < db.max_size_; });
  --db.waiting_;
  ++db.in_use_;
  if (!db.idle_.empty()) {
    connection = std::move(db.idle_.back());
    db.idle_.pop_back();
    return;
  }
  ++db.open_;
  lock.unlock();
  try {
    connection = db.factory_();
  } catch (...) {
    lock.lock();
    --db.open_;
    --db.in_use_;
    db.cv_.notify_one();
    throw;
  }
}

Database::Lease::~Lease() {
  std::lock_guard lock(db.mu_);
  --db.in_use_;
  if (discard || !connection || connection->Broken()) {
    --db.open_;
  } else {
    db.idle_.push_back(std::move(connection));
  }
  db.cv_.notify_one();
}

Database::WriteLock::WriteLock(Database& d) : db(d) {
  if (!db.serialize_writes_) {
    return;
  }
  auto start = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(db.mu_);
    ++db.writer_waiting_;
  }
  db.write_mu_.lock();
  auto waited = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start).count();
  std::lock_guard lock(db.mu_);
  --db.writer_waiting_;
  ++db.writes_total_;
  db.write_wait_micros_ += waited;
}

Database::WriteLock::~WriteLock() {
  if (db.serialize_writes_) {
    db.write_mu_.unlock();
  }
}

PoolStats Database::Stats() const {
  std::lock_guard lock(mu_);
  return PoolStats{open_, max_size_, in_use_, waiting_, writer_waiting_, writes_total_, write_wait_micros_};
}

std::unique_ptr<Database> Open(const std::string& url, const OpenOptions& options) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.rfind(kSqlite, 0) == 0) {
    return sqlite::OpenSqlite(url.substr(kSqlite.size()), options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return postgres::OpenPostgres(url, options);
  }
  throw std::runtime_error("unsupported database URL '" + url + "' (expected sqlite://PATH or postgresql://…)");
}

}  // namespace bangyi::db
