#include "gallery/config/time_zone.h"

#include <date/date.h>
// Debian's date 3.0.1: ptz.h's Posix::time_zone::name() says hh_mm_ss under
// `using namespace date; using namespace std::chrono;`, ambiguous in C++20
// (later upstream releases qualify it). Lookup finds this alias first.
namespace Posix {
template <class Duration>
using hh_mm_ss = date::hh_mm_ss<Duration>;
}  // namespace Posix
#include <date/ptz.h>
#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>

#include "gallery/config/config.h"

namespace poster::gallery {

// A zone as the tz database has it: the transitions its TZif file lists, read
// by date/tz, and past the last of them the POSIX TZ rule the file ends with,
// which date/tz as Debian builds it (USE_OS_TZDB) ignores: alone it would keep
// New York on standard time from November 2037 on.
class ZoneRules {
 public:
  ZoneRules(const date::time_zone* listed, std::optional<Posix::time_zone> rule)
      : listed_(listed),
        rule_(std::move(rule)),
        rule_from_(listed->get_info(date::sys_days(date::year(9999) / 1 / 1)).begin) {}

  date::sys_info Info(date::sys_seconds moment) const {
    if (rule_ && moment >= rule_from_) return rule_->get_info(moment);
    return listed_->get_info(moment);
  }

  // Within a day of the last transition the listed ones still answer.
  date::local_info Info(date::local_seconds local) const {
    date::sys_seconds early = date::sys_seconds(local.time_since_epoch()) - std::chrono::hours(26);
    if (rule_ && early >= rule_from_) return rule_->get_info(local);
    return listed_->get_info(local);
  }

 private:
  const date::time_zone* listed_;
  std::optional<Posix::time_zone> rule_;
  date::sys_seconds rule_from_;  // the last listed transition
};

namespace {

// Where Debian's tzdata keeps the zones, and where date/tz finds them there.
constexpr const char* kZoneInfo = "/usr/share/zoneinfo/";

Status BadZone(const std::string& name, const std::string& why) {
  return Status(std::string(kConfigInvalid),
                "The time zone \"" + name + "\" " + why + "; use a name like Asia/Seoul.",
                {{"key", "contest.time_zone"}, {"zone", name}});
}

// The POSIX TZ rule a TZif file of version 2 or later ends with, between its last
// two newlines ("EST5EDT,M3.2.0,M11.1.0"); nothing when there is none or ptz.h
// cannot read it (Greenland's "M3.5.0/-1": negative hours came with TZif 3).
std::optional<Posix::time_zone> FinalRule(const std::string& name) {
  std::ifstream file(kZoneInfo + name, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(file)), {});
  if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n')
    return std::nullopt;
  size_t newline = data.rfind('\n', data.size() - 2);
  if (newline == std::string::npos || newline + 2 == data.size()) return std::nullopt;
  try {
    return Posix::time_zone(std::string_view(data).substr(newline + 1, data.size() - newline - 2));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Result<std::shared_ptr<const ZoneRules>> Read(const std::string& name) {
  const date::time_zone* listed = nullptr;
  try {
    listed = date::locate_zone(name);
  } catch (const std::exception&) {
    return BadZone(name, "is not in the tz database (" + std::string(kZoneInfo) + ")");
  }
  try {
    return std::make_shared<const ZoneRules>(listed, FinalRule(name));  // reads the file
  } catch (const std::exception& e) {
    return BadZone(name, "has a TZif file that cannot be read (" + std::string(e.what()) + ")");
  }
}

// Each zone read once per process; never destroyed, as server threads may ask at exit.
Result<std::shared_ptr<const ZoneRules>> Find(const std::string& name) {
  struct Loaded {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const ZoneRules>, std::less<>> zones;
  };
  static Loaded& loaded = *new Loaded;
  std::lock_guard lock(loaded.mutex);
  auto known = loaded.zones.find(name);
  if (known != loaded.zones.end()) return known->second;
  Result<std::shared_ptr<const ZoneRules>> read = Read(name);
  if (read.ok()) loaded.zones.emplace(name, *read);
  return read;
}

}  // namespace

TimeZone TimeZone::Utc() { return TimeZone(); }

Result<TimeZone> TimeZone::Load(const std::string& name) {
  if (name == "UTC" || name == "Etc/UTC") return Utc();
  Result<std::shared_ptr<const ZoneRules>> rules = Find(name);
  if (!rules.ok()) return rules.status();
  TimeZone zone;
  zone.name_ = name;
  zone.rules_ = *std::move(rules);
  return zone;
}

int TimeZone::OffsetAt(voting::Instant moment) const {
  if (!rules_) return 0;
  return int(rules_->Info(std::chrono::floor<std::chrono::seconds>(moment)).offset.count());
}

voting::Instant TimeZone::ToInstant(
    std::chrono::local_time<std::chrono::milliseconds> local) const {
  auto wall = voting::Instant(local.time_since_epoch());
  if (!rules_) return wall;
  auto seconds = std::chrono::floor<std::chrono::seconds>(local.time_since_epoch());
  date::local_info info = rules_->Info(date::local_seconds(seconds));
  // In a gap or an overlap both offsets are candidates; the larger reads earlier.
  std::chrono::seconds offset = info.first.offset;
  if (info.result != date::local_info::unique) offset = std::max(offset, info.second.offset);
  return wall - offset;
}

std::string TimeZone::Abbreviation(voting::Instant moment) const {
  if (!rules_) return "UTC";
  return rules_->Info(std::chrono::floor<std::chrono::seconds>(moment)).abbrev;
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
