// The clock as a seam: production reads the system clock, tests set the time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace poster {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// "2026-11-29T05:49:12.345Z": UTC, millisecond precision, sorts as text.
std::string FormatUtc(TimePoint time);

// The inverse of FormatUtc (milliseconds optional); nothing for other text.
std::optional<TimePoint> ParseUtc(std::string_view text);

}  // namespace poster
