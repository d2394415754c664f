// bangyi — the command line: serve | migrate | create-admin | seed-demo | backup | restore |
// rotate-keys | rebuild-rollups | routes.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/application.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "db/migrator.hpp"

namespace {

using bangyi::core::Config;

// Flags shared by every command that touches a data directory.
struct CommonFlags {
  std::string config_file;
  std::string data_dir;
  std::string database_url;
  std::string log_level;
};

void AddCommon(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--config", f.config_file, "TOML config file (default <data-dir>/bangyi.toml if present)");
  cmd->add_option("--data-dir", f.data_dir, "data directory [env BANGYI_DATA_DIR] (default ./data)");
  cmd->add_option("--database-url", f.database_url, "sqlite:///path.db [env BANGYI_DATABASE_URL]");
  cmd->add_option("--log-level", f.log_level, "trace|debug|info|warn|error [env BANGYI_LOG_LEVEL]");
}

// Defaults, then the TOML file, then BANGYI_* variables, then flags.
Config Resolve(const CommonFlags& f) {
  Config c;
  std::string data_dir_hint = !f.data_dir.empty() ? f.data_dir : (std::getenv("BANGYI_DATA_DIR") ? std::getenv("BANGYI_DATA_DIR") : c.data_dir);
  std::string file = !f.config_file.empty() ? f.config_file : data_dir_hint + "/bangyi.toml";
  if (!f.config_file.empty() || std::filesystem::exists(file)) {
    bangyi::core::ApplyTomlFile(c, file);
    c.config_file = file;
  }
  bangyi::core::ApplyEnvironment(c);
  if (!f.data_dir.empty()) c.data_dir = f.data_dir;
  if (!f.database_url.empty()) c.database_url = f.database_url;
  if (!f.log_level.empty()) c.log_level = f.log_level;
  spdlog::set_level(spdlog::level::from_str(c.log_level));
  return c;
}

std::string EnvironmentHelp() {
  std::string out = "\nSettings (TOML key / environment variable):\n";
  for (const auto& k : bangyi::core::ConfigKeys()) {
    out += "  " + k.toml_key + " / " + k.env_var + "\n      " + k.help + "\n";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bangyi::core::InitCrypto();
  CLI::App app{"Bangyi 帮依一把综合帮扶平台 — service-type social assistance platform"};
  app.require_subcommand(1);
  app.set_version_flag("--version", bangyi::app::kVersion);

  CommonFlags common;
  std::string listen;
  int port = -1;
  std::string web_root;
  auto* serve = app.add_subcommand("serve", "run the HTTP server (applies migrations first)");
  AddCommon(serve, common);
  serve->add_option("--listen", listen, "listen address [env BANGYI_LISTEN] (default 127.0.0.1)");
  serve->add_option("--port", port, "TCP port [env BANGYI_PORT] (default 8080; 0 picks a free one)");
  serve->add_option("--web-root", web_root, "built web app folder [env BANGYI_WEB_ROOT] (default web/dist)");
  serve->footer(EnvironmentHelp());

  auto* migrate = app.add_subcommand("migrate", "apply pending database migrations and exit");
  AddCommon(migrate, common);

  std::string username = "admin";
  std::string display_name;
  auto* create_admin = app.add_subcommand(
      "create-admin", "create a foundation administrator (password from BANGYI_ADMIN_PASSWORD or generated)");
  AddCommon(create_admin, common);
  create_admin->add_option("--username", username, "login name (default admin)");
  create_admin->add_option("--display-name", display_name, "name shown in the app");

  bool if_empty = false;
  auto* seed = app.add_subcommand("seed-demo", "fill an empty database with deterministic demo data");
  AddCommon(seed, common);
  seed->add_flag("--if-empty", if_empty, "do nothing (exit 0) when the database already has users");
  bool quiet = false;
  seed->add_flag("--quiet", quiet, "do not print the demo logins (serve prints them)");

  std::string backup_to;
  auto* backup = app.add_subcommand("backup", "consistent copy of the live database (safe while serving)");
  AddCommon(backup, common);
  backup->add_option("--to", backup_to, "backup file to write")->required();

  std::string restore_from;
  auto* restore = app.add_subcommand("restore", "bring a backup back into a stopped data directory");
  AddCommon(restore, common);
  restore->add_option("--from", restore_from, "backup file to restore")->required();

  bool rotate_blind = false;
  auto* rotate = app.add_subcommand("rotate-keys", "re-encrypt sensitive fields under a new key (server stopped)");
  AddCommon(rotate, common);
  rotate->add_flag("--blind-index", rotate_blind, "also replace the blind-index key and recompute the indexes");

  auto* rebuild = app.add_subcommand("rebuild-rollups", "recompute the KPI rollups from the records and report differences");
  AddCommon(rebuild, common);

  auto* routes = app.add_subcommand("routes", "print every HTTP route, one per line");
  AddCommon(routes, common);

  CLI11_PARSE(app, argc, argv);

  try {
    Config config = Resolve(common);
    if (*serve) {
      if (!listen.empty()) config.listen = listen;
      if (port >= 0) config.port = port;
      if (!web_root.empty()) config.web_root = web_root;
      return bangyi::app::Serve(config);
    }
    if (*migrate) {
      auto db = bangyi::app::OpenDatabase(config);
      std::cout << "schema version " << bangyi::db::SchemaVersion(*db) << std::endl;
      return 0;
    }
    if (*create_admin) {
      const char* env = std::getenv("BANGYI_ADMIN_PASSWORD");
      std::string password = bangyi::app::CreateAdmin(config, username, display_name, env ? env : "");
      std::cout << "created foundation administrator '" << username << "'";
      if (env == nullptr) {
        std::cout << " with password: " << password;
      }
      std::cout << std::endl;
      return 0;
    }
    if (*seed) {
      if (!bangyi::app::SeedDemo(config, quiet)) {
        if (if_empty) {
          return 0;
        }
        std::cerr << "the database already has users; demo data is only added to an empty database" << std::endl;
        return 1;
      }
      return 0;
    }
    if (*backup) {
      bangyi::app::Backup(config, backup_to);
      std::cout << "backup written to " << backup_to << std::endl;
      return 0;
    }
    if (*restore) {
      bangyi::app::Restore(config, restore_from);
      std::cout << "restored " << restore_from << " into " << config.data_dir << std::endl;
      return 0;
    }
    if (*rotate) {
      auto r = bangyi::app::RotateKeys(config, rotate_blind);
      std::cout << (r.resumed ? "resumed and finished" : "finished") << " key rotation: field key " << r.from_key_id
                << " -> " << r.to_key_id << ", " << r.values << " values re-encrypted, " << r.indexes
                << " blind indexes recomputed" << std::endl;
      return 0;
    }
    if (*rebuild) {
      auto r = bangyi::app::RebuildRollups(config);
      std::cout << "rebuilt KPI rollups from " << r.records << " service records, " << r.cases << " cases, "
                << r.referrals << " referrals and " << r.responses << " survey responses: " << r.cells
                << " cells, " << r.differing << " differed from the incremental rollups" << std::endl;
      return 0;
    }
    if (*routes) {
      for (const auto& r : bangyi::app::ListRoutes(config)) {
        std::cout << r << "\n";
      }
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "bangyi: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
