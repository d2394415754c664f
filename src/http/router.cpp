#include "http/router.hpp"

#include <stdexcept>

namespace bangyi::http {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') {
      ++i;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) {
      j = path.size();
    }
    if (j > i) {
      out.emplace_back(path.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::logic_error("route registered twice: " + method + " " + pattern);
    }
  }
  auto segments = SplitPath(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

Router::MatchResult Router::Match(Request& request, const Handler** handler) const {
  auto segments = SplitPath(request.path);
  bool path_matched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != segments.size()) {
      continue;
    }
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const std::string& s = r.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        params[s.substr(1, s.size() - 2)] = segments[i];
      } else {
        ok = s == segments[i];
      }
    }
    if (!ok) {
      continue;
    }
    path_matched = true;
    if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
      request.params = std::move(params);
      request.route_template = r.pattern;
      *handler = &r.handler;
      return MatchResult::kFound;
    }
  }
  return path_matched ? MatchResult::kMethodNotAllowed : MatchResult::kNotFound;
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) {
    out.push_back({r.method, r.pattern});
  }
  return out;
}

}  // namespace bangyi::http
