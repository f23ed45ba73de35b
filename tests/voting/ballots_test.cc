// Peer votes: who may vote for what, when, and how often.
#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

voting::BallotFacts Ballot() {
  voting::BallotFacts facts;
  facts.voter = Employee("E1001");
  facts.entry = voting::EntryStatus::kApproved;
  facts.voting = {Kst(16, 9), Kst(21, 0)};
  facts.now = Kst(18, 12);
  return facts;
}

std::string Cast(const voting::BallotFacts& facts) {
  return voting::CheckCast(voting::Rules(), facts).code();
}

}  // namespace

TEST_CASE("an eligible voter votes for an approved entry inside the window", "[voting][ballots]") {
  CHECK(Cast(Ballot()).empty());
}

TEST_CASE("each refusal has its own code", "[voting][ballots]") {
  voting::BallotFacts stranger = Ballot();
  stranger.voter.reset();
  CHECK(Cast(stranger) == "not_eligible");
  voting::BallotFacts judge_only = Ballot();
  judge_only.voter = Judge("J1");
  CHECK(Cast(judge_only) == "not_eligible");
  voting::BallotFacts pending = Ballot();
  pending.entry = voting::EntryStatus::kSubmitted;
  CHECK(Cast(pending) == "entry_not_votable");
  voting::BallotFacts own = Ballot();
  own.voter_is_author = true;
  CHECK(Cast(own) == "own_entry");
  voting::BallotFacts twice = Ballot();
  twice.already_voted = true;
  CHECK(Cast(twice) == "already_voted");
}

TEST_CASE("the window is exact: 23:59:59 in, 00:00:00 out", "[voting][ballots]") {
  voting::BallotFacts last_second = Ballot();
  last_second.now = Kst(20, 23, 59, 59);
  CHECK(Cast(last_second).empty());
  voting::BallotFacts midnight = Ballot();
  midnight.now = Kst(21, 0);
  CHECK(Cast(midnight) == "outside_window");
}

TEST_CASE("a vote over the voter's budget is refused with over_budget", "[voting][ballots]") {
  voting::BallotFacts third = Ballot();
  third.votes_cast = 2;
  CHECK(Cast(third).empty());
  voting::BallotFacts fourth = Ballot();
  fourth.votes_cast = 3;
  Status refused = voting::CheckCast(voting::Rules(), fourth);
  CHECK(refused.code() == "over_budget");
  CHECK(refused.detail("budget") == "3");
}

TEST_CASE("closed voting outranks every other refusal", "[voting][ballots]") {
  voting::BallotFacts closed = Ballot();
  closed.now = Kst(22, 9);
  closed.votes_cast = 3;
  closed.entry = voting::EntryStatus::kRejected;
  CHECK(Cast(closed) == "outside_window");
}

TEST_CASE("a vote is retracted only by its voter, inside the window", "[voting][ballots]") {
  voting::BallotFacts facts = Ballot();
  CHECK(voting::CheckRetract(facts).code() == "not_voted");
  facts.already_voted = true;
  CHECK(voting::CheckRetract(facts).ok());
  facts.now = Kst(21, 0);
  CHECK(voting::CheckRetract(facts).code() == "outside_window");
}
