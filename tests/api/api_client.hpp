// Test harness for API tests: starts the real `bangyi` binary on 127.0.0.1 with a fresh
// temporary data directory and a free port, and talks to it over real HTTP (Beast client).
#pragma once

#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bangyi::testing {

using Env = std::map<std::string, std::string>;

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-case; Set-Cookie joined by "\n"
  std::string body;
  nlohmann::json Json() const;
  // error.code of an error body, or "".
  std::string ErrorCode() const;
  // fields[] of an error body as "field:code" strings.
  std::vector<std::string> ErrorFields() const;
};

// The engine under test: BANGYI_TEST_ENGINE=postgresql (set by ctest for the "postgresql."
// tests) gives each server a fresh database in the cluster named by BANGYI_TEST_PG_URL
// (scripts/with-postgres.sh starts one); otherwise a SQLite file in the data directory.
std::string TestEngine();

class TestServer {
 public:
  // `env` adds BANGYI_* settings for this server. An admin "admin" with kAdminPassword exists.
  // With BANGYI_DATABASE_URL in `env` the server joins that database instead of a fresh one.
  explicit TestServer(std::map<std::string, std::string> env = {}, bool create_admin = true);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  void Start();
  // SIGTERM and wait; returns the exit status.
  int Stop();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& data_dir() const { return data_dir_; }
  // The SQLite file (SQLite servers only).
  std::string db_path() const { return database_url_.substr(std::string("sqlite://").size()); }
  const std::string& engine() const { return engine_; }
  const std::string& database_url() const { return database_url_; }
  // Runs `bangyi ARGS…` with this server's data dir and env; returns exit code, output in `out`.
  int RunCli(const std::vector<std::string>& args, std::string* out = nullptr) const;
  // Runs SQL against the live database with the engine's own CLI (sqlite3 or psql).
  // CountRows returns the single integer a SELECT COUNT(*) prints; Query returns the output.
  long long CountRows(const std::string& sql) const;
  std::string Query(const std::string& sql) const;
  // Exit status of running `sql` (non-zero when the database refused it).
  int ExecSql(const std::string& sql) const;

  static constexpr const char* kAdminPassword = "Admin-Password-2026";

 private:
  std::map<std::string, std::string> env_;
  std::string data_dir_;
  std::string engine_;
  std::string database_url_;
  std::string owned_pg_database_;  // created for this server, dropped with it
  int port_ = 0;
  pid_t pid_ = -1;
};

// One client = one cookie jar + CSRF token, like one browser.
class Client {
 public:
  explicit Client(const TestServer& server) : port_(server.port()) {}
  explicit Client(int port) : port_(port) {}

  HttpResponse Request(const std::string& method, const std::string& target, const std::string& body = "",
                       std::map<std::string, std::string> headers = {});
  HttpResponse Get(const std::string& target) { return Request("GET", target); }
  HttpResponse Post(const std::string& target, const nlohmann::json& body) { return Request("POST", target, body.dump()); }
  HttpResponse Put(const std::string& target, const nlohmann::json& body) { return Request("PUT", target, body.dump()); }
  HttpResponse Delete(const std::string& target) { return Request("DELETE", target); }

  // Logs in; on success keeps the session cookie and CSRF token. Returns the response.
  HttpResponse Login(const std::string& username, const std::string& password);
  void set_send_csrf(bool v) { send_csrf_ = v; }
  void set_bearer(const std::string& token) { bearer_ = token; }
  const std::string& csrf() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }
  void set_cookie(const std::string& c) { cookie_ = c; }

 private:
  int port_;
  std::string cookie_;
  std::string csrf_;
  std::string bearer_;
  bool send_csrf_ = true;
};

// Helpers for test data.
std::string ValidCreditCode(char category, const std::string& district, int serial);
nlohmann::json OrganizationBody(const std::string& name, const std::string& credit_code,
                                const std::string& district = "310101");
// Creates an organization as `admin`; returns its id.
long long CreateOrganization(Client& admin, const std::string& name, int serial, const std::string& district = "310101");
// Creates a user with one role; returns its id. Password is "<username>-Password-1".
long long CreateUser(Client& admin, const std::string& username, const std::string& role,
                     std::optional<long long> organization_id, const std::string& scope_type = "",
                     const std::string& scope_id = "");
// Logs in a freshly created user (handles the forced first password change).
Client LoginNewUser(const TestServer& server, const std::string& username);
// What a shell command printed on stdout (tools such as pdftotext or libreoffice).
std::string CommandOutput(const std::string& command);

}  // namespace bangyi::testing
