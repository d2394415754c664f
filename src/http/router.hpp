// Routes: method + path template ("/api/v1/organizations/{id}") → handler. Matching is by
// segment; "{name}" captures one segment into Request::params. The router also tells apart
// "no such path" (404) from "path exists, other method" (405).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace bangyi::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  void Get(std::string pattern, Handler h) { Add("GET", std::move(pattern), std::move(h)); }
  void Post(std::string pattern, Handler h) { Add("POST", std::move(pattern), std::move(h)); }
  void Put(std::string pattern, Handler h) { Add("PUT", std::move(pattern), std::move(h)); }
  void Delete(std::string pattern, Handler h) { Add("DELETE", std::move(pattern), std::move(h)); }

  enum class MatchResult { kFound, kNotFound, kMethodNotAllowed };
  // On kFound sets `handler`, request.params and request.route_template.
  MatchResult Match(Request& request, const Handler** handler) const;

  struct RouteInfo {
    std::string method;
    std::string pattern;
  };
  // Every registered route, in registration order (for the OpenAPI check).
  std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(std::string_view path);

}  // namespace bangyi::http
