// Time zones from the system's tz database (/usr/share/zoneinfo, Debian's
// tzdata), read from their TZif files (private to gallery/config). GCC 12's <chrono>
// has no time zone database of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "voting/voting.h"

namespace poster::gallery {

class TimeZone {
 public:
  // Reads the zone `name` ("Asia/Seoul", "UTC"). Fails with config_invalid.
  static Result<TimeZone> Load(const std::string& name);
  static TimeZone Utc();

  // Seconds east of UTC in effect at `moment`.
  int OffsetAt(voting::Instant moment) const;

  // The instant a wall-clock time in this zone names; in a DST gap or overlap,
  // the earlier reading.
  voting::Instant ToInstant(std::chrono::local_time<std::chrono::milliseconds> local) const;

  // "2026-11-13 23:59:59 (UTC+09:00)": for people.
  std::string Format(voting::Instant moment) const;

  const std::string& name() const { return name_; }

 private:
  std::string name_ = "UTC";
  std::vector<int64_t> transitions_;  // UTC seconds, ascending
  std::vector<int> offsets_;          // in effect from the transition at the same index
  int initial_offset_ = 0;            // before the first transition
};

}  // namespace poster::gallery
