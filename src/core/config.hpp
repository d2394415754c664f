// Server configuration. Precedence, lowest first: built-in defaults, the TOML file
// (`--config FILE`, else `<data-dir>/bangyi.toml` when present), environment variables
// (`BANGYI_*`, names listed by `bangyi serve --help`), then command-line flags.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bangyi::core {

struct Config {
  std::string data_dir = "data";
  std::string listen = "127.0.0.1";
  int port = 8080;
  // "sqlite:///abs/path.db" or "sqlite://relative.db"; empty means <data_dir>/bangyi.db.
  std::string database_url;
  std::string log_level = "info";
  // Platform secrets (keys for blind indexes and field encryption); created at first start.
  std::string secrets_file;  // empty means <data_dir>/secrets.key
  std::string web_root;      // built web app; empty means auto-detect web/dist
  std::string config_file;

  size_t body_limit_bytes = 1024 * 1024;
  int header_timeout_seconds = 10;
  int read_timeout_seconds = 30;
  int keep_alive_seconds = 60;
  int io_threads = 2;
  int worker_threads = 8;
  int db_pool_size = 8;
  std::string sqlite_synchronous = "FULL";  // FULL or NORMAL

  int session_idle_timeout_seconds = 30 * 60;
  int session_absolute_timeout_seconds = 12 * 3600;
  bool cookie_secure = false;
  int login_max_failures = 5;       // per account
  int login_ip_max_failures = 20;   // per client IP: offices share one NAT address
  int login_lockout_seconds = 15 * 60;

  // Reverse proxies whose X-Forwarded-For is believed (exact addresses, e.g. nginx on
  // "127.0.0.1"). Requests through them are attributed to the forwarded client address: for
  // login throttling, audit rows and the loopback-only /metrics.
  std::vector<std::string> trusted_proxies;
  std::string metrics_token;  // when set, /metrics is open to anyone sending it as a bearer token

  // Case visibility for social workers: "organization" (all of their organization's cases) or
  // "own" (only the cases assigned to them; supervisors and administrators still see all).
  std::string cases_social_worker_scope = "organization";
  // Open (proposed, active or paused) pairings a volunteer may hold; suggestions leave out those at it.
  int volunteers_max_active_pairings = 3;
  std::string public_url;  // how people outside reach the server (survey QR codes); empty = http://listen:port

  std::string DatabaseUrl() const;
  std::string PublicUrl() const;
  std::string SecretsFile() const;
};

// One entry per setting: TOML key, environment variable, help text. Used for --help and loading.
struct ConfigKey {
  std::string toml_key;
  std::string env_var;
  std::string help;
};
const std::vector<ConfigKey>& ConfigKeys();

// Applies a TOML file; throws std::runtime_error naming the file and key on a bad value.
void ApplyTomlFile(Config& config, const std::string& path);
// Applies BANGYI_* variables from the process environment; throws on a bad value.
void ApplyEnvironment(Config& config);

}  // namespace bangyi::core
