// Time in one place: UTC ISO-8601 strings for storage and JSON, Asia/Shanghai dates for rules
// that speak of "today" (Shanghai has no daylight saving: UTC+8 all year).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace bangyi::core {

using TimePoint = std::chrono::system_clock::time_point;

TimePoint Now();
int64_t NowUnix();
// "2026-11-29T02:47:31Z"
std::string FormatIso(TimePoint t);
std::string NowIso();
std::string UnixToIso(int64_t seconds);
// Today's date in Asia/Shanghai, "YYYY-MM-DD".
std::string TodayShanghai();
// The local time in Asia/Shanghai to the minute, "YYYY-MM-DDTHH:MM" (application windows).
std::string NowShanghaiMinute();

}  // namespace bangyi::core
