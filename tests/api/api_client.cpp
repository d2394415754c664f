#include <utility>

#include "api/api_client.hpp"

#include <cstdio>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "core/validation.hpp"

extern char** environ;

namespace bangyi::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

int FreePort() {
  asio::io_context io;
  tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

std::string MakeTempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "bangyi-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  return tmpl;
}

// fork/exec `bangyi` with extra environment; stdout/stderr to `log`. Everything the child needs
// is prepared before fork(): tests fork while other threads run, and only async-signal-safe
// calls are allowed between fork and exec.
pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& log) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    if (env.count(name) == 0) {
      env_strings.push_back(entry);
    }
  }
  for (const auto& [k, v] : env) {
    env_strings.push_back(k + "=" + v);
  }
  std::vector<char*> envp;
  for (auto& e : env_strings) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::string bin = BANGYI_BINARY;
  std::vector<std::string> argv_strings = {bin};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot open " + log);
  }
  pid_t pid = fork();
  if (pid < 0) {
    ::close(fd);
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    execve(bin.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  ::close(fd);
  return pid;
}

// Runs argv (no shell), returns exit status; stdout (and stderr) into *out.
int RunCapture(const std::vector<std::string>& args, std::string* out) {
  int fds[2];
  if (pipe(fds) != 0) {
    throw std::runtime_error("pipe failed");
  }
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t n = 0;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out != nullptr) {
    *out = text;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string PgAdminUrl() {
  const char* url = std::getenv("BANGYI_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "BANGYI_TEST_ENGINE=postgresql needs BANGYI_TEST_PG_URL: run through scripts/with-postgres.sh");
  }
  return url;
}

}  // namespace

std::string TestEngine() {
  const char* e = std::getenv("BANGYI_TEST_ENGINE");
  return e != nullptr && std::string(e) == "postgresql" ? "postgresql" : "sqlite";
}

nlohmann::json HttpResponse::Json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    throw std::runtime_error("response is not JSON (status " + std::to_string(status) + "): " + body.substr(0, 200));
  }
  return j;
}

std::string HttpResponse::ErrorCode() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) {
    return "";
  }
  return j["error"].value("code", "");
}

std::vector<std::string> HttpResponse::ErrorFields() const {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) {
    return out;
  }
  for (const auto& f : j["error"]["fields"]) {
    out.push_back(f["field"].get<std::string>() + ":" + f["code"].get<std::string>());
  }
  return out;
}

TestServer::TestServer(std::map<std::string, std::string> env, bool create_admin)
    : env_(std::move(env)), data_dir_(MakeTempDir()) {
  env_["BANGYI_DATA_DIR"] = data_dir_;
  engine_ = TestEngine();
  if (env_.count("BANGYI_DATABASE_URL") != 0) {
    database_url_ = env_["BANGYI_DATABASE_URL"];
    engine_ = database_url_.rfind("postgres", 0) == 0 ? "postgresql" : "sqlite";
  } else if (engine_ == "postgresql") {
    static int counter = 0;
    std::string admin = PgAdminUrl();
    owned_pg_database_ = "bangyi_t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    std::string out;
    if (RunCapture({"psql", admin, "-qAtc", "CREATE DATABASE " + owned_pg_database_}, &out) != 0) {
      throw std::runtime_error("cannot create test database: " + out);
    }
    database_url_ = admin.substr(0, admin.rfind('/') + 1) + owned_pg_database_;
    env_["BANGYI_DATABASE_URL"] = database_url_;
  } else {
    database_url_ = "sqlite://" + data_dir_ + "/bangyi.db";
  }
  env_.emplace("BANGYI_LOG_LEVEL", "warn");
  env_.emplace("BANGYI_WEB_ROOT", data_dir_ + "/no-web");
  if (create_admin) {
    std::string out;
    auto env_with_password = env_;
    env_with_password["BANGYI_ADMIN_PASSWORD"] = kAdminPassword;
    pid_t pid = Spawn({"create-admin", "--username", "admin"}, env_with_password, data_dir_ + "/cli.log");
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw std::runtime_error("create-admin failed; see " + data_dir_ + "/cli.log");
    }
  }
  Start();
}

TestServer::~TestServer() {
  Stop();
  if (!owned_pg_database_.empty()) {
    RunCapture({"psql", PgAdminUrl(), "-qAtc", "DROP DATABASE IF EXISTS " + owned_pg_database_ + " WITH (FORCE)"},
               nullptr);
  }
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

void TestServer::Start() {
  port_ = FreePort();
  auto env = env_;
  env["BANGYI_PORT"] = std::to_string(port_);
  env.emplace("BANGYI_LISTEN", "127.0.0.1");
  pid_ = Spawn({"serve"}, env, data_dir_ + "/server.log");
  for (int i = 0; i < 200; ++i) {
    try {
      Client c(port_);
      if (c.Get("/api/v1/health").status == 200) {
        return;
      }
    } catch (const std::exception&) {
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited at start; see " + data_dir_ + "/server.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("server did not become healthy");
}

int TestServer::Stop() {
  if (pid_ <= 0) {
    return -1;
  }
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int TestServer::RunCli(const std::vector<std::string>& args, std::string* out) const {
  std::string log = data_dir_ + "/cli-" + std::to_string(std::rand()) + ".log";
  pid_t pid = Spawn(args, env_, log);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out != nullptr) {
    std::ifstream in(log);
    *out = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string TestServer::Query(const std::string& sql) const {
  std::string out;
  int rc = engine_ == "postgresql" ? RunCapture({"psql", database_url_, "-v", "ON_ERROR_STOP=1", "-qAtc", sql}, &out)
                                   : RunCapture({"sqlite3", "-readonly", db_path(), sql}, &out);
  if (rc != 0) {
    throw std::runtime_error("query failed (" + sql + "): " + out);
  }
  return out;
}

long long TestServer::CountRows(const std::string& sql) const { return std::stoll(Query(sql)); }

int TestServer::ExecSql(const std::string& sql) const {
  std::string out;
  return engine_ == "postgresql" ? RunCapture({"psql", database_url_, "-v", "ON_ERROR_STOP=1", "-qAtc", sql}, &out)
                                 : RunCapture({"sqlite3", db_path(), sql}, &out);
}

HttpResponse Client::Request(const std::string& method, const std::string& target, const std::string& body,
                             std::map<std::string, std::string> headers) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)));
  // Blocking reads and writes give up after 60 s instead of hanging the suite.
  timeval timeout{60, 0};
  ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!body.empty()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
  }
  if (!cookie_.empty()) {
    req.set(bhttp::field::cookie, cookie_);
  }
  if (!bearer_.empty()) {
    req.set(bhttp::field::authorization, "Bearer " + bearer_);
  }
  if (send_csrf_ && !csrf_.empty() && method != "GET") {
    req.set("X-CSRF-Token", csrf_);
  }
  for (const auto& [k, v] : headers) {
    req.set(k, v);
  }
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") {
    parser.skip(true);
  }
  bhttp::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    auto& slot = out.headers[name];
    slot += slot.empty() ? std::string(f.value()) : "\n" + std::string(f.value());
  }
  out.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

HttpResponse Client::Login(const std::string& username, const std::string& password) {
  auto res = Post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (res.status == 200) {
    std::string set_cookie = res.headers["set-cookie"];
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = res.Json()["csrf_token"].get<std::string>();
  }
  return res;
}

std::string ValidCreditCode(char category, const std::string& district, int serial) {
  char body[32];
  std::snprintf(body, sizeof body, "5%c%sMJ%07d", category, district.c_str(), 7000000 + serial);
  std::string first17(body);
  return first17 + core::CreditCodeCheckChar(first17);
}

nlohmann::json OrganizationBody(const std::string& name, const std::string& credit_code, const std::string& district) {
  return {{"name", name},
          {"credit_code", credit_code},
          {"org_type", "social_service_agency"},
          {"rating", "4A"},
          {"registered_district", district},
          {"districts_served", {district}},
          {"streets_served", nlohmann::json::array()},
          {"contact_name", "测试联系人"},
          {"contact_phone", "+86 139-1234-5678"},
          {"contact_email", "test@example.org"},
          {"address", "测试地址 1 号"}};
}

long long CreateOrganization(Client& admin, const std::string& name, int serial, const std::string& district) {
  auto res = admin.Post("/api/v1/organizations", OrganizationBody(name, ValidCreditCode('2', district, serial), district));
  if (res.status != 201) {
    throw std::runtime_error("create organization failed: " + std::to_string(res.status) + " " + res.body);
  }
  return res.Json()["id"].get<long long>();
}

long long CreateUser(Client& admin, const std::string& username, const std::string& role,
                     std::optional<long long> organization_id, const std::string& scope_type,
                     const std::string& scope_id) {
  nlohmann::json role_json = {{"role", role}};
  if (!scope_type.empty()) {
    role_json["scope_type"] = scope_type;
  }
  if (!scope_id.empty()) {
    role_json["scope_id"] = scope_id;
  }
  nlohmann::json body = {{"username", username},
                         {"display_name", "测试 " + username},
                         {"password", username + "-Password-1"},
                         {"roles", {role_json}}};
  if (organization_id) {
    body["organization_id"] = *organization_id;
  }
  auto res = admin.Post("/api/v1/users", body);
  if (res.status != 201) {
    throw std::runtime_error("create user failed: " + std::to_string(res.status) + " " + res.body);
  }
  return res.Json()["id"].get<long long>();
}

Client LoginNewUser(const TestServer& server, const std::string& username) {
  Client c(server);
  std::string first = username + "-Password-1";
  auto res = c.Login(username, first);
  if (res.status != 200) {
    throw std::runtime_error("login failed: " + res.body);
  }
  if (res.Json()["user"]["must_change_password"].get<bool>()) {
    auto changed = c.Post("/api/v1/auth/password", {{"current_password", first}, {"new_password", username + "-Password-2"}});
    if (changed.status != 204) {
      throw std::runtime_error("password change failed: " + changed.body);
    }
  }
  return c;
}

std::string CommandOutput(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return out;
  }
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) {
    out.append(buf, n);
  }
  ::pclose(pipe);
  return out;
}

}  // namespace bangyi::testing
