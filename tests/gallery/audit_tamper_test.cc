// Whatever is changed behind poster's back in a copy of a data folder, verify
// notices: every table that carries state is held against the replayed log,
// and a head published with the results catches a log cut short.
#include <sqlite3.h>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

// A whole contest: entries decided, replaced and disqualified, a co-author, a
// password, phases opened by hand, judges assigned and dropped, votes cast,
// retracted and voided, scores, and the announcement.
gallery::AuditHead PlayContest(Contest& contest) {
  gallery::Catalogue& c = contest.catalogue();
  int64_t a = contest.SubmitApproved("E1", 1), b = contest.SubmitApproved("E2", 2, {"E3"});
  int64_t disqualified = contest.SubmitApproved("E3", 3);
  int64_t replaced = contest.Submit("E3", 4);
  REQUIRE(c.Replace(replaced, IngestedPoster(5), "v2.png", "E3").ok());
  REQUIRE(c.Decide(replaced, voting::EntryAction::kReject, "주제와 무관", "M1").ok());
  Result<std::string> invitation = c.Invite("V1", "A1");
  REQUIRE(c.AcceptInvitation(*invitation, "correct horse battery").ok());
  REQUIRE(c.SetPhase(voting::Phase::kReview, gallery::PhaseChange::kClose, "A1").ok());
  REQUIRE(c.SetPhaseSchedule(
               voting::Phase::kReview, std::nullopt,
               voting::Instant(
                   std::chrono::time_point_cast<std::chrono::milliseconds>(KoreaTime(30, 18))),
               "A1")
              .ok());
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  REQUIRE(c.DropJudge("J2", "seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(c.CastVote("V1", a).ok());
  REQUIRE(c.CastVote("V2", b).ok());
  REQUIRE(c.CastVote("V3", disqualified).ok());
  REQUIRE(c.RetractVote("V2", b).ok());
  REQUIRE(c.CastVote("V2", a).ok());
  REQUIRE(c.Decide(disqualified, voting::EntryAction::kDisqualify, "표절", "A1").ok());
  for (const std::string judge : {"J1", "J3"}) {
    REQUIRE(c.Score(judge, a, {8, 7, 9, 8}).ok());
    REQUIRE(c.Score(judge, b, {6, 6, 7, 5}).ok());
  }
  Result<gallery::Results> announced = c.Announce("A1");
  REQUIRE(announced.ok());
  return announced->log_head;
}

// The contest played once for all the tamperings of one run (each tampers a
// copy of its folder): playing it is most of a case's time, 21 cases in one.
Contest& Played() {
  static Contest contest;
  static const bool played = (PlayContest(contest), true);
  (void)played;
  return contest;
}

// The report of a fresh copy of the played contest's folder after `tampering`.
gallery::AuditReport VerifyCopy(const std::string& tampering,
                                std::optional<gallery::AuditHead> published = std::nullopt) {
  static int copies = 0;
  Contest& contest = Played();
  fs::path copy = contest.dir().path() / ("copy" + std::to_string(++copies));
  fs::copy(contest.dir().path() / "data", copy, fs::copy_options::recursive);
  RunSql(copy / "contest.db", tampering);
  Result<gallery::Catalogue> opened = gallery::Catalogue::OpenForReading(copy);
  REQUIRE(opened.ok());
  Result<gallery::AuditReport> report = opened->VerifyAudit(published);
  REQUIRE(report.ok());
  return *report;
}

std::string AllProblems(const gallery::AuditReport& report) {
  std::string all;
  for (const std::string& problem : report.problems) all += problem + "\n";
  return all;
}

}  // namespace

TEST_CASE("a whole contest played by the rules verifies clean, every table compared",
          "[gallery][audit]") {
  Contest contest;
  gallery::AuditHead head = PlayContest(contest);
  gallery::AuditReport report = *contest.catalogue().VerifyAudit(head);
  INFO(AllProblems(report));
  CHECK(report.problems.empty());
  CHECK(report.chain_intact);
  CHECK(report.head.seq == head.seq);
  CHECK(report.head.hash == head.hash);
  for (const char* table :
       {"entries", "people", "users", "contest", "phase_overrides", "phase_schedule", "votes",
        "judge_assignments", "scores", "announcements"}) {
    CHECK(std::find(report.checked.begin(), report.checked.end(), table) != report.checked.end());
  }
}

TEST_CASE("a change to any table that carries state is found by verify",
          "[gallery][audit][sqlite]") {
  auto [tampering, expected] = GENERATE(table<std::string, std::string>({
      {"DELETE FROM announcements", "announcements: the results were announced"},
      {"UPDATE announcements SET result_sha256 = 'x'", "announcements: the announcement differs"},
      {"UPDATE entries SET status = 'disqualified' WHERE id = 1",
       "entries: entry 1 is disqualified"},
      {"UPDATE entries SET title = '다른 제목' WHERE id = 1", "entry 1's title"},
      {"INSERT INTO co_authors VALUES (1, 'V3')", "entry 1's co-authors"},
      {"UPDATE fingerprints SET sha256 = 'ab' WHERE file_id = 1", "entry 1's current file"},
      {"DELETE FROM phase_overrides", "the log's close review is missing"},
      {"INSERT INTO phase_overrides (phase, action, at, actor) VALUES ('voting', 'open', "
       "'2026-11-17T00:00:00.000Z', 'A1')",
       "phase_overrides: \"open voting"},
      {"DELETE FROM phase_schedule", "phase_schedule: the log's calendar of review is missing"},
      {"UPDATE phase_schedule SET end = NULL", "the calendar of review differs"},
      {"INSERT INTO phase_schedule VALUES ('voting', '2026-11-01T00:00:00.000Z', NULL, 'x', 'A1')",
       "the calendar of voting is not in the log"},
      {"INSERT INTO roles VALUES ('E1', 'admin')", "people: E1's roles differ"},
      {"UPDATE people SET department = '감사관실' WHERE employee_id = 'E2'",
       "E2's name or department"},
      {"UPDATE people SET name = '다른 사람' WHERE employee_id = 'E2'", "E2's name or department"},
      {"UPDATE users SET password_hash = 'known' WHERE employee_id = 'V1'",
       "the password of V1 differs"},
      {"INSERT INTO users VALUES ('E1', 'known', '2026-11-03T00:00:00.000Z')",
       "the password of E1 was never set"},
      {"DELETE FROM scores WHERE judge = 'J1'", "the log's score of judge J1"},
      {"UPDATE scores SET scores = '[10,10,10,10]' WHERE judge = 'J3' AND entry_id = 2",
       "the score of judge J3 and entry 2 differs"},
      {"DELETE FROM judge_assignments WHERE judge = 'J1'", "judge_assignments: the log's"},
      {"UPDATE contest SET config = ''", "contest: the stored config differs"},
      {"DELETE FROM votes WHERE voter = 'V1'", "votes: the log's the vote by V1"},
  }));
  gallery::AuditReport report = VerifyCopy(tampering);
  INFO(tampering);
  INFO(AllProblems(report));
  CHECK_THAT(AllProblems(report), Catch::Contains(expected));
}

TEST_CASE("deleting the announcement's record, the log's last, is noticed",
          "[gallery][audit][sqlite]") {
  gallery::AuditReport report = VerifyCopy(
      "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT max(seq) "
      "FROM audit_log)");
  CHECK(report.chain_intact);  // a chain cannot see its own tail cut off...
  CHECK_THAT(AllProblems(report), Catch::Contains("is not in the log"));  // ...the tables can
}

TEST_CASE("a head published with the results catches a log cut short with its tables",
          "[gallery][audit][sqlite]") {
  Contest contest;
  gallery::AuditHead published = PlayContest(contest);
  fs::path copy = contest.dir().path() / "copy";
  fs::copy(contest.dir().path() / "data", copy, fs::copy_options::recursive);
  // Both the announcement and its record go: the tables and the log agree again.
  RunSql(copy / "contest.db",
         "DELETE FROM announcements; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log "
         "WHERE action = 'results.announce'");
  gallery::Catalogue opened = *gallery::Catalogue::OpenForReading(copy);
  CHECK(opened.VerifyAudit()->problems.empty());
  gallery::AuditReport report = *opened.VerifyAudit(published);
  CHECK_THAT(AllProblems(report), Catch::Contains("records were removed"));
  gallery::AuditHead rewritten = published;
  rewritten.hash = std::string(64, 'a');
  CHECK_THAT(AllProblems(*contest.catalogue().VerifyAudit(rewritten)),
             Catch::Contains("differs from the published head"));
}

TEST_CASE("a deleted announcement neither reseals the results nor reopens disqualification",
          "[gallery][audit]") {
  Contest contest;
  PlayContest(contest);
  RunSql(contest.dir().path() / "data" / "contest.db", "DELETE FROM announcements");
  gallery::Catalogue& c = contest.catalogue();
  Result<gallery::Results> results = c.ResultsFor("A1");
  CHECK(results.status().code() == "store_failed");
  CHECK(results.status().detail("reason") == "announcement_missing");
  CHECK(c.Decide(1, voting::EntryAction::kDisqualify, "표절", "A1").status().code() ==
        "invalid_transition");
  CHECK(c.Announce("A1").status().code() == "invalid_transition");
}

TEST_CASE("a record whose detail is not what its action writes is reported, not thrown",
          "[gallery][audit][sqlite]") {
  gallery::AuditReport report = VerifyCopy(
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{\"voter\":7,\"entry\":"
      "\"x\"}' WHERE action = 'vote.cast'");
  CHECK_FALSE(report.chain_intact);
  CHECK_THAT(AllProblems(report), Catch::Contains("(vote.cast) cannot be read"));
}

TEST_CASE("audit heads parse only as SEQ:HASH", "[gallery][audit]") {
  std::string hash(64, 'c');
  CHECK(gallery::ParseAuditHead("12:" + hash)->seq == 12);
  CHECK_FALSE(gallery::ParseAuditHead("12" + hash));
  CHECK_FALSE(gallery::ParseAuditHead("-1:" + hash));
  CHECK_FALSE(gallery::ParseAuditHead("12:" + hash.substr(1)));
  CHECK_FALSE(gallery::ParseAuditHead("99999999999999999999:" + hash));
  CHECK_FALSE(gallery::ParseAuditHead("12:" + std::string(64, 'C')));
}
