// Votes through the catalogue, and under many concurrent voters.
#include <atomic>
#include <random>
#include <thread>

#include "tests/gallery/contest_fixture.h"
#include "tests/support/test_database.h"

using namespace poster;
using namespace poster::testing;

TEST_CASE("every refusal of a vote reaches the voter with its code", "[gallery][ballots]") {
  Contest contest;
  int64_t mine = contest.SubmitApproved("E1", 1, {"E2"});
  int64_t other = contest.SubmitApproved("E3", 2);
  int64_t pending = contest.Submit("E3", 3);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.CastVote("V1", other).code() == "outside_window");
  contest.clock().Set(KoreaTime(20, 23, 59, 59));  // the last second of voting
  CHECK(c.CastVote("X9", other).code() == "not_eligible");
  CHECK(c.CastVote("J1", other).code() == "not_eligible");  // a judge who is not staff
  CHECK(c.CastVote("V1", pending).code() == "entry_not_votable");
  CHECK(c.CastVote("E2", mine).code() == "own_entry");  // a co-author
  CHECK(c.CastVote("V1", 999).code() == "not_found");
  REQUIRE(c.CastVote("V1", other).ok());
  CHECK(c.CastVote("V1", other).code() == "already_voted");
  contest.clock().Set(KoreaTime(21, 0));
  CHECK(c.CastVote("V2", other).code() == "outside_window");
  CHECK(c.RetractVote("V1", other).code() == "outside_window");
}

TEST_CASE("a co-author typed in another case is stored as listed and still cannot vote for it",
          "[gallery][ballots]") {
  Contest contest;
  int64_t team = contest.SubmitApproved("e1", 1, {"e2"});
  int64_t other = contest.SubmitApproved("E3", 2);
  gallery::Catalogue& c = contest.catalogue();
  Result<gallery::Entry> entry = c.Get(team);
  REQUIRE(entry.ok());
  CHECK(entry->submission.author == "E1");
  CHECK(entry->submission.co_authors == std::vector<std::string>{"E2"});
  contest.clock().Set(KoreaTime(17, 12));
  CHECK(c.CastVote("E2", team).code() == "own_entry");
  CHECK(c.CastVote("e2", team).code() == "own_entry");
  // One budget per person, whichever case the number is typed in.
  REQUIRE(c.CastVote("v1", other).ok());
  CHECK(c.CastVote("V1", other).code() == "already_voted");
  CHECK(c.BallotOf("V1")->entries == std::vector<int64_t>{other});
}

TEST_CASE("a voter's budget holds, and a retracted vote can be spent again", "[gallery][ballots]") {
  Contest contest;
  std::vector<int64_t> entries;
  for (uint32_t seed = 1; seed <= 4; ++seed)
    entries.push_back(contest.SubmitApproved(seed <= 2 ? "E1" : "E2", seed));
  contest.clock().Set(KoreaTime(17, 12));
  gallery::Catalogue& c = contest.catalogue();
  for (int i = 0; i < 3; ++i) REQUIRE(c.CastVote("V1", entries[i]).ok());
  CHECK(c.CastVote("V1", entries[3]).code() == "over_budget");
  REQUIRE(c.RetractVote("V1", entries[0]).ok());
  REQUIRE(c.CastVote("V1", entries[3]).ok());
  gallery::Ballot ballot = *c.BallotOf("V1");
  CHECK(ballot.entries == std::vector<int64_t>{entries[1], entries[2], entries[3]});
  CHECK(ballot.remaining == 0);
  CHECK(c.RetractVote("V2", entries[1]).code() == "not_voted");
}

TEST_CASE("withdrawing or disqualifying an entry gives its voters their votes back",
          "[gallery][ballots]") {
  Contest contest;
  int64_t id = contest.SubmitApproved("E1", 1);
  contest.clock().Set(KoreaTime(17, 12));
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.CastVote("V1", id).ok());
  REQUIRE(c.CastVote("V2", id).ok());
  REQUIRE(c.Decide(id, voting::EntryAction::kDisqualify, "타인의 작품", "A1").ok());
  CHECK(c.BallotOf("V1")->entries.empty());
  CHECK(c.BallotOf("V2")->remaining == 3);
  CHECK(c.VerifyAudit()->problems.empty());  // each void is in the log
}

TEST_CASE("under many concurrent voters no budget is exceeded and no vote is lost",
          "[gallery][ballots][concurrency]") {
  Contest contest;
  std::vector<int64_t> entries;
  for (uint32_t seed = 1; seed <= 6; ++seed)
    entries.push_back(contest.SubmitApproved(seed <= 3 ? "E1" : "E2", seed));
  contest.clock().Set(KoreaTime(18, 12));
  gallery::Catalogue& c = contest.catalogue();
  const std::vector<std::string> voters = {"V1", "V2", "V3", "E3", "M1", "M2", "A1", "J3"};
  std::atomic<int> casts{0}, retracts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random{uint32_t(t)};
      for (int i = 0; i < 150; ++i) {
        const std::string& voter = voters[random() % voters.size()];
        int64_t entry = entries[random() % entries.size()];
        if (random() % 3 == 0) {
          retracts += c.RetractVote(voter, entry).ok();
        } else {
          casts += c.CastVote(voter, entry).ok();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  int stored = 0;
  for (const std::string& voter : voters) {
    gallery::Ballot ballot = *c.BallotOf(voter);
    CHECK(int(ballot.entries.size()) <= 3);
    stored += int(ballot.entries.size());
  }
  CHECK(casts > 0);
  CHECK(stored == casts - retracts);
  gallery::AuditReport audit = *c.VerifyAudit();
  CHECK(audit.problems.empty());
  CHECK(audit.votes_replayed == casts + retracts);
}

TEST_CASE("two processes voting on one data folder keep every budget",
          "[gallery][ballots][concurrency]") {
  Contest contest;
  std::vector<int64_t> entries;
  for (uint32_t seed = 1; seed <= 5; ++seed)
    entries.push_back(contest.SubmitApproved(seed <= 3 ? "E1" : "E2", seed));
  contest.clock().Set(KoreaTime(18, 12));
  // A second connection to the same folder, as a second server process would have.
  gallery::Catalogue other = std::move(*gallery::Catalogue::Open(
      contest.dir() / "data", contest.clock(), DatabaseFor((contest.dir() / "data").string())));
  std::thread a([&] {
    for (int64_t e : entries) (void)contest.catalogue().CastVote("V1", e);
  });
  std::thread b([&] {
    for (int64_t e : entries) (void)other.CastVote("V1", e);
  });
  a.join();
  b.join();
  CHECK(contest.catalogue().BallotOf("V1")->entries.size() == 3);
}
