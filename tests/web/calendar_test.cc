// The calendar over HTTP: an admin sets a phase's start and end in the
// contest's time zone; the server opens and closes it on time, and tells the
// pages its own clock.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

json PhaseOf(const json& contest, const std::string& name) {
  for (const json& phase : contest["phases"])
    if (phase["phase"] == name) return phase;
  return nullptr;
}

// "2026-12-01T16:05" in Seoul, `minutes` from now.
std::string SeoulIn(int minutes) {
  gallery::TimeZone seoul = gallery::TimeZone::LoadOrUtc("Asia/Seoul");
  auto now = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now()) +
             std::chrono::minutes(minutes);
  auto local = now + std::chrono::seconds(seoul.OffsetAt(voting::Instant(
                         std::chrono::time_point_cast<std::chrono::milliseconds>(now))));
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(local - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()));
  return text;
}

}  // namespace

TEST_CASE("an admin sets voting to open just before now and it is open, then later and it is not",
          "[web][calendar]") {
  WebContest contest;
  auto admin = contest.As("A0001");
  std::string body = json{{"start", SeoulIn(-1)}, {"end", SeoulIn(2)}}.dump();
  HttpReply set = admin->Put("/api/admin/phases/voting", body);
  REQUIRE(set.status == 200);
  CHECK(PhaseOf(Json(set), "voting")["open"] == true);
  json shown = Json(contest.Anonymous()->Get("/api/contest"));
  CHECK(PhaseOf(shown, "voting")["open"] == true);
  CHECK(shown["server_time"].get<std::string>().size() == 24);  // "2026-12-01T07:05:00.000Z"
  REQUIRE(admin
              ->Put("/api/admin/phases/voting",
                    json{{"start", SeoulIn(60)}, {"end", SeoulIn(120)}}.dump())
              .status == 200);
  CHECK(PhaseOf(Json(contest.Anonymous()->Get("/api/contest")), "voting")["open"] == false);
}

TEST_CASE("a calendar the server cannot read or that ends first is refused with its reason",
          "[web][calendar]") {
  WebContest contest;
  auto admin = contest.As("A0001");
  HttpReply garbled = admin->Put("/api/admin/phases/voting", R"({"start":"next friday"})");
  CHECK(garbled.status == 400);
  CHECK(Json(garbled)["details"]["field"] == "start");
  CHECK(admin->Put("/api/admin/phases/lunch", R"({"start":"2030-01-01T09:00"})").status == 400);
  HttpReply backwards = admin->Put("/api/admin/phases/voting",
                                   R"({"start":"2030-01-02T09:00","end":"2030-01-01T09:00"})");
  CHECK(Json(backwards)["code"] == "invalid_schedule");
  CHECK(contest.As("E1001")
            ->Put("/api/admin/phases/voting", R"({"start":"2030-01-01T09:00"})")
            .status == 403);
}

TEST_CASE("an author is told how many entries they have left", "[web][calendar]") {
  WebContest contest;
  contest.Entry("E1001", 1, false);
  json mine = Json(contest.As("E1001")->Get("/api/my/entries"));
  CHECK(mine["entries_per_author"] == 3);
  CHECK(mine["entries_left"] == 2);
}
