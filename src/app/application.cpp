#include "app/application.hpp"

#include "app/data_dir_lock.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/secrets.hpp"
#include "db/migrator.hpp"
#include "http/error_response.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "modules/accounts/account_routes.hpp"
#include "modules/accounts/session_repository.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/divisions/division_routes.hpp"
#include "modules/organizations/organization_routes.hpp"
#include "modules/registry/registry_routes.hpp"
#include "modules/cases/case_routes.hpp"
#include "modules/projects/project_routes.hpp"
#include "modules/rounds/round_routes.hpp"
#include "modules/volunteers/volunteer_routes.hpp"
#include "modules/kpis/kpi_routes.hpp"
#include "modules/kpis/rollup.hpp"
#include "modules/surveys/survey_routes.hpp"

namespace bangyi::app {

namespace fs = std::filesystem;

namespace {

std::string DbStatsText(const db::Database& db) {
  db::PoolStats s = db.Stats();
  std::string out;
  out += "# TYPE bangyi_db_pool_connections gauge\n";
  out += "bangyi_db_pool_connections{state=\"open\"} " + std::to_string(s.size) + "\n";
  out += "bangyi_db_pool_connections{state=\"in_use\"} " + std::to_string(s.in_use) + "\n";
  out += "bangyi_db_pool_connections{state=\"max\"} " + std::to_string(s.max_size) + "\n";
  out += "# TYPE bangyi_db_pool_waiting gauge\nbangyi_db_pool_waiting " + std::to_string(s.waiting) + "\n";
  out += "# TYPE bangyi_db_writer_queue gauge\nbangyi_db_writer_queue " + std::to_string(s.writer_waiting) + "\n";
  out += "# TYPE bangyi_db_writes_total counter\nbangyi_db_writes_total " + std::to_string(s.writes_total) + "\n";
  out += "# TYPE bangyi_db_write_wait_seconds_total counter\nbangyi_db_write_wait_seconds_total " +
         std::to_string(static_cast<double>(s.write_wait_micros_total) / 1e6) + "\n";
  return out;
}

bool IsLoopback(const std::string& ip) {
  return ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
}

std::string DefaultWebRoot() {
  // Next to the source tree when run from a build directory, else ./web/dist.
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (fs::exists(dir / "web" / "dist" / "index.html", ec)) {
      return (dir / "web" / "dist").string();
    }
  }
  return "web/dist";
}

// Everything the running server needs, built once.
struct Services {
  Services(const core::Config& config, const core::Secrets& secrets)
      : db(OpenDatabase(config)),
        schema_version(db::SchemaVersion(*db)),
        divisions(db->Read([](db::Connection& c) { return divisions::DivisionIndex::Load(c); })),
        auth(*db, accounts::AuthSettings{config.session_idle_timeout_seconds, config.session_absolute_timeout_seconds,
                                         config.cookie_secure, config.login_max_failures,
                                         config.login_ip_max_failures, config.login_lockout_seconds}),
        users(*db, divisions),
        tokens(*db),
        audit(*db),
        organizations(*db, divisions),
        registry(*db, divisions, secrets),
        cases(*db, registry, cases::CaseSettings{config.cases_social_worker_scope, config.data_dir + "/attachments"}),
        rounds(*db, divisions),
        applications(*db, divisions, config.data_dir + "/attachments"),
        reviews(*db),
        projects(*db),
        monitoring(*db, config.data_dir + "/attachments"),
        volunteers(*db, divisions, secrets, volunteers::VolunteerSettings{config.volunteers_max_active_pairings}),
        pairings(*db, volunteers, secrets),
        surveys(*db, config.PublicUrl()),
        kpis(*db) {
    access::Authenticate authenticate = [this](const http::Request& r) { return auth.Authenticate(r); };
    router.Get("/api/v1/health", [this](http::Request&) {
      return http::Response::Json(200, {{"status", "ok"},
                                        {"version", kVersion},
                                        {"database", {{"engine", db->engine()}, {"schema_version", schema_version}}}});
    });
    accounts::RegisterRoutes(router, auth, users, tokens);
    divisions::RegisterRoutes(router, divisions, authenticate);
    organizations::RegisterRoutes(router, organizations, authenticate);
    audit::RegisterRoutes(router, audit, authenticate);
    registry::RegisterRoutes(router, registry, authenticate);
    cases::RegisterRoutes(router, cases, authenticate);
    rounds::RegisterRoutes(router, rounds::RoundServices{rounds, applications, reviews}, authenticate);
    projects::RegisterRoutes(router, projects, monitoring, authenticate);
    volunteers::RegisterRoutes(router, volunteers, pairings, authenticate);
    surveys::RegisterRoutes(router, surveys, authenticate);
    kpis::RegisterRoutes(router, kpis, authenticate);
  }

  std::unique_ptr<db::Database> db;
  int schema_version;
  divisions::DivisionIndex divisions;
  accounts::AuthService auth;
  accounts::UserService users;
  accounts::TokenService tokens;
  audit::AuditService audit;
  organizations::OrganizationService organizations;
  registry::RegistryService registry;
  cases::CaseService cases;
  rounds::RoundService rounds;
  rounds::ApplicationService applications;
  rounds::ReviewService reviews;
  projects::ProjectService projects;
  projects::MonitoringService monitoring;
  volunteers::VolunteerService volunteers;
  volunteers::PairingService pairings;
  surveys::SurveyService surveys;
  kpis::KpiService kpis;
  http::Router router;
};

}  // namespace

std::unique_ptr<db::Database> OpenDatabase(const core::Config& config, bool migrate) {
  fs::create_directories(config.data_dir);
  auto db = db::Open(config.DatabaseUrl(), db::OpenOptions{config.db_pool_size, config.sqlite_synchronous});
  if (migrate) {
    int applied = db::Migrate(*db);
    if (applied > 0) {
      spdlog::info("applied {} migration(s); schema version {}", applied, db::SchemaVersion(*db));
    }
  }
  return db;
}

std::vector<std::string> ListRoutes(const core::Config& config) {
  Services services(config, core::Secrets{});  // routes only: no keys needed
  std::vector<std::string> out;
  for (const auto& r : services.router.Routes()) {
    out.push_back(r.method + " " + r.pattern);
  }
  out.emplace_back("GET /metrics");
  out.emplace_back("GET /api/docs");
  out.emplace_back("GET /api/docs/openapi.yaml");
  return out;
}

RollupRebuild RebuildRollups(const core::Config& config) {
  auto db = OpenDatabase(config);
  return db->Write([](db::Connection& c) {
    constexpr std::string_view kCells = "SELECT * FROM kpi_cells ORDER BY dimension, dim_key, period";
    auto snapshot = [&] {
      std::map<std::string, std::string> cells;
      for (const auto& row : c.Query(kCells)) {
        auto j = db::RowJson(row);
        cells[j["dimension"].get<std::string>() + "|" + j["dim_key"].get<std::string>() + "|" +
              j["period"].get<std::string>()] = j.dump();
      }
      return cells;
    };
    auto before = snapshot();
    auto n = kpis::Rebuild(c);
    auto after = snapshot();
    RollupRebuild out{n.records, n.cases, n.referrals, n.responses, n.cells, 0};
    for (const auto& [key, value] : after) {
      auto it = before.find(key);
      out.differing += (it == before.end() || it->second != value) ? 1 : 0;
    }
    for (const auto& [key, value] : before) {
      out.differing += after.count(key) ? 0 : 1;
    }
    return out;
  });
}

int Serve(const core::Config& config) {
  fs::create_directories(config.data_dir);
  DataDirLock lock(config.data_dir, false);
  core::EnsureSecretsFile(config.SecretsFile());
  core::Secrets secrets = core::LoadSecrets(config.SecretsFile());  // fail at start, not at the first person
  if (secrets.RotationPending()) {
    throw std::runtime_error("a key rotation is unfinished (" + config.SecretsFile() +
                             " holds next keys); finish it with `bangyi rotate-keys` before serving");
  }
  Services services(config, secrets);
  http::Metrics metrics;
  metrics.SetExtra([&services] { return DbStatsText(*services.db); });
  http::StaticFiles files(config.web_root.empty() ? DefaultWebRoot() : config.web_root);
  if (!fs::exists(files.root() + "/index.html")) {
    spdlog::warn("web app not found in {} (build it with `make build`); serving the API only", files.root());
  }

  auto handler = [&services, &metrics, &files, &config](http::Request& r) -> http::Response {
    if (r.path == "/metrics") {
      std::string auth = r.Header("authorization");
      bool token_ok = !config.metrics_token.empty() && core::ConstantTimeEquals(auth, "Bearer " + config.metrics_token);
      if (!IsLoopback(r.remote_ip) && !token_ok) {
        throw core::Error::Forbidden("metrics are open on loopback or with the metrics token");
      }
      r.route_template = "/metrics";
      return http::Response::Text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.Render());
    }
    bool api = r.path.rfind("/api/", 0) == 0 && r.path.rfind("/api/docs", 0) != 0;
    if (api) {
      const http::Handler* h = nullptr;
      switch (services.router.Match(r, &h)) {
        case http::Router::MatchResult::kFound: return (*h)(r);
        case http::Router::MatchResult::kMethodNotAllowed:
          throw core::Error(core::ErrorKind::kMethodNotAllowed, "method_not_allowed",
                            r.method + " is not allowed on " + r.path);
        case http::Router::MatchResult::kNotFound: throw core::Error::NotFound("route " + r.path);
      }
    }
    if (auto res = files.Serve(r)) {
      r.route_template = "static";
      return *res;
    }
    throw core::Error::NotFound("resource " + r.path);
  };

  http::ServerOptions options;
  options.listen = config.listen;
  options.port = config.port;
  options.body_limit_bytes = config.body_limit_bytes;
  options.header_timeout_seconds = config.header_timeout_seconds;
  options.read_timeout_seconds = config.read_timeout_seconds;
  options.keep_alive_seconds = config.keep_alive_seconds;
  options.io_threads = config.io_threads;
  options.worker_threads = config.worker_threads;
  options.trusted_proxies = config.trusted_proxies;
  // Files are uploaded as the raw body: up to 20 MB on those routes only.
  options.largest_body_limit_bytes = core::kMaxUploadBytes;
  options.body_limit_for = [](std::string_view method, std::string_view path) -> std::optional<size_t> {
    static const std::vector<std::pair<std::string_view, std::string_view>> kUploads = {
        {"/api/v1/cases/", "/attachments"}, {"/api/v1/applications/", "/attachments"}, {"/api/v1/expenses/", "/receipt"}};
    for (const auto& [prefix, suffix] : kUploads) {
      if (method == "POST" && path.size() > prefix.size() + suffix.size() && path.substr(0, prefix.size()) == prefix &&
          path.substr(path.size() - suffix.size()) == suffix) {
        return core::kMaxUploadBytes;
      }
    }
    return std::nullopt;
  };
  // Health and metrics touch no database: answer them on the I/O thread.
  auto run_inline = [](const http::Request& r) { return r.path == "/api/v1/health" || r.path == "/metrics"; };
  http::Server server(options, handler, metrics, run_inline);
  int port = server.Bind();

  // Background job: drop expired sessions every few minutes (safe with several processes).
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::thread sweeper([&] {
    std::unique_lock l(mu);
    while (!cv.wait_for(l, std::chrono::minutes(5), [&] { return done; })) {
      try {
        int64_t n = services.db->Write([&](db::Connection& c) {
          return accounts::DeleteExpiredSessions(c, core::NowUnix(), config.session_idle_timeout_seconds);
        });
        if (n > 0) {
          spdlog::info("removed {} expired session(s)", n);
        }
      } catch (const std::exception& e) {
        spdlog::warn("session sweep failed: {}", e.what());
      }
    }
  });

  server.Run([&] {
    std::string host = config.listen == "0.0.0.0" ? "127.0.0.1" : config.listen;
    std::cout << "Bangyi " << kVersion << " serving http://" << host << ":" << port << "/  (data: "
              << config.data_dir << ", database: " << services.db->engine() << ", schema "
              << services.schema_version << ")" << std::endl;
    std::ifstream creds(config.data_dir + "/demo-credentials.txt");
    if (creds) {
      std::cout << "Demo logins (role username password), from " << config.data_dir << "/demo-credentials.txt:\n"
                << creds.rdbuf() << std::flush;
    }
    std::cout << "Press Ctrl-C to stop." << std::endl;
  });
  {
    std::lock_guard l(mu);
    done = true;
  }
  cv.notify_all();
  sweeper.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace bangyi::app
