// Time zones from the system's tz database (/usr/share/zoneinfo, Debian's
// tzdata), through Howard Hinnant's date/tz (libdate-tz, private to gallery/config):
// GCC 12's <chrono> has no time zone database of its own. A zone is read once
// per process and shared by every TimeZone that names it; all of this is safe
// to call from many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "base/status.h"
#include "voting/voting.h"

namespace poster::gallery {

class ZoneRules;  // time_zone.cc

class TimeZone {
 public:
  // The zone `name` ("Asia/Seoul", "UTC"). Fails with config_invalid.
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
  std::shared_ptr<const ZoneRules> rules_;  // none for UTC
};

}  // namespace poster::gallery
