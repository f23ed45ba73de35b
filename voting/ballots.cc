// Casting and retracting a peer vote.
#include "voting/voting.h"

namespace poster::voting {
namespace {

Status Refuse(std::string_view code, std::string message, std::vector<Detail> details = {}) {
  return Status(std::string(code), std::move(message), std::move(details));
}

Status CheckVoter(const BallotFacts& facts) {
  if (!facts.voter || !facts.voter->Has(Role::kEmployee)) {
    return Refuse(kNotEligible, "Only staff on the contest's roster can vote.");
  }
  if (!facts.voting.Contains(facts.now)) {
    return Refuse(kOutsideWindow, "Voting is not open now.", {{"phase", "voting"}});
  }
  return Status::Ok();
}

}  // namespace

Status CheckCast(const Rules& rules, const BallotFacts& facts) {
  POSTER_RETURN_IF_ERROR(CheckVoter(facts));
  if (facts.entry != EntryStatus::kApproved) {
    return Refuse(kNotVotable,
                  "Only approved entries can receive votes; this one is " +
                      std::string(EntryStatusName(facts.entry)) + ".",
                  {{"status", std::string(EntryStatusName(facts.entry))}});
  }
  if (facts.voter_is_author) {
    return Refuse(kOwnEntry, "You cannot vote for an entry you made or helped make.");
  }
  if (facts.already_voted) {
    return Refuse(kAlreadyVoted,
                  "You have already voted for this entry; each entry takes one vote from you.");
  }
  if (facts.votes_cast >= rules.votes_per_voter) {
    return Refuse(kOverBudget,
                  "You have used all " + std::to_string(rules.votes_per_voter) +
                      " of your votes. Take one back to vote for this entry instead.",
                  {{"budget", std::to_string(rules.votes_per_voter)}});
  }
  return Status::Ok();
}

Status CheckRetract(const BallotFacts& facts) {
  POSTER_RETURN_IF_ERROR(CheckVoter(facts));
  if (!facts.already_voted)
    return Refuse(kNotVoted, "You have no vote on this entry to take back.");
  return Status::Ok();
}

}  // namespace poster::voting
