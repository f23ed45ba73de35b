// Dates for people: one format per language, the zone named by its
// abbreviation from the tz database (docs/web.md, "Dates").
#include <cstdio>
#include <regex>

#include "base/clock.h"
#include "gallery/config/time_zone.h"

namespace poster::gallery {
namespace {

constexpr const char* kKoreanDays[] = {"일", "월", "화", "수", "목", "금", "토"};
constexpr const char* kEnglishDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

TimeZone TimeZone::LoadOrUtc(const std::string& name) {
  Result<TimeZone> zone = Load(name);
  return zone.ok() ? *zone : Utc();
}

std::string TimeZone::FormatDate(voting::Instant moment, DateStyle style) const {
  auto local =
      std::chrono::floor<std::chrono::minutes>(moment) + std::chrono::seconds(OffsetAt(moment));
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(local - day);
  unsigned weekday = std::chrono::weekday(day).c_encoding();
  int year = int(date.year()), hour = int(time.hours().count()),
      minute = int(time.minutes().count());
  unsigned month = unsigned(date.month()), mday = unsigned(date.day());
  std::string zone = Abbreviation(moment);
  char text[96];
  if (style == DateStyle::kKorean) {
    std::snprintf(text, sizeof text, "%d. %u. %u.(%s) %02d:%02d %s", year, month, mday,
                  kKoreanDays[weekday], hour, minute, zone.c_str());
  } else {
    std::snprintf(text, sizeof text, "%s %u %s %d, %02d:%02d %s", kEnglishDays[weekday], mday,
                  kEnglishMonths[month - 1], year, hour, minute, zone.c_str());
  }
  return text;
}

std::optional<voting::Instant> TimeZone::ParseLocal(const std::string& text) const {
  static const std::regex kLocal(R"((\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?)");
  std::smatch part;
  if (!std::regex_match(text, part, kLocal)) return std::nullopt;
  auto number = [&](int i) { return part[i].matched ? std::stoi(part[i].str()) : 0; };
  std::chrono::year_month_day date{std::chrono::year(number(1)),
                                   std::chrono::month(unsigned(number(2))),
                                   std::chrono::day(unsigned(number(3)))};
  if (!date.ok() || number(4) > 23 || number(5) > 59 || number(6) > 59) return std::nullopt;
  auto local = std::chrono::local_days(date) + std::chrono::hours(number(4)) +
               std::chrono::minutes(number(5)) + std::chrono::seconds(number(6));
  return ToInstant(std::chrono::time_point_cast<std::chrono::milliseconds>(local));
}

std::string TimeZone::FormatTimesIn(const std::string& text, DateStyle style) const {
  static const std::regex kUtc(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z)");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), kUtc), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    std::optional<TimePoint> moment = ParseUtc((*it)[0].str());
    out += moment
               ? FormatDate(std::chrono::time_point_cast<std::chrono::milliseconds>(*moment), style)
               : (*it)[0].str();
    last = (*it)[0].second;
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace poster::gallery
