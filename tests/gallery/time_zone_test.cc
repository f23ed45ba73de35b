// The contest's time zone: offsets, wall-clock readings and labels from the tz database.
#include "gallery/config/time_zone.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gallery/gallery.h"

using namespace poster;
using gallery::TimeZone;
using namespace std::chrono;

namespace {

voting::Instant Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return voting::Instant(sys_days(year(y) / month(m) / day(d)) + hours(h) + minutes(min));
}

local_time<milliseconds> Wall(int y, unsigned m, unsigned d, int h, int min = 0) {
  return local_time<milliseconds>(local_days(year(y) / month(m) / day(d)) + hours(h) +
                                  minutes(min));
}

TimeZone Zone(const std::string& name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  REQUIRE(zone.ok());
  return *zone;
}

// Bytes this process has read from files so far (Linux's /proc/self/io).
long BytesRead() {
  std::ifstream io("/proc/self/io");
  std::string key;
  long value = 0;
  while (io >> key >> value)
    if (key == "rchar:") return value;
  FAIL("no rchar in /proc/self/io");
  return 0;
}

}  // namespace

TEST_CASE("a New York contest in 2040 keeps daylight saving time in summer",
          "[gallery][time_zone]") {
  TimeZone york = Zone("America/New_York");
  CHECK(york.OffsetAt(Utc(2040, 7, 1, 12)) == -4 * 3600);
  CHECK(york.OffsetAt(Utc(2040, 1, 15, 12)) == -5 * 3600);
  CHECK(york.Format(Utc(2040, 7, 1, 16)) == "2040-07-01 12:00:00 (UTC-04:00)");
  CHECK(york.Format(Utc(2040, 12, 24, 17)) == "2040-12-24 12:00:00 (UTC-05:00)");
}

TEST_CASE("a Berlin deadline in the summer of 2045 is read in summer time",
          "[gallery][time_zone]") {
  TimeZone berlin = Zone("Europe/Berlin");
  CHECK(berlin.ToInstant(Wall(2045, 7, 1, 12)) == Utc(2045, 7, 1, 10));
  CHECK(berlin.ToInstant(Wall(2045, 1, 10, 12)) == Utc(2045, 1, 10, 11));
}

TEST_CASE("a Sydney contest in 2040 has summer time in January, not in July",
          "[gallery][time_zone]") {
  TimeZone sydney = Zone("Australia/Sydney");
  CHECK(sydney.OffsetAt(Utc(2040, 1, 15, 0)) == 11 * 3600);
  CHECK(sydney.OffsetAt(Utc(2040, 7, 15, 0)) == 10 * 3600);
}

TEST_CASE("Seoul stays at UTC+09:00 now and after 2037", "[gallery][time_zone]") {
  TimeZone seoul = Zone("Asia/Seoul");
  CHECK(seoul.Format(Utc(2026, 11, 13, 14, 59)) == "2026-11-13 23:59:00 (UTC+09:00)");
  CHECK(seoul.Format(Utc(2050, 11, 13, 14, 59)) == "2050-11-13 23:59:00 (UTC+09:00)");
  CHECK(seoul.ToInstant(Wall(2026, 11, 16, 9)) == Utc(2026, 11, 16, 0));
}

TEST_CASE("a wall-clock time the spring-forward skips reads as the earlier instant",
          "[gallery][time_zone]") {
  TimeZone york = Zone("America/New_York");
  // 02:30 does not exist on 8 March 2026 (nor on 11 March 2040): 02:30 read with
  // the offset after the gap (UTC-4) is 06:30 UTC, earlier than with the one before.
  CHECK(york.ToInstant(Wall(2026, 3, 8, 2, 30)) == Utc(2026, 3, 8, 6, 30));
  CHECK(york.ToInstant(Wall(2040, 3, 11, 2, 30)) == Utc(2040, 3, 11, 6, 30));
  TimeZone berlin = Zone("Europe/Berlin");
  CHECK(berlin.ToInstant(Wall(2026, 3, 29, 2, 30)) == Utc(2026, 3, 29, 0, 30));
  CHECK(berlin.ToInstant(Wall(2045, 3, 26, 2, 30)) == Utc(2045, 3, 26, 0, 30));
}

TEST_CASE("a wall-clock time the fall-back repeats reads as its first occurrence",
          "[gallery][time_zone]") {
  TimeZone york = Zone("America/New_York");
  CHECK(york.ToInstant(Wall(2026, 11, 1, 1, 30)) == Utc(2026, 11, 1, 5, 30));
  CHECK(york.ToInstant(Wall(2040, 11, 4, 1, 30)) == Utc(2040, 11, 4, 5, 30));
  TimeZone berlin = Zone("Europe/Berlin");
  CHECK(berlin.ToInstant(Wall(2045, 10, 29, 2, 30)) == Utc(2045, 10, 29, 0, 30));
}

TEST_CASE("a time zone name the tz database does not know fails with config_invalid",
          "[gallery][time_zone]") {
  for (std::string name : {"Mars/Olympus_Mons", "", "../../etc/passwd", "/etc/localtime",
                           "Asia/Seoul/", "asia/seoul"}) {
    INFO(name);
    Result<TimeZone> zone = TimeZone::Load(name);
    REQUIRE_FALSE(zone.ok());
    CHECK(zone.status().code() == gallery::kConfigInvalid);
    CHECK(zone.status().detail("key") == "contest.time_zone");
  }
}

TEST_CASE("UTC and the tz database's other names for a zone load by name", "[gallery][time_zone]") {
  for (TimeZone utc : {TimeZone::Utc(), Zone("UTC"), Zone("Etc/UTC")}) {
    CHECK(utc.OffsetAt(Utc(2040, 7, 1, 12)) == 0);
    CHECK(utc.Format(Utc(2026, 1, 2, 3, 4)) == "2026-01-02 03:04:00 (UTC+00:00)");
  }
  CHECK(Zone("UTC").name() == "UTC");
  TimeZone eastern = Zone("US/Eastern");  // a link to America/New_York
  CHECK(eastern.name() == "US/Eastern");
  CHECK(eastern.OffsetAt(Utc(2040, 7, 1, 12)) == -4 * 3600);
}

TEST_CASE("a zone loaded again is not read from disk again", "[gallery][time_zone]") {
  auto file_size = long(std::filesystem::file_size("/usr/share/zoneinfo/Europe/Berlin"));
  CHECK(Zone("Europe/Berlin").OffsetAt(Utc(2026, 7, 1, 0)) == 7200);  // the first load may read
  long before = BytesRead();
  for (int i = 0; i < 100; ++i) {
    TimeZone berlin = Zone("Europe/Berlin");
    CHECK(berlin.OffsetAt(Utc(2026, 7, 1, 0)) == 7200);
  }
  CHECK(BytesRead() - before < file_size);
}

TEST_CASE("zones load and answer from many threads at once", "[gallery][time_zone]") {
  const std::vector<std::pair<std::string, int>> zones = {
      {"Asia/Seoul", 9},        {"America/New_York", -4}, {"Europe/Berlin", 2},
      {"Australia/Sydney", 10}, {"Asia/Tokyo", 9},        {"America/Los_Angeles", -7}};
  std::vector<int> wrong(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const auto& [name, hours] = zones[(t + size_t(i)) % zones.size()];
        Result<TimeZone> zone = TimeZone::Load(name);
        if (!zone.ok() || zone->OffsetAt(Utc(2041, 7, 1, 0)) != hours * 3600) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == std::vector<int>(8, 0));
}

TEST_CASE("a date reads the same way everywhere in each language, with the zone named",
          "[gallery][time_zone]") {
  TimeZone seoul = Zone("Asia/Seoul");
  voting::Instant deadline = Utc(2026, 10, 24, 9);  // 18:00 in Seoul, a Saturday there
  CHECK(seoul.FormatDate(deadline, gallery::DateStyle::kKorean) == "2026. 10. 24.(토) 18:00 KST");
  CHECK(seoul.FormatDate(deadline, gallery::DateStyle::kEnglish) == "Sat 24 Oct 2026, 18:00 KST");
  CHECK(seoul.FormatDate(Utc(2026, 10, 23, 9), gallery::DateStyle::kKorean) ==
        "2026. 10. 23.(금) 18:00 KST");
  CHECK(TimeZone::Utc().FormatDate(deadline, gallery::DateStyle::kEnglish) ==
        "Sat 24 Oct 2026, 09:00 UTC");
}

TEST_CASE("a date in a daylight saving zone names summer and winter time", "[gallery][time_zone]") {
  TimeZone york = Zone("America/New_York");
  CHECK(york.FormatDate(Utc(2026, 7, 1, 16), gallery::DateStyle::kEnglish) ==
        "Wed 1 Jul 2026, 12:00 EDT");
  CHECK(york.FormatDate(Utc(2026, 12, 24, 17), gallery::DateStyle::kKorean) ==
        "2026. 12. 24.(목) 12:00 EST");
  CHECK(york.FormatDate(Utc(2040, 7, 1, 16), gallery::DateStyle::kEnglish) ==
        "Sun 1 Jul 2040, 12:00 EDT");  // past the listed transitions: the POSIX rule's name
}

TEST_CASE("machine times inside a sentence are rewritten for people", "[gallery][time_zone]") {
  TimeZone seoul = Zone("Asia/Seoul");
  CHECK(seoul.FormatTimesIn("earlier submission (2026-10-24T09:00:00.000Z vs 2026-10-24T10:30:00Z)",
                            gallery::DateStyle::kEnglish) ==
        "earlier submission (Sat 24 Oct 2026, 18:00 KST vs Sat 24 Oct 2026, 19:30 KST)");
  CHECK(seoul.FormatTimesIn("no times here", gallery::DateStyle::kKorean) == "no times here");
  CHECK(seoul.FormatTimesIn("at 12026-10-24T09:00:00Z.", gallery::DateStyle::kEnglish) ==
        "at 1Sat 24 Oct 2026, 18:00 KST.");  // the time is found wherever it starts
  for (std::string odd : {"2026-10-24T09:00:00.1234Z", "2026-10-24T09:00:00", "2026-10-24T09:00Z",
                          "2026-10-24T09:00:00.Z", "2026-13-45T09:00:00Z",
                          "2026-10-24T09:00:00"
                          "z",
                          "2026-10-24T09:00:0"}) {
    CHECK(seoul.FormatTimesIn(odd, gallery::DateStyle::kEnglish) == odd);  // not a time: kept
  }
}

TEST_CASE("a stored UTC time reads back as written, and a malformed one not at all",
          "[config][time]") {
  TimePoint noon = TimePoint(sys_days(year(2026) / 10 / 5) + hours(12) + minutes(34) + seconds(56) +
                             milliseconds(789));
  CHECK(FormatUtc(noon) == "2026-10-05T12:34:56.789Z");
  CHECK(ParseUtc("2026-10-05T12:34:56.789Z") == noon);
  CHECK(ParseUtc("2026-10-05T12:34:56Z") == noon - milliseconds(789));  // no milliseconds
  CHECK(ParseUtc("2026-02-29T00:00:00.000Z") == std::nullopt);          // not a leap year
  CHECK(ParseUtc("2026-10-05T12:34:5x.789Z") == std::nullopt);
  CHECK(ParseUtc("2026-10-05T12:34:56.789") == std::nullopt);  // no Z: not UTC
  CHECK(ParseUtc("") == std::nullopt);
  CHECK(ParseUtc("20261005T123456Z") == std::nullopt);
  CHECK(ParseUtc("2026-10-05T12:34:56.5Z") == noon - milliseconds(289));  // .5 is 500 ms
  CHECK(ParseUtc("2026-10-05T25:00:00Z") == std::nullopt);
  CHECK(ParseUtc(" 2026-10-05T12:34:56Z") == std::nullopt);
  CHECK(ParseUtc("2026-10-05T12:34:56.Z") == std::nullopt);
  CHECK(ParseUtc("2026-10-05T12:34:56.7890Z") == std::nullopt);
}
