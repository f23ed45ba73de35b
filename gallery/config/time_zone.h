// Time zones from the system's tz database (/usr/share/zoneinfo, Debian's
// tzdata), through Howard Hinnant's date/tz (libdate-tz, private to gallery/config):
// GCC 12's <chrono> has no time zone database of its own. A zone is read once
// per process and shared by every TimeZone that names it; all of this is safe
// to call from many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "voting/voting.h"

namespace poster::gallery {

// The one way people read a date, per language.
enum class DateStyle {
  kKorean,   // "2026. 10. 24.(토) 18:00 KST"
  kEnglish,  // "Sat 24 Oct 2026, 18:00 KST"
};

class ZoneRules;  // time_zone.cc

class TimeZone {
 public:
  // The zone `name` ("Asia/Seoul", "UTC"). Fails with config_invalid.
  static Result<TimeZone> Load(const std::string& name);
  static TimeZone Utc();
  // The zone `name`, or UTC when it cannot be read (for showing times; the
  // config was checked when it was stored).
  static TimeZone LoadOrUtc(const std::string& name);

  // Seconds east of UTC in effect at `moment`.
  int OffsetAt(voting::Instant moment) const;

  // The instant a wall-clock time in this zone names; in a DST gap or overlap,
  // the earlier reading.
  voting::Instant ToInstant(std::chrono::local_time<std::chrono::milliseconds> local) const;

  // "2026-11-13 23:59:59 (UTC+09:00)": for people.
  std::string Format(voting::Instant moment) const;

  // The zone's abbreviation at `moment` from the tz database ("KST", "EDT",
  // or "+04" where the database has no letters).
  std::string Abbreviation(voting::Instant moment) const;

  // `moment` as people read it, to the minute, with the zone named.
  std::string FormatDate(voting::Instant moment, DateStyle style) const;

  // A wall-clock time in this zone as an admin types it ("2026-10-24T18:00",
  // seconds optional, a space instead of the T); nothing for other text.
  std::optional<voting::Instant> ParseLocal(const std::string& text) const;

  // `text` with every UTC time in it ("2026-10-24T09:00:00.000Z") written by FormatDate.
  std::string FormatTimesIn(const std::string& text, DateStyle style) const;

  const std::string& name() const { return name_; }

 private:
  std::string name_ = "UTC";
  std::shared_ptr<const ZoneRules> rules_;  // none for UTC
};

}  // namespace poster::gallery
