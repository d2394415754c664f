#include <utility>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/api_client.hpp"

namespace bangyi::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

TEST(Http, MalformedJsonIs400) {
  TestServer server;
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  auto res = c.Request("POST", "/api/v1/organizations", "{\"name\": ");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.ErrorCode(), "invalid_json");
  auto array = c.Request("POST", "/api/v1/organizations", "[1,2]");
  EXPECT_EQ(array.status, 400);
  auto login = Client(server).Request("POST", "/api/v1/auth/login", "not json");
  EXPECT_EQ(login.status, 400);
}

TEST(Http, OversizedBodyIs413WithErrorShape) {
  TestServer server(Env{{"BANGYI_BODY_LIMIT_BYTES", "2048"}});
  Client c(server);
  std::string big = "{\"username\":\"" + std::string(4096, 'a') + "\",\"password\":\"x\"}";
  auto res = c.Request("POST", "/api/v1/auth/login", big);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.ErrorCode(), "payload_too_large");
  EXPECT_EQ(res.Json()["error"]["request_id"], res.headers["x-request-id"]);
  // The server is fine afterwards.
  EXPECT_EQ(c.Get("/api/v1/health").status, 200);
}

TEST(Http, UnknownRouteIs404AndWrongMethodIs405) {
  TestServer server;
  Client c(server);
  auto missing = c.Get("/api/v1/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.ErrorCode(), "not_found");
  auto method = c.Request("DELETE", "/api/v1/health");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.ErrorCode(), "method_not_allowed");
}

TEST(Http, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server;
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server.port())));
  beast::flat_buffer buffer;
  for (int i = 0; i < 3; ++i) {
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, "/api/v1/health", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(stream, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_TRUE(res.keep_alive());
  }
}

TEST(Http, SlowHeadersAreCutOffByTheTimeout) {
  TestServer server(Env{{"BANGYI_HEADER_TIMEOUT_SECONDS", "1"}});
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server.port())));
  asio::write(socket, asio::buffer(std::string("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")));
  auto start = std::chrono::steady_clock::now();
  char buf[64];
  boost::system::error_code ec;
  socket.read_some(asio::buffer(buf), ec);  // blocks until the server closes
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST(Http, GracefulShutdownFinishesTheRequestInFlight) {
  TestServer server;
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server.port())));
  // A login spends tens of milliseconds in Argon2id: SIGTERM arrives while it runs.
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/api/v1/auth/login", 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.body() = nlohmann::json{{"username", "admin"}, {"password", TestServer::kAdminPassword}}.dump();
  req.prepare_payload();
  bhttp::write(stream, req);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(server.pid(), SIGTERM);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_FALSE(res.keep_alive());  // shutting down: the connection closes after this response
  EXPECT_EQ(server.Stop(), 0);
}

class StaticFiles : public ::testing::Test {
 protected:
  static std::string MakeWebRoot() {
    std::string dir = (std::filesystem::temp_directory_path() / ("bangyi-web-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir + "/assets");
    std::filesystem::create_directories(dir + "/api-docs");
    std::ofstream(dir + "/index.html") << "<!doctype html><title>帮依一把</title>";
    std::ofstream(dir + "/assets/app-1a2b3c.js") << std::string(2000, 'x');
    std::ofstream(dir + "/api-docs/index.html") << "<!doctype html><title>API</title>";
    std::ofstream(dir + "/api-docs/openapi.yaml") << "openapi: 3.1.0\n";
    std::string cmd = "gzip -k -f '" + dir + "/assets/app-1a2b3c.js'";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return dir;
  }
  std::string root_ = MakeWebRoot();
  TestServer server_{Env{{"BANGYI_WEB_ROOT", root_}}};
  Client c_{server_};
  void TearDown() override { std::filesystem::remove_all(root_); }
};

TEST_F(StaticFiles, ServesIndexWithNoCacheAndSpaFallback) {
  auto index = c_.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  auto route = c_.Get("/organizations/42");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  EXPECT_EQ(c_.Get("/missing.png").status, 404);
}

TEST_F(StaticFiles, HashedAssetsAreImmutableAndGzipWhenAccepted) {
  auto plain = c_.Get("/assets/app-1a2b3c.js");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.body.size(), 2000u);
  EXPECT_TRUE(plain.headers["content-encoding"].empty());
  auto gz = c_.Request("GET", "/assets/app-1a2b3c.js", "", {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_LT(gz.body.size(), 200u);
  EXPECT_EQ(gz.headers["vary"], "Accept-Encoding");
}

TEST_F(StaticFiles, ApiDocsAndNoEscapeFromRoot) {
  EXPECT_EQ(c_.Get("/api/docs").status, 200);
  auto spec = c_.Get("/api/docs/openapi.yaml");
  EXPECT_EQ(spec.status, 200);
  EXPECT_EQ(spec.headers["content-type"], "application/yaml; charset=utf-8");
  EXPECT_EQ(c_.Get("/assets/../../etc/passwd").status, 404);
  EXPECT_EQ(c_.Get("/assets/%2e%2e/%2e%2e/etc/passwd").status, 404);
}

}  // namespace bangyi::testing
