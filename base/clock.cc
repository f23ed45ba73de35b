#include "base/clock.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>

namespace poster {

std::string FormatUtc(TimePoint time) {
  auto since_epoch = time.time_since_epoch();
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  std::time_t whole = seconds.count();
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  return text;
}

namespace {

// The digits of text[at, at + n), or -1 when one is not a digit.
int Digits(std::string_view text, size_t at, size_t n) {
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

// Read by hand, as strictly as FormatUtc writes (the tally reads one for each
// of a hundred thousand entries, and sscanf took "12:34:5x" for 12:34:05):
// "2026-10-05T12:34:56" then, optionally, "." and one to three digits, then Z.
std::optional<TimePoint> ParseUtc(std::string_view text) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kShape.size() + 1 || text.back() != 'Z') return std::nullopt;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] != 'd' && text[i] != kShape[i]) return std::nullopt;
  }
  std::string_view fraction = text.substr(kShape.size(), text.size() - kShape.size() - 1);
  if (!fraction.empty() && (fraction.size() < 2 || fraction.size() > 4 || fraction[0] != '.'))
    return std::nullopt;
  int millis = fraction.empty() ? 0 : Digits(fraction, 1, fraction.size() - 1);
  for (size_t i = fraction.size(); i < 4 && !fraction.empty(); ++i) millis *= 10;  // ".5" is 500
  const size_t at[6] = {0, 5, 8, 11, 14, 17}, width[6] = {4, 2, 2, 2, 2, 2};
  int parts[6];
  for (size_t i = 0; i < 6; ++i) parts[i] = Digits(text, at[i], width[i]);
  if (millis < 0 || std::any_of(std::begin(parts), std::end(parts), [](int p) { return p < 0; }))
    return std::nullopt;
  using namespace std::chrono;
  year_month_day date{std::chrono::year(parts[0]), std::chrono::month(unsigned(parts[1])),
                      std::chrono::day(unsigned(parts[2]))};
  if (!date.ok() || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return std::nullopt;
  return TimePoint(sys_days(date) + hours(parts[3]) + minutes(parts[4]) + seconds(parts[5]) +
                   milliseconds(millis));
}

}  // namespace poster
