#include "gallery/config/time_zone.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "gallery/config/config.h"

namespace poster::gallery {
namespace {

constexpr const char* kZoneInfo = "/usr/share/zoneinfo/";

Status BadZone(const std::string& name, const std::string& why) {
  return Status(std::string(kConfigInvalid),
                "The time zone \"" + name + "\" " + why + "; use a name like Asia/Seoul.",
                {{"key", "contest.time_zone"}, {"zone", name}});
}

int64_t Be(const std::vector<uint8_t>& data, size_t at, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = value << 8 | data[at + i];
  if (bytes == 4) return int32_t(uint32_t(value));
  return int64_t(value);
}

struct Counts {
  int64_t isut, isstd, leaps, times, types, chars;
};

Counts ReadCounts(const std::vector<uint8_t>& data, size_t at) {
  return {Be(data, at + 20, 4), Be(data, at + 24, 4), Be(data, at + 28, 4),
          Be(data, at + 32, 4), Be(data, at + 36, 4), Be(data, at + 40, 4)};
}

}  // namespace

TimeZone TimeZone::Utc() { return TimeZone(); }

Result<TimeZone> TimeZone::Load(const std::string& name) {
  if (name == "UTC" || name == "Etc/UTC") return Utc();
  if (name.empty() || name.find("..") != std::string::npos || name.front() == '/') {
    return BadZone(name, "is not a zone name");
  }
  std::ifstream file(kZoneInfo + name, std::ios::binary);
  std::vector<uint8_t> data((std::istreambuf_iterator<char>(file)), {});
  if (data.size() < 44 || std::string(data.begin(), data.begin() + 4) != "TZif") {
    return BadZone(name, "is not in the tz database (" + std::string(kZoneInfo) + ")");
  }
  // Skip the version-1 block (32-bit times) to the version-2 one (64-bit).
  Counts v1 = ReadCounts(data, 0);
  size_t at = 44 + v1.times * 5 + v1.types * 6 + v1.chars + v1.leaps * 8 + v1.isstd + v1.isut;
  if (data[4] < '2' || data.size() < at + 44)
    return BadZone(name, "has a TZif file this reader cannot use");
  Counts v2 = ReadCounts(data, at);
  int64_t timecnt = v2.times, typecnt = v2.types;
  size_t times = at + 44, indices = times + timecnt * 8, types = indices + timecnt;
  if (data.size() < types + typecnt * 6 || typecnt == 0)
    return BadZone(name, "has a damaged TZif file");
  TimeZone zone;
  zone.name_ = name;
  auto offset_of = [&](size_t type) { return int(Be(data, types + type * 6, 4)); };
  zone.initial_offset_ = offset_of(0);
  for (int64_t i = 0; i < timecnt; ++i) {
    size_t type = data[indices + i];
    if (type >= size_t(typecnt)) return BadZone(name, "has a damaged TZif file");
    zone.transitions_.push_back(Be(data, times + i * 8, 8));
    zone.offsets_.push_back(offset_of(type));
  }
  return zone;
}

int TimeZone::OffsetAt(voting::Instant moment) const {
  int64_t seconds = std::chrono::floor<std::chrono::seconds>(moment).time_since_epoch().count();
  auto after = std::upper_bound(transitions_.begin(), transitions_.end(), seconds);
  if (after == transitions_.begin()) return initial_offset_;
  return offsets_[size_t(after - transitions_.begin() - 1)];
}

voting::Instant TimeZone::ToInstant(
    std::chrono::local_time<std::chrono::milliseconds> local) const {
  auto as_utc = voting::Instant(local.time_since_epoch());
  // Try the offsets in effect around that moment; the earliest consistent reading wins.
  std::vector<voting::Instant> readings;
  for (int hours : {-26, 0, 26}) {
    int offset = OffsetAt(as_utc + std::chrono::hours(hours));
    voting::Instant guess = as_utc - std::chrono::seconds(offset);
    if (OffsetAt(guess) == offset) readings.push_back(guess);
  }
  if (readings.empty()) return as_utc - std::chrono::seconds(OffsetAt(as_utc));
  return *std::min_element(readings.begin(), readings.end());
}

std::string TimeZone::Format(voting::Instant moment) const {
  int offset = OffsetAt(moment);
  auto local = std::chrono::floor<std::chrono::seconds>(moment) + std::chrono::seconds(offset);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(local - day);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d (UTC%c%02d:%02d)",
                int(date.year()), unsigned(date.month()), unsigned(date.day()),
                int(time.hours().count()), int(time.minutes().count()), int(time.seconds().count()),
                offset < 0 ? '-' : '+', std::abs(offset) / 3600, std::abs(offset) % 3600 / 60);
  return text;
}

}  // namespace poster::gallery
