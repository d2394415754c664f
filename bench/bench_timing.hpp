// Timing for the benchmarks in bench/: run a function N times and take its p50 and p99.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace bangyi::bench {

using Clock = std::chrono::steady_clock;

struct Percentiles {
  double p50 = 0, p99 = 0;
};

// Milliseconds per call of `fn`, over `runs` calls.
template <typename Fn>
Percentiles Measure(int runs, Fn&& fn) {
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  return {at(0.50), at(0.99)};
}

}  // namespace bangyi::bench
