// Judging and results through the catalogue: assignment, scores, sealing,
// announcement, the objection period, and a scheduled announcement.
#include "tests/gallery/contest_fixture.h"
#include "tests/support/test_database.h"

using namespace poster;
using namespace poster::testing;

namespace {

// Three approved entries, votes and scores from every judge; the clock in judging.
std::vector<int64_t> Judged(Contest& contest) {
  std::vector<int64_t> ids = {contest.SubmitApproved("E1", 1), contest.SubmitApproved("E2", 2),
                              contest.SubmitApproved("E3", 3, {"J3"})};
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(c.CastVote("V1", ids[2]).ok());
  REQUIRE(c.CastVote("V2", ids[2]).ok());
  REQUIRE(c.CastVote("V1", ids[1]).ok());
  for (const std::string judge : {"J1", "J2", "J3"}) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (judge == "J3" && i == 2) continue;  // J3 co-authored entry 3
      int s = 9 - int(i) * 2;
      REQUIRE(c.Score(judge, ids[i], {s, s, s, s}).ok());
    }
  }
  return ids;
}

}  // namespace

TEST_CASE("judges are assigned up front and never to their own entries", "[gallery][judging]") {
  Contest contest;
  int64_t team = contest.SubmitApproved("E1", 1, {"J3"});
  contest.SubmitApproved("E2", 2);
  std::vector<voting::Assignment> assigned = *contest.catalogue().AssignJudges("seed", "A1");
  CHECK(assigned.size() == 5);  // 3 judges x 2 entries, less J3 on the team's entry
  for (const auto& a : assigned) CHECK_FALSE((a.judge == "J3" && a.entry == team));
  CHECK(contest.catalogue().AssignJudges("seed", "J1").status().code() == "not_permitted");
}

TEST_CASE("scores are refused outside judging, off the list, or off the scale",
          "[gallery][judging]") {
  Contest contest;
  int64_t id = contest.SubmitApproved("E1", 1, {"J3"});
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  CHECK(c.Score("J1", id, {8, 8, 8, 8}).code() == "outside_window");
  contest.clock().Set(KoreaTime(25, 23, 59, 59));  // "end = 2026-11-25": through the 25th
  CHECK(c.Score("J3", id, {8, 8, 8, 8}).code() == "not_assigned");
  CHECK(c.Score("V1", id, {8, 8, 8, 8}).code() == "not_permitted");
  CHECK(c.Score("J1", id, {8, 8, 11, 8}).code() == "invalid_score");
  REQUIRE(c.Score("J1", id, {8, 8, 8, 8}).ok());
  REQUIRE(c.Score("J1", id, {9, 9, 9, 9}).ok());  // a later score replaces the earlier
  CHECK(*c.JudgeTasks("J1")->front().scores == std::vector<int>{9, 9, 9, 9});
  contest.clock().Set(KoreaTime(26, 0));
  CHECK(c.Score("J1", id, {7, 7, 7, 7}).code() == "outside_window");
}

TEST_CASE("a judge who drops out keeps their scores; the rest goes to others",
          "[gallery][judging]") {
  Contest contest;
  std::vector<int64_t> ids = {contest.SubmitApproved("E1", 1), contest.SubmitApproved("E2", 2)};
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(c.Score("J2", ids[0], {7, 7, 7, 7}).ok());
  std::vector<voting::Assignment> after = *c.DropJudge("J2", "seed", "A1");
  CHECK(std::count_if(after.begin(), after.end(), [](const auto& a) { return a.judge == "J2"; }) ==
        1);
  CHECK(c.JudgeTasks("J2")->size() == 1);
}

TEST_CASE("results are sealed from all but admins until announced", "[gallery][results]") {
  Contest contest;
  std::vector<int64_t> ids = Judged(contest);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.ResultsFor("V1").status().code() == "results_sealed");
  gallery::Results sealed = *c.ResultsFor("A1");
  CHECK(sealed.state == "sealed");
  REQUIRE(sealed.rows.size() == 3);
  CHECK(sealed.rows[0].tally.id == ids[0]);  // the judges' favourite
  CHECK(sealed.rows[0].title == "포스터 1");
  CHECK(sealed.rows[0].department == "민원봉사과");
  CHECK(c.Announce("V1").status().code() == "not_permitted");
  gallery::Results announced = *c.Announce("A1");
  CHECK(announced.state == "announced");
  CHECK(announced.sha256.size() == 64);
  CHECK(c.ResultsFor("V1")->sha256 == announced.sha256);
  CHECK(c.Announce("A1").status().code() == "invalid_transition");
  contest.clock().Advance(std::chrono::hours(24 * 3));
  CHECK(c.ResultsFor("V1")->state == "final");
}

TEST_CASE("announced results do not drift when facts change afterwards", "[gallery][results]") {
  Contest contest;
  std::vector<int64_t> ids = Judged(contest);
  gallery::Catalogue& c = contest.catalogue();
  gallery::Results announced = *c.Announce("A1");
  CHECK(c.Decide(ids[0], voting::EntryAction::kDisqualify, "표절", "A1").status().code() ==
        "invalid_transition");
  REQUIRE(c.Score("J1", ids[2], {10, 10, 10, 10}).ok());  // judging is still open
  CHECK(c.ResultsFor("V1")->rows[0].tally.id == announced.rows[0].tally.id);
  // The announced table is held against the log as it stood when announced.
  Result<gallery::AuditReport> audit = c.VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE("results announce themselves when the results phase begins", "[gallery][results]") {
  TempDir dir;
  FakeClock clock(KoreaTime(3, 10));
  gallery::Catalogue c = std::move(
      *gallery::Catalogue::Open(dir / "data", clock, DatabaseFor((dir / "data").string())));
  // Appended, not concatenated: GCC 12 sees a false overflow (-Warray-bounds) in `+`.
  std::string toml = kContestToml;
  toml.append("[phases.results]\nstart = 2026-11-27T10:00:00\n");
  REQUIRE(c.InitContest(toml, "t.toml", "operator").ok());
  CHECK(c.ResultsFor("V1").status().code() == "results_sealed");
  clock.Set(KoreaTime(27, 10));
  gallery::Results results = *c.ResultsFor("V1");
  CHECK(results.state == "announced");
}

TEST_CASE("the results export as CSV with a BOM and Korean headers, for Excel",
          "[gallery][results]") {
  Contest contest;
  Judged(contest);
  gallery::Results results = *contest.catalogue().ResultsFor("A1");
  std::string csv =
      gallery::FormatResults(results, gallery::ResultsFormat::kCsv, gallery::Language::kKorean);
  CHECK(csv.rfind("\xEF\xBB\xBF순위,등급,출품번호,제목", 0) == 0);
  CHECK_THAT(
      csv, Catch::Contains("최우수") && Catch::Contains("창의성 평균") && Catch::Contains("\r\n"));
  std::string english =
      gallery::FormatResults(results, gallery::ResultsFormat::kCsv, gallery::Language::kEnglish);
  CHECK_THAT(english, Catch::Contains("rank,tier,entry,title") && Catch::Contains("Grand prize"));
}
