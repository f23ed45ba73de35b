// The audit log can be checked by anyone: the chain, the replayed facts and the
// tally recomputed from them.
#include <sqlite3.h>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

void Votes(Contest& contest) {
  int64_t a = contest.SubmitApproved("E1", 1), b = contest.SubmitApproved("E2", 2);
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(contest.catalogue().CastVote("V1", a).ok());
  REQUIRE(contest.catalogue().CastVote("V2", b).ok());
  REQUIRE(contest.catalogue().RetractVote("V2", b).ok());
  REQUIRE(contest.catalogue().CastVote("V2", a).ok());
}

}  // namespace

TEST_CASE("an untouched contest verifies: chain intact, replay and tables agree",
          "[gallery][audit]") {
  Contest contest;
  Votes(contest);
  REQUIRE(contest.catalogue().Announce("A1").ok());
  gallery::AuditReport report = *contest.catalogue().VerifyAudit();
  CHECK(report.chain_intact);
  CHECK(report.problems.empty());
  CHECK(report.votes_replayed == 4);
}

TEST_CASE("a vote slipped into the table behind the log's back is found", "[gallery][audit]") {
  Contest contest;
  Votes(contest);
  RunSql(
      contest.dir() / "data" / "contest.db",
      "INSERT INTO votes (voter, entry_id, cast_at) VALUES ('V3', 2, '2026-11-17T01:00:00.000Z')");
  gallery::AuditReport report = *contest.catalogue().VerifyAudit();
  CHECK(report.chain_intact);
  REQUIRE(report.problems.size() >= 1);
  CHECK_THAT(report.problems[0], Catch::Contains("V3") && Catch::Contains("not in the log"));
}

TEST_CASE("rewriting a record breaks the chain from there on", "[gallery][audit][sqlite]") {
  Contest contest;
  Votes(contest);
  RunSql(contest.dir() / "data" / "contest.db",
         "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'V3' WHERE action = "
         "'vote.cast' AND actor = 'V1'");
  gallery::AuditReport report = *contest.catalogue().VerifyAudit();
  CHECK_FALSE(report.chain_intact);
  CHECK_THAT(report.problems.front(), Catch::Contains("hash chain breaks"));
}
