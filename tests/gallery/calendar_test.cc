// The calendar: each phase's start and end as the admin sets them, over the
// config's, with opening and closing by hand winning over both.
#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
using std::chrono::milliseconds;

namespace {

voting::Instant At(TimePoint time) { return std::chrono::time_point_cast<milliseconds>(time); }

bool Open(gallery::Catalogue& catalogue, voting::Phase phase) {
  return (*catalogue.Phases())[size_t(phase)].open;
}

}  // namespace

TEST_CASE("an admin's calendar takes precedence over the config's and opens a phase on time",
          "[gallery][calendar]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  const voting::Phase voting = voting::Phase::kVoting;
  REQUIRE(c.SetPhaseSchedule(voting, At(KoreaTime(5, 9)), At(KoreaTime(6, 18)), "A1").ok());
  contest.clock().Set(KoreaTime(5, 8, 59, 59, 999));
  CHECK_FALSE(Open(c, voting));
  contest.clock().Set(KoreaTime(5, 9));
  CHECK(Open(c, voting));
  contest.clock().Set(KoreaTime(6, 17, 59, 59, 999));
  CHECK(Open(c, voting));
  contest.clock().Set(KoreaTime(6, 18));
  CHECK_FALSE(Open(c, voting));
  contest.clock().Set(KoreaTime(17, 12));  // inside the config's 16-20 Nov: the admin's wins
  CHECK_FALSE(Open(c, voting));
}

TEST_CASE("a side of the calendar left empty keeps the config's", "[gallery][calendar]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.SetPhaseSchedule(voting::Phase::kSubmission, std::nullopt, At(KoreaTime(20, 18)), "A1")
              .ok());
  gallery::PhaseState submission = (*c.Phases())[size_t(voting::Phase::kSubmission)];
  CHECK(submission.window.start == At(KoreaTime(2, 9)));  // the config's start
  CHECK(submission.window.end == At(KoreaTime(20, 18)));
  contest.clock().Set(KoreaTime(16, 12));  // after the config's end, before the admin's
  CHECK(submission.window.Contains(At(KoreaTime(16, 12))));
  CHECK(Open(c, voting::Phase::kSubmission));
}

TEST_CASE("opening or closing by hand wins over the admin's calendar", "[gallery][calendar]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  const voting::Phase voting = voting::Phase::kVoting;
  REQUIRE(c.SetPhaseSchedule(voting, At(KoreaTime(10, 9)), At(KoreaTime(12, 18)), "A1").ok());
  REQUIRE(c.SetPhase(voting, gallery::PhaseChange::kOpen, "A1").ok());  // on 3 Nov, early
  CHECK(Open(c, voting));
  contest.clock().Set(KoreaTime(11, 9));
  REQUIRE(c.SetPhase(voting, gallery::PhaseChange::kClose, "A1").ok());  // and closed early
  CHECK_FALSE(Open(c, voting));
}

TEST_CASE("a calendar that ends before it starts is refused, and only admins set one",
          "[gallery][calendar]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.SetPhaseSchedule(voting::Phase::kVoting, At(KoreaTime(10, 9)), At(KoreaTime(10, 9)), "A1")
            .code() == "invalid_schedule");
  // Against the config's end (20 Nov) too.
  CHECK(
      c.SetPhaseSchedule(voting::Phase::kVoting, At(KoreaTime(21, 9)), std::nullopt, "A1").code() ==
      "invalid_schedule");
  CHECK(
      c.SetPhaseSchedule(voting::Phase::kVoting, At(KoreaTime(10, 9)), std::nullopt, "E1").code() ==
      "not_permitted");
  CHECK(c.VerifyAudit()->problems.empty());
}

TEST_CASE("the calendar is in the audit log and verify holds it", "[gallery][calendar][audit]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(
      c.SetPhaseSchedule(voting::Phase::kJudging, At(KoreaTime(16, 9)), At(KoreaTime(27, 18)), "A1")
          .ok());
  REQUIRE(
      c.SetPhaseSchedule(voting::Phase::kJudging, std::nullopt, At(KoreaTime(28, 18)), "A1").ok());
  gallery::AuditReport report = *c.VerifyAudit();
  CHECK(report.problems.empty());
  CHECK(std::find(report.checked.begin(), report.checked.end(), "phase_schedule") !=
        report.checked.end());
}

TEST_CASE("the moderator's claim message names its end in the contest's time zone",
          "[gallery][calendar]") {
  Contest contest;
  int64_t id = contest.Submit("E1", 1);
  REQUIRE(contest.catalogue().Claim(id, "M1").ok());  // 3 Nov 10:00 KST, for ten minutes
  Status refused = contest.catalogue().Claim(id, "M2").status();
  CHECK(refused.code() == "claimed_by_other");
  CHECK(refused.detail("until") == "2026. 11. 3.(화) 10:10 KST");
  CHECK_THAT(refused.message(), Catch::Contains("until Tue 3 Nov 2026, 10:10 KST"));
}
