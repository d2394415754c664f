#include "core/clock.hpp"

#include <ctime>

namespace bangyi::core {

TimePoint Now() { return std::chrono::system_clock::now(); }

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
}

std::string UnixToIso(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string FormatIso(TimePoint t) {
  return UnixToIso(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

std::string NowIso() { return FormatIso(Now()); }

std::string TodayShanghai() {
  std::time_t t = static_cast<std::time_t>(NowUnix() + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string NowShanghaiMinute() {
  std::time_t t = static_cast<std::time_t>(NowUnix() + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
  return buf;
}

}  // namespace bangyi::core
