// poster privacy purge (issue 13): what has expired goes at any time, the rest
// once the results have been final for [privacy] retention_days; the audit log
// still verifies afterwards.
#include <catch2/catch.hpp>

#include "tests/gallery/contest_fixture.h"

namespace poster::testing {
namespace {

int64_t Removed(const gallery::PurgeReport& report, const std::string& kind) {
  for (const auto& [name, rows] : report.removed)
    if (name == kind) return rows;
  return -1;  // not looked at
}

// A contest with what a real one leaves behind: an e-mail address on the
// roster, a vote from an address, an invitation and a session.
struct Lived {
  Contest contest;
  std::filesystem::path db = contest.dir() / "data" / "contest.db";
  Lived() {
    int64_t entry = contest.SubmitApproved("E1", 1);
    contest.clock().Set(KoreaTime(17, 10));
    REQUIRE(contest.catalogue().CastVote("V1", entry, {"", "203.0.113.7"}).ok());
    REQUIRE(contest.catalogue().Invite("V2", "A1").ok());
    REQUIRE(contest.catalogue().SessionFor("V3").ok());
  }
  gallery::PurgeReport Purge(gallery::PurgeMode mode = gallery::PurgeMode::kPurge) {
    Result<gallery::PurgeReport> report = contest.catalogue().PurgePersonalData(mode, "A1");
    REQUIRE(report.ok());
    return *report;
  }
  void Verifies() {
    Result<gallery::AuditReport> audit = contest.catalogue().VerifyAudit();
    REQUIRE(audit.ok());
    INFO((audit->problems.empty() ? "" : audit->problems.front()));
    CHECK(audit->chain_intact);
    CHECK(audit->problems.empty());
  }
};

}  // namespace

TEST_CASE("before the results are final, a purge removes only what has expired", "[privacy]") {
  Lived lived;
  gallery::PurgeReport early = lived.Purge();
  CHECK(early.retained_until.empty());
  CHECK_FALSE(early.retention_over);
  CHECK(Removed(early, "expired_sessions") == 0);
  CHECK(Removed(early, "emails") == -1);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM people WHERE email != ''") == 1);
  // Fifteen days on, the invitation (14 days) and the session have expired.
  lived.contest.clock().Advance(std::chrono::hours(24 * 15));
  gallery::PurgeReport later = lived.Purge();
  CHECK(Removed(later, "expired_sessions") == 1);
  CHECK(Removed(later, "spent_invitations") == 1);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM sessions") == 0);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM invitations") == 0);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM votes WHERE address != ''") == 1);
  lived.Verifies();
}

TEST_CASE(
    "once the retention after the final results has passed, a purge removes e-mail "
    "addresses, sessions, invitations and votes' addresses, and the audit still verifies",
    "[privacy]") {
  Lived lived;
  REQUIRE(lived.contest.catalogue().Announce("A1").ok());
  gallery::PurgeReport kept = lived.Purge(gallery::PurgeMode::kDryRun);
  CHECK_FALSE(kept.retention_over);
  CHECK(kept.retained_until == "2027-02-18T01:00:00.000Z");  // final 20 Nov + 90 days

  lived.contest.clock().Advance(std::chrono::hours(24 * 94));
  gallery::PurgeReport dry = lived.Purge(gallery::PurgeMode::kDryRun);
  CHECK(dry.retention_over);
  CHECK(Removed(dry, "emails") == 1);
  CHECK(Removed(dry, "vote_addresses") == 1);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM people WHERE email != ''") == 1);

  gallery::PurgeReport done = lived.Purge();
  CHECK(Removed(done, "emails") == 1);
  CHECK(Removed(done, "vote_addresses") == 1);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM people WHERE email != ''") == 0);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM votes WHERE address != ''") == 0);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM sessions") == 0);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM invitations") == 0);
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM votes") == 1);  // the vote itself stays
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM audit_log WHERE action = 'privacy.purge'") == 1);
  lived.Verifies();
  // Nothing is left for a second run, and it says so.
  CHECK(Removed(lived.Purge(), "emails") == 0);
}

TEST_CASE("only an admin may purge personal data", "[privacy]") {
  Lived lived;
  Result<gallery::PurgeReport> refused =
      lived.contest.catalogue().PurgePersonalData(gallery::PurgeMode::kPurge, "V1");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == "not_permitted");
  CHECK(SqlCount(lived.db, "SELECT count(*) FROM sessions") == 1);
}

}  // namespace poster::testing
