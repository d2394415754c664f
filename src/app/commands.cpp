// CLI commands that act on a data directory: create-admin, backup, restore.
#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/application.hpp"
#include "app/data_dir_lock.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "db/migrator.hpp"
#include "db/sqlite/sqlite_database.hpp"
#include "modules/accounts/password.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/audit/audit.hpp"

namespace bangyi::app {

namespace fs = std::filesystem;

namespace {

std::string SqlitePathOf(const core::Config& config) {
  std::string url = config.DatabaseUrl();
  constexpr std::string_view kPrefix = "sqlite://";
  if (url.rfind(kPrefix, 0) != 0) {
    throw std::runtime_error("backup and restore handle sqlite:// databases (got " + url + ")");
  }
  return url.substr(kPrefix.size());
}

}  // namespace

std::string CreateAdmin(const core::Config& config, const std::string& username_in, const std::string& display_name,
                        std::string password) {
  std::string username = accounts::NormalizeUsername(username_in);
  if (auto problem = accounts::CheckUsername(username); !problem.empty()) {
    throw std::runtime_error("username: 3-64 characters of a-z 0-9 . _ -");
  }
  if (password.empty()) {
    password = core::RandomToken(12);
  }
  if (auto problem = accounts::CheckPasswordPolicy(password, username); !problem.empty()) {
    throw std::runtime_error("password: " + problem + " (at least 10 characters, not the username)");
  }
  auto db = OpenDatabase(config);
  std::string hash = core::HashPassword(password);
  db->Write([&](db::Connection& c) {
    if (accounts::FindUserByUsername(c, username)) {
      throw std::runtime_error("user " + username + " already exists");
    }
    accounts::User u;
    u.username = username;
    u.display_name = display_name.empty() ? username : display_name;
    u.password_hash = hash;
    u.status = "active";
    int64_t id = accounts::InsertUser(c, u);
    accounts::ReplaceRoles(c, id, std::nullopt, {{"foundation_admin", "platform", ""}});
    audit::Record(c, audit::Actor{std::nullopt, "cli", "", "local"},
                  {"user.create", "user", std::to_string(id), std::nullopt,
                   {{"username", {{"from", nullptr}, {"to", username}}},
                    {"roles", {{"from", nullptr}, {"to", {"foundation_admin@platform"}}}},
                    {"password", {{"changed", true}}}}});
  });
  return password;
}

void Backup(const core::Config& config, const std::string& to) {
  std::string from = SqlitePathOf(config);
  if (!fs::exists(from)) {
    throw std::runtime_error("no database at " + from);
  }
  std::string tmp = to + ".partial";
  fs::remove(tmp);
  db::sqlite::BackupFile(from, tmp);
  fs::rename(tmp, to);
}

void Restore(const core::Config& config, const std::string& from) {
  if (!fs::exists(from)) {
    throw std::runtime_error("no backup at " + from);
  }
  db::sqlite::VerifyBackup(from, static_cast<int>(db::EmbeddedMigrations().back().version));
  fs::create_directories(config.data_dir);
  DataDirLock lock(config.data_dir, /*exclusive=*/true);  // refuses while a server runs
  std::string target = SqlitePathOf(config);
  // Keep the database being replaced: nothing is lost by a restore.
  if (fs::exists(target)) {
    std::string keep = target + ".before-restore-" + std::to_string(core::NowUnix());
    db::sqlite::BackupFile(target, keep);
    spdlog::info("previous database kept as {}", keep);
  }
  std::string tmp = target + ".restoring";
  fs::remove(tmp);
  db::sqlite::BackupFile(from, tmp);
  fs::remove(target + "-wal");
  fs::remove(target + "-shm");
  fs::rename(tmp, target);
}

}  // namespace bangyi::app
