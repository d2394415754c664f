// <utility> must precede the Asio headers with g++ 12 (awaitable.hpp needs std::exchange).
#include <algorithm>
#include <utility>

#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "core/validation.hpp"
#include "http/error_response.hpp"

namespace bangyi::http {

namespace asio = boost::asio;
using core::IsValidUtf8;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  uint64_t v = rng();
  for (auto& c : id) {
    c = kHex[v & 0xF];
    v >>= 4;
  }
  return id;
}

// The client address: the peer, or — when the peer is a trusted proxy — the rightmost address in
// X-Forwarded-For that is not itself a trusted proxy.
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted) {
  auto is_trusted = [&](const std::string& ip) { return std::find(trusted.begin(), trusted.end(), ip) != trusted.end(); };
  if (forwarded_for.empty() || !is_trusted(peer)) {
    return peer;
  }
  std::string rest = forwarded_for;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string ip = comma == std::string::npos ? rest : rest.substr(comma + 1);
    ip.erase(0, ip.find_first_not_of(' '));
    ip.erase(ip.find_last_not_of(' ') + 1);
    if (!ip.empty() && !is_trusted(ip)) {
      return ip;
    }
    rest = comma == std::string::npos ? "" : rest.substr(0, comma);
  }
  return peer;
}

Request ToRequest(const bhttp::request<bhttp::string_body>& msg, const std::string& remote_ip) {
  Request r;
  r.method = std::string(msg.method_string());
  r.target = std::string(msg.target());
  auto q = r.target.find('?');
  r.path = PercentDecode(std::string_view(r.target).substr(0, q), false);
  if (q != std::string::npos) {
    r.query = ParseQuery(std::string_view(r.target).substr(q + 1));
  }
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (auto& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    r.headers[name] = std::string(field.value());
  }
  r.body = msg.body();
  r.remote_ip = remote_ip;
  return r;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, RequestHandler h, Metrics& m, InlinePredicate i)
      : options(std::move(o)), handler(std::move(h)), run_inline(std::move(i)), metrics(m), io(options.io_threads),
        workers(static_cast<size_t>(options.worker_threads)), acceptor(io), signals(io, SIGINT, SIGTERM) {}

  ServerOptions options;
  RequestHandler handler;
  InlinePredicate run_inline;
  Metrics& metrics;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};

  // Connections waiting for their next request; closed at shutdown. In-flight ones are not in here.
  std::mutex mu;
  std::condition_variable drained;
  std::set<beast::tcp_stream*> idle;
  int active = 0;

  struct InFlight {
    InFlight(Impl& i, bool counts) : impl(i), counted(counts) {
      if (counted) {
        std::lock_guard lock(impl.mu);
        ++impl.active;
      }
    }
    ~InFlight() {
      if (counted) {
        {
          std::lock_guard lock(impl.mu);
          --impl.active;
        }
        impl.drained.notify_all();
      }
    }
    Impl& impl;
    bool counted;
  };

  Response Handle(Request& req) {
    try {
      if (!IsValidUtf8(req.path) || std::any_of(req.query.begin(), req.query.end(), [](const auto& kv) {
            return !IsValidUtf8(kv.first) || !IsValidUtf8(kv.second);
          })) {
        throw core::Error::BadRequest("bad_request", "the URL is not valid UTF-8");
      }
      return handler(req);
    } catch (const core::Error& e) {
      return ErrorResponse(e, req.request_id);
    } catch (const std::exception& e) {
      spdlog::error("request_id={} unhandled exception: {}", req.request_id, e.what());
      return InternalErrorResponse(req.request_id);
    }
  }

  void SetIdle(beast::tcp_stream* s, bool is_idle) {
    std::lock_guard lock(mu);
    if (is_idle) {
      idle.insert(s);
    } else {
      idle.erase(s);
    }
  }

  asio::awaitable<void> Write(beast::tcp_stream& stream, Response res, bool head, bool keep_alive,
                              unsigned version, const std::string& request_id, beast::error_code& ec) {
    bhttp::response<bhttp::string_body> msg{static_cast<bhttp::status>(res.status), version};
    msg.set(bhttp::field::server, "bangyi");
    if (!res.content_type.empty()) {
      msg.set(bhttp::field::content_type, res.content_type);
    }
    msg.set("X-Request-Id", request_id);
    msg.set("Content-Security-Policy", kContentSecurityPolicy);
    msg.set("X-Content-Type-Options", "nosniff");
    msg.set("X-Frame-Options", "DENY");
    msg.set("Referrer-Policy", "same-origin");
    for (auto& [name, value] : res.headers) {
      msg.insert(name, value);
    }
    msg.keep_alive(keep_alive);
    size_t length = res.body.size();
    msg.body() = head ? std::string() : std::move(res.body);
    msg.prepare_payload();
    if (head) {
      msg.content_length(length);
    }
    stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
    co_await bhttp::async_write(stream, msg, asio::redirect_error(asio::use_awaitable, ec));
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    std::string remote_ip;
    {
      beast::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      remote_ip = ec ? "" : ep.address().to_string();
      socket.set_option(tcp::no_delay(true), ec);
    }
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    metrics.ConnectionOpened();
    bool first = true;
    for (;;) {
      beast::error_code ec;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(std::max(options.body_limit_bytes, options.largest_body_limit_bytes));
      parser.header_limit(32 * 1024);
      // The first request must arrive within the header timeout; later ones may idle for the keep-alive time.
      stream.expires_after(std::chrono::seconds(first ? options.header_timeout_seconds : options.keep_alive_seconds));
      SetIdle(&stream, true);
      if (stopping) {
        SetIdle(&stream, false);
        break;
      }
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      SetIdle(&stream, false);
      // From here the request is in flight: shutdown waits for it (the guard counts it until
      // its response is written, whatever happens in between).
      InFlight in_flight(*this, !ec);
      first = false;
      size_t body_limit = options.body_limit_bytes;
      if (!ec) {
        auto raw_target = parser.get().target();
        auto raw_method = parser.get().method_string();
        std::string_view target(raw_target.data(), raw_target.size());
        std::string_view method(raw_method.data(), raw_method.size());
        if (options.body_limit_for) {
          body_limit = options.body_limit_for(method, target.substr(0, target.find('?'))).value_or(body_limit);
        }
        parser.body_limit(body_limit);
        if (parser.content_length() && *parser.content_length() > body_limit) {
          ec = bhttp::error::body_limit;
        }
      }
      auto start = std::chrono::steady_clock::now();
      std::string request_id = NewRequestId();
      if (!ec) {
        stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      }
      if (ec) {
        // Answer what we can (too large, malformed); a closed or timed-out connection just ends.
        bool answerable = ec == bhttp::error::body_limit ||
                          (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message);
        if (!answerable) {
          break;
        }
        // A request we can answer: too large, or malformed.
        core::Error error = ec == bhttp::error::body_limit
                                ? core::Error(core::ErrorKind::kPayloadTooLarge, "payload_too_large",
                                              "request body exceeds " + std::to_string(body_limit) + " bytes")
                                : core::Error::BadRequest("bad_request", "malformed HTTP request");
        Response res = ErrorResponse(error, request_id);
        int status = res.status;
        beast::error_code wec;
        co_await Write(stream, std::move(res), false, false, 11, request_id, wec);
        spdlog::info("{} - {} {} 0.000s request_id={} ({})", remote_ip, status,
                     parser.is_header_done() ? std::string(parser.get().target()) : "-", request_id, ec.message());
        metrics.Observe(parser.is_header_done() ? std::string(parser.get().method_string()) : "-", "unmatched",
                        status, 0);
        break;
      }
      auto msg = parser.release();
      Request req = ToRequest(msg, remote_ip);
      req.remote_ip = ClientAddress(remote_ip, req.Header("x-forwarded-for"), options.trusted_proxies);
      req.request_id = request_id;
      // Run the handler on the worker pool and come back to this connection's strand. (No
      // co_await inside ?: — g++ 12 miscompiles that into a double free.)
      Response res;
      if (run_inline && run_inline(req)) {
        res = Handle(req);
      } else {
        res = co_await asio::co_spawn(
            workers.get_executor(), [this, &req]() -> asio::awaitable<Response> { co_return Handle(req); },
            asio::use_awaitable);
      }
      bool keep_alive = msg.keep_alive() && !stopping;
      int status = res.status;
      size_t bytes = res.body.size();
      // Recorded before the response leaves, so a client that has its answer also sees it counted.
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      metrics.Observe(req.method, req.route_template.empty() ? "unmatched" : req.route_template, status, seconds);
      co_await Write(stream, std::move(res), req.method == "HEAD", keep_alive, msg.version(), request_id, ec);
      // The path only: query strings can carry search terms about people.
      spdlog::info("{} - {} {} {} {}B {:.4f}s request_id={}", req.remote_ip, req.method, req.path, status, bytes,
                   seconds, request_id);
      if (ec || !keep_alive) {
        break;
      }
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    metrics.ConnectionClosed();
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      beast::error_code ec;
      // Each connection gets its own strand, so shutdown can safely cancel it from elsewhere.
      tcp::socket socket =
          co_await acceptor.async_accept(asio::make_strand(io), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open() || stopping) {
          co_return;
        }
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
    }
  }

  void BeginShutdown() {
    if (stopping.exchange(true)) {
      return;
    }
    asio::post(io, [this] {
      beast::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
      std::lock_guard lock(mu);
      for (auto* s : idle) {
        // Cancel on the connection's own strand; it may have left the idle set by then.
        asio::post(s->get_executor(), [this, s] {
          std::lock_guard inner(mu);
          if (idle.count(s) != 0) {
            beast::error_code ignored;
            s->socket().cancel(ignored);
          }
        });
      }
    });
  }
};

Server::Server(ServerOptions options, RequestHandler handler, Metrics& metrics, InlinePredicate run_inline)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), metrics, std::move(run_inline))) {}

Server::~Server() = default;

int Server::Bind() {
  auto& i = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(i.options.listen, ec);
  if (ec) {
    throw std::runtime_error("invalid listen address '" + i.options.listen + "'");
  }
  tcp::endpoint ep(address, static_cast<unsigned short>(i.options.port));
  i.acceptor.open(ep.protocol());
  i.acceptor.set_option(asio::socket_base::reuse_address(true));
  i.acceptor.bind(ep, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + i.options.listen + ":" + std::to_string(i.options.port) + ": " +
                             ec.message());
  }
  i.acceptor.listen(asio::socket_base::max_listen_connections);
  return i.acceptor.local_endpoint().port();
}

void Server::Run(const std::function<void()>& on_ready) {
  auto& i = *impl_;
  if (!i.acceptor.is_open()) {
    Bind();
  }
  i.signals.async_wait([&i](const beast::error_code& ec, int sig) {
    if (!ec) {
      spdlog::info("signal {} received: shutting down", sig);
      i.BeginShutdown();
    }
  });
  asio::co_spawn(i.io, i.Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int n = 0; n < i.options.io_threads; ++n) {
    threads.emplace_back([&i] { i.io.run(); });
  }
  if (on_ready) {
    on_ready();
  }
  // Wait for shutdown to start, then for in-flight requests to finish (bounded by the grace period).
  {
    std::unique_lock lock(i.mu);
    while (!i.stopping) {
      i.drained.wait_for(lock, std::chrono::milliseconds(200));
    }
    i.drained.wait_for(lock, std::chrono::seconds(i.options.shutdown_grace_seconds), [&i] { return i.active == 0; });
  }
  // Give the last responses a moment to leave the socket buffers, then stop the loops.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  i.io.stop();
  for (auto& t : threads) {
    t.join();
  }
  i.workers.join();
}

void Server::Stop() { impl_->BeginShutdown(); }

}  // namespace bangyi::http
