// Request metrics in the Prometheus text format: counts by method, route template and status,
// and a latency histogram by route template. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bangyi::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  // `route` is the route template ("/api/v1/organizations/{id}"), or "static"/"unmatched".
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  void ConnectionOpened();
  void ConnectionClosed();

  // Extra exposition text appended by other parts (database pool figures).
  void SetExtra(std::function<std::string()> extra) { extra_ = std::move(extra); }

  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  int64_t open_connections_ = 0;
  uint64_t connections_total_ = 0;
  std::function<std::string()> extra_;
};

}  // namespace bangyi::http
