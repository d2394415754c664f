#include "http/metrics.hpp"

#include <fmt/format.h>

namespace bangyi::http {

namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
    }
    out.push_back(c == '\n' ? ' ' : c);
  }
  return out;
}

}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::ConnectionOpened() {
  std::lock_guard lock(mu_);
  ++open_connections_;
  ++connections_total_;
}

void Metrics::ConnectionClosed() {
  std::lock_guard lock(mu_);
  --open_connections_;
}

std::string Metrics::Render() const {
  std::string out;
  {
    std::lock_guard lock(mu_);
    out += "# HELP bangyi_http_requests_total HTTP requests by method, route template and status.\n";
    out += "# TYPE bangyi_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      out += fmt::format("bangyi_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                         Escape(route), status, n);
    }
    out += "# HELP bangyi_http_request_duration_seconds Request latency by route template.\n";
    out += "# TYPE bangyi_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format("bangyi_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                           Escape(route), kBuckets[i], h.buckets[i]);
      }
      out += fmt::format("bangyi_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                         Escape(route), h.count);
      out += fmt::format("bangyi_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", Escape(route), h.sum);
      out += fmt::format("bangyi_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", Escape(route), h.count);
    }
    out += "# TYPE bangyi_http_open_connections gauge\n";
    out += fmt::format("bangyi_http_open_connections {}\n", open_connections_);
    out += "# TYPE bangyi_http_connections_total counter\n";
    out += fmt::format("bangyi_http_connections_total {}\n", connections_total_);
  }
  if (extra_) {
    out += extra_();
  }
  return out;
}

}  // namespace bangyi::http
