// HTTP request and response as the application sees them: plain structs with no Beast types,
// so routers, modules and tests never include Boost.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bangyi::http {

struct Request {
  std::string method;  // upper case: GET, POST, …
  std::string target;  // as received, with the query string
  std::string path;    // percent-decoded, without the query string
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string remote_ip;
  std::string request_id;
  // Filled by the router.
  std::map<std::string, std::string> params;
  std::string route_template;

  // "" when absent.
  std::string Header(const std::string& lower_name) const;
  std::string Cookie(const std::string& name) const;
  std::optional<std::string> Query(const std::string& name) const;
  // A positive integer query parameter; absent → nullopt; anything else → 422 naming it.
  std::optional<int64_t> QueryId(const std::string& name) const;
  // Path parameter as a positive id; throws a 404 Error when it is not one (so /x/abc is "not found").
  int64_t PathId(const std::string& name) const;
  bool IsUnsafeMethod() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, const nlohmann::json& body);
  static Response NoContent();
  static Response Text(int status, std::string content_type, std::string body);
  // A stored file for download: Content-Disposition with the UTF-8 file name, never cached.
  static Response Download(std::string content_type, const std::string& filename, std::string body);
  void AddHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Percent-decodes a path or query component ('+' is a space only when `plus_is_space`).
std::string PercentDecode(std::string_view text, bool plus_is_space);
// Splits "a=1&b=2" into a map (last value wins).
std::map<std::string, std::string> ParseQuery(std::string_view query);

}  // namespace bangyi::http
