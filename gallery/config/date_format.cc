// Dates for people: one format per language, the zone named by its
// abbreviation from the tz database (docs/web.md, "Dates").
#include <cctype>
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

namespace {

// The length of the UTC time the store writes (2026-10-24T09:00:00Z, with up
// to three digits of milliseconds) starting at `at`, or 0. Read by hand: a
// regex per note made 100,000 result rows cost a third of a second.
size_t UtcTimeAt(const std::string& text, size_t at) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() - at < kShape.size() + 1) return 0;
  for (size_t i = 0; i < kShape.size(); ++i) {
    char c = text[at + i];
    if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(c)) : c != kShape[i]) return 0;
  }
  size_t end = at + kShape.size();
  if (text[end] == '.') {
    size_t digits = 0;
    while (end + 1 + digits < text.size() && digits < 4 &&
           std::isdigit(static_cast<unsigned char>(text[end + 1 + digits])))
      ++digits;
    if (digits == 0 || digits > 3) return 0;
    end += 1 + digits;
  }
  return end < text.size() && text[end] == 'Z' ? end + 1 - at : 0;
}

}  // namespace

std::string TimeZone::FormatTimesIn(const std::string& text, DateStyle style) const {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t length = UtcTimeAt(text, i);
    std::optional<TimePoint> moment;
    if (length > 0) moment = ParseUtc(std::string_view(text).substr(i, length));
    if (!moment) {
      out += text[i++];
      continue;
    }
    out += FormatDate(std::chrono::time_point_cast<std::chrono::milliseconds>(*moment), style);
    i += length;
  }
  return out;
}

}  // namespace poster::gallery
