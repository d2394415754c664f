#include "core/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <functional>
#include <stdexcept>

namespace bangyi::core {

namespace {

// Each setting once: its names and how to assign it from text.
struct Setting {
  ConfigKey key;
  std::function<void(Config&, const std::string&)> assign;
};

int ToInt(const std::string& name, const std::string& v, int min, int max) {
  size_t pos = 0;
  int n = 0;
  try {
    n = std::stoi(v, &pos);
  } catch (const std::exception&) {
    pos = 0;
  }
  if (pos != v.size() || v.empty() || n < min || n > max) {
    throw std::runtime_error(name + ": expected an integer in [" + std::to_string(min) + ", " +
                             std::to_string(max) + "], got '" + v + "'");
  }
  return n;
}

bool ToBool(const std::string& name, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes") {
    return true;
  }
  if (v == "0" || v == "false" || v == "no") {
    return false;
  }
  throw std::runtime_error(name + ": expected true or false, got '" + v + "'");
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      {{"data_dir", "BANGYI_DATA_DIR", "data directory (database, keys, backups)"},
       [](Config& c, const std::string& v) { c.data_dir = v; }},
      {{"listen", "BANGYI_LISTEN", "listen address"},
       [](Config& c, const std::string& v) { c.listen = v; }},
      {{"port", "BANGYI_PORT", "TCP port"},
       [](Config& c, const std::string& v) { c.port = ToInt("port", v, 0, 65535); }},
      {{"database_url", "BANGYI_DATABASE_URL", "sqlite:///path/to.db (default <data-dir>/bangyi.db)"},
       [](Config& c, const std::string& v) { c.database_url = v; }},
      {{"log_level", "BANGYI_LOG_LEVEL", "trace, debug, info, warn, error"},
       [](Config& c, const std::string& v) { c.log_level = v; }},
      {{"secrets_file", "BANGYI_SECRETS_FILE", "platform secrets file (default <data-dir>/secrets.key)"},
       [](Config& c, const std::string& v) { c.secrets_file = v; }},
      {{"web_root", "BANGYI_WEB_ROOT", "built web app folder (default web/dist)"},
       [](Config& c, const std::string& v) { c.web_root = v; }},
      {{"http.body_limit_bytes", "BANGYI_BODY_LIMIT_BYTES", "largest request body accepted (413 above)"},
       [](Config& c, const std::string& v) {
         c.body_limit_bytes = static_cast<size_t>(ToInt("body_limit_bytes", v, 1024, 1 << 30));
       }},
      {{"http.header_timeout_seconds", "BANGYI_HEADER_TIMEOUT_SECONDS", "time allowed to send request headers"},
       [](Config& c, const std::string& v) { c.header_timeout_seconds = ToInt("header_timeout_seconds", v, 1, 3600); }},
      {{"http.read_timeout_seconds", "BANGYI_READ_TIMEOUT_SECONDS", "time allowed to send a request body"},
       [](Config& c, const std::string& v) { c.read_timeout_seconds = ToInt("read_timeout_seconds", v, 1, 3600); }},
      {{"http.keep_alive_seconds", "BANGYI_KEEP_ALIVE_SECONDS", "idle keep-alive connection lifetime"},
       [](Config& c, const std::string& v) { c.keep_alive_seconds = ToInt("keep_alive_seconds", v, 1, 3600); }},
      {{"http.io_threads", "BANGYI_IO_THREADS", "network threads"},
       [](Config& c, const std::string& v) { c.io_threads = ToInt("io_threads", v, 1, 256); }},
      {{"http.worker_threads", "BANGYI_WORKER_THREADS", "threads running request handlers (database work)"},
       [](Config& c, const std::string& v) { c.worker_threads = ToInt("worker_threads", v, 1, 1024); }},
      {{"database.pool_size", "BANGYI_DB_POOL_SIZE", "database connections"},
       [](Config& c, const std::string& v) { c.db_pool_size = ToInt("pool_size", v, 1, 1024); }},
      {{"database.sqlite_synchronous", "BANGYI_SQLITE_SYNCHRONOUS", "FULL (default) or NORMAL"},
       [](Config& c, const std::string& v) {
         if (v != "FULL" && v != "NORMAL") {
           throw std::runtime_error("sqlite_synchronous: expected FULL or NORMAL, got '" + v + "'");
         }
         c.sqlite_synchronous = v;
       }},
      {{"auth.session_idle_timeout_seconds", "BANGYI_SESSION_IDLE_TIMEOUT_SECONDS", "session idle timeout"},
       [](Config& c, const std::string& v) {
         c.session_idle_timeout_seconds = ToInt("session_idle_timeout_seconds", v, 1, 7 * 86400);
       }},
      {{"auth.session_absolute_timeout_seconds", "BANGYI_SESSION_ABSOLUTE_TIMEOUT_SECONDS", "session absolute lifetime"},
       [](Config& c, const std::string& v) {
         c.session_absolute_timeout_seconds = ToInt("session_absolute_timeout_seconds", v, 1, 30 * 86400);
       }},
      {{"auth.cookie_secure", "BANGYI_COOKIE_SECURE", "add Secure to the session cookie (behind TLS)"},
       [](Config& c, const std::string& v) { c.cookie_secure = ToBool("cookie_secure", v); }},
      {{"auth.login_max_failures", "BANGYI_LOGIN_MAX_FAILURES", "failed logins per account before lockout"},
       [](Config& c, const std::string& v) { c.login_max_failures = ToInt("login_max_failures", v, 1, 1000); }},
      {{"auth.login_ip_max_failures", "BANGYI_LOGIN_IP_MAX_FAILURES", "failed logins per client IP before lockout"},
       [](Config& c, const std::string& v) { c.login_ip_max_failures = ToInt("login_ip_max_failures", v, 1, 100000); }},
      {{"auth.login_lockout_seconds", "BANGYI_LOGIN_LOCKOUT_SECONDS", "lockout duration"},
       [](Config& c, const std::string& v) { c.login_lockout_seconds = ToInt("login_lockout_seconds", v, 1, 86400); }},
      {{"cases.social_worker_scope", "BANGYI_CASES_SOCIAL_WORKER_SCOPE",
        "cases a social worker sees: organization (all of it) or own (assigned to them)"},
       [](Config& c, const std::string& v) {
         if (v != "organization" && v != "own") {
           throw std::runtime_error("cases.social_worker_scope must be organization or own, not '" + v + "'");
         }
         c.cases_social_worker_scope = v;
       }},
      {{"server.public_url", "BANGYI_PUBLIC_URL",
        "the address people outside use to reach the server (survey links and QR codes), e.g. https://bangyi.example.org"},
       [](Config& c, const std::string& v) {
         if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
           throw std::runtime_error("server.public_url must start with http:// or https://, not '" + v + "'");
         }
         c.public_url = v;
         while (!c.public_url.empty() && c.public_url.back() == '/') {
           c.public_url.pop_back();
         }
       }},
      {{"volunteers.max_active_pairings", "BANGYI_VOLUNTEERS_MAX_ACTIVE_PAIRINGS",
        "open pairings a volunteer may hold at once"},
       [](Config& c, const std::string& v) {
         c.volunteers_max_active_pairings = ToInt("volunteers.max_active_pairings", v, 1, 50);
       }},
      {{"http.trusted_proxies", "BANGYI_TRUSTED_PROXIES",
        "comma-separated proxy addresses whose X-Forwarded-For is believed (e.g. 127.0.0.1 behind nginx)"},
       [](Config& c, const std::string& v) {
         c.trusted_proxies.clear();
         size_t start = 0;
         while (start <= v.size()) {
           size_t comma = v.find(',', start);
           std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
           item.erase(0, item.find_first_not_of(' '));
           item.erase(item.find_last_not_of(' ') + 1);
           if (!item.empty()) {
             c.trusted_proxies.push_back(item);
           }
           if (comma == std::string::npos) {
             break;
           }
           start = comma + 1;
         }
       }},
      {{"metrics.token", "BANGYI_METRICS_TOKEN", "bearer token that opens /metrics beyond loopback"},
       [](Config& c, const std::string& v) { c.metrics_token = v; }},
  };
  return kSettings;
}

}  // namespace

std::string Config::PublicUrl() const {
  return public_url.empty() ? "http://" + listen + ":" + std::to_string(port) : public_url;
}

std::string Config::DatabaseUrl() const {
  return database_url.empty() ? "sqlite://" + data_dir + "/bangyi.db" : database_url;
}

std::string Config::SecretsFile() const {
  return secrets_file.empty() ? data_dir + "/secrets.key" : secrets_file;
}

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey> kKeys = [] {
    std::vector<ConfigKey> keys;
    for (const auto& s : Settings()) {
      keys.push_back(s.key);
    }
    return keys;
  }();
  return kKeys;
}

void ApplyTomlFile(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(path + ": " + std::string(e.description()));
  }
  for (const auto& s : Settings()) {
    auto node = table.at_path(s.key.toml_key);
    if (!node) {
      continue;
    }
    std::string text;
    if (auto str = node.value<std::string>()) {
      text = *str;
    } else if (auto i = node.value<int64_t>()) {
      text = std::to_string(*i);
    } else if (auto b = node.value<bool>()) {
      text = *b ? "true" : "false";
    } else {
      throw std::runtime_error(path + ": " + s.key.toml_key + " has an unsupported type");
    }
    try {
      s.assign(config, text);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(path + ": " + e.what());
    }
  }
}

void ApplyEnvironment(Config& config) {
  for (const auto& s : Settings()) {
    if (const char* v = std::getenv(s.key.env_var.c_str()); v != nullptr) {
      try {
        s.assign(config, v);
      } catch (const std::runtime_error& e) {
        throw std::runtime_error(s.key.env_var + ": " + e.what());
      }
    }
  }
}

}  // namespace bangyi::core
