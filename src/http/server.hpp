// The HTTP server: Boost.Beast over Asio with C++20 coroutines. Network I/O runs on a few I/O
// threads; every request handler runs on a separate worker pool, so a handler blocked on the
// database never stalls other connections. Keep-alive, TCP_NODELAY, header/body timeouts, a body
// limit (413), a request id and an access-log line for every request, security headers on every
// response, and graceful shutdown: on Stop() (or SIGINT/SIGTERM in Run) the listener closes, idle
// connections close, and requests in flight finish before Run returns.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "http/metrics.hpp"
#include "http/request.hpp"

namespace bangyi::http {

struct ServerOptions {
  std::string listen = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  size_t body_limit_bytes = 1024 * 1024;
  int header_timeout_seconds = 10;
  int read_timeout_seconds = 30;
  int keep_alive_seconds = 60;
  int io_threads = 2;
  int worker_threads = 8;
  int shutdown_grace_seconds = 30;
  // Peers whose X-Forwarded-For names the real client (see core::Config::trusted_proxies).
  std::vector<std::string> trusted_proxies;
  // A larger body limit for some requests (file uploads), decided from the method and the
  // path once the header has arrived; nullopt keeps body_limit_bytes. The parser starts with
  // the largest limit any route has (largest_body_limit_bytes) and each request is then held to
  // its own: a Content-Length above it is refused at once, a chunked body while it streams.
  std::function<std::optional<size_t>(std::string_view method, std::string_view path)> body_limit_for;
  size_t largest_body_limit_bytes = 0;
};

// Handles one request; runs on a worker thread. Must not throw (the server still turns an escaped
// exception into a 500).
using RequestHandler = std::function<Response(Request&)>;
// True for requests that never block (health, metrics): they run on the I/O thread and skip the
// hop to the worker pool, which costs more than they do.
using InlinePredicate = std::function<bool(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, Metrics& metrics, InlinePredicate run_inline = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the bound port. Throws std::runtime_error on failure.
  int Bind();
  // Serves until Stop() or SIGINT/SIGTERM; blocks. `on_ready` runs once listening.
  void Run(const std::function<void()>& on_ready = {});
  // Thread-safe; starts graceful shutdown.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bangyi::http
