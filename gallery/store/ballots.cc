// Peer votes: each cast or retract is one write transaction in which the facts
// are read, voting's rules decide, and the vote and its audit record are written.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/vote_integrity.h"

namespace poster::gallery {

Result<VoterFacts> GatherVoter(CatalogueState& self, std::string_view voter) {
  VoterFacts facts;
  facts.id = std::string(voter);
  POSTER_ASSIGN_OR_RETURN(facts.person, FindPerson(self.db, voter));
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(self.db, "SELECT entry_id FROM votes WHERE voter = ?", voter),
                 [&](const Statement& votes) { facts.votes.insert(votes.Int(0)); }));
  POSTER_ASSIGN_OR_RETURN(facts.voting, PhaseWindow(self, voting::Phase::kVoting));
  facts.now = self.Now();
  return facts;
}

voting::BallotFacts BallotFactsOf(const VoterFacts& voter, int64_t entry,
                                  const EntryFacts& target) {
  voting::BallotFacts facts;
  facts.voter = voter.person;
  facts.entry = target.status;
  facts.voter_is_author = target.AuthoredBy(voter.id);
  facts.votes_cast = int(voter.votes.size());
  facts.already_voted = voter.votes.count(entry) > 0;
  facts.voting = voter.voting;
  facts.now = voter.now;
  return facts;
}

namespace {

Result<voting::BallotFacts> Gather(CatalogueState& self, std::string_view voter, int64_t entry) {
  POSTER_ASSIGN_OR_RETURN(VoterFacts who, GatherVoter(self, voter));
  POSTER_ASSIGN_OR_RETURN(EntryFacts target, FactsOf(self.db, entry));
  return BallotFactsOf(who, entry, target);
}

// The voter as the roster lists them: a vote cast as e1001 is E1001's, from
// E1001's budget (an unknown voter stays as typed, and is refused).
Result<std::string> ListedVoter(Database& db, std::string_view typed) {
  POSTER_ASSIGN_OR_RETURN(std::optional<std::string> listed, ListedId(db, typed));
  return listed.value_or(std::string(typed));
}

std::string Detail(std::string_view voter, int64_t entry) {
  return nlohmann::json{{"voter", std::string(voter)}, {"entry", entry}}.dump();
}

// The voter's secret as sent (64 lowercase hex digits), or one drawn here.
Result<std::string> SecretOf(const VoteSource& source) {
  if (!source.secret.empty()) {
    if (voting::IsDigestHex(source.secret)) return source.secret;
    return Status("bad_request",  // web.h's kBadRequest: the request was malformed
                  "The receipt secret must be 64 lowercase hex digits (32 bytes).",
                  {{"field", "secret"}});
  }
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

// The contest a receipt names: the hash of its audit log's first record.
Result<std::string> ContestId(Database& db) {
  std::string id;
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare("SELECT hash FROM audit_log WHERE seq = 1"),
                                    [&](const Statement& row) { id = row.Text(0); }));
  return id;
}

}  // namespace

// A voided vote cannot be retracted (that would give the budget back) nor voided again.
Status RefuseIfVoided(Database& db, std::string_view voter, int64_t entry,
                      std::string_view action) {
  bool voided = false;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, "SELECT 1 FROM votes WHERE voter = ? AND entry_id = ? AND void_reason IS NOT NULL",
            voter, entry),
      [&](const Statement&) { voided = true; }));
  if (!voided) return Status::Ok();
  return Status(std::string(voting::kInvalidTransition),
                "An admin voided this vote; it cannot be " +
                    std::string(action == "retract" ? "retracted" : "voided again") + ".",
                {{"from", "voided"}, {"action", std::string(action)}});
}

Status Catalogue::CastVote(std::string_view typed, int64_t entry) {
  return CastVote(typed, entry, VoteSource()).status();
}

Result<VoteReceipt> Catalogue::CastVote(std::string_view typed, int64_t entry,
                                        const VoteSource& source) {
  CatalogueState& self = *impl_;
  VoteReceipt receipt;
  POSTER_RETURN_IF_ERROR(Write(self, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(std::string voter, ListedVoter(self.db, typed));
    POSTER_ASSIGN_OR_RETURN(voting::BallotFacts facts, Gather(self, voter, entry));
    POSTER_RETURN_IF_ERROR(voting::CheckCast(self.config.rules, facts));
    POSTER_ASSIGN_OR_RETURN(std::string secret, SecretOf(source));
    POSTER_ASSIGN_OR_RETURN(std::string contest, ContestId(self.db));
    receipt.receipt = voting::ReceiptOf(contest, entry, voter, secret);
    if (source.secret.empty()) receipt.secret = secret;  // returned once, never stored
    std::string at = self.NowText();
    POSTER_RETURN_IF_ERROR(Execute(
        self.db,
        "INSERT INTO votes (voter, entry_id, cast_at, receipt, address) VALUES (?, ?, ?, ?, ?)",
        voter, entry, at, receipt.receipt, source.address));
    nlohmann::json detail = {{"voter", voter},
                             {"entry", entry},
                             {"at", at},
                             {"receipt", receipt.receipt},
                             {"address", source.address}};
    return AppendAudit(self.db, *self.clock, voter, "vote.cast", "entry:" + std::to_string(entry),
                       detail.dump());
  }));
  return receipt;
}

Status Catalogue::RetractVote(std::string_view typed, int64_t entry) {
  CatalogueState& self = *impl_;
  return Write(self, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(std::string voter, ListedVoter(self.db, typed));
    POSTER_ASSIGN_OR_RETURN(voting::BallotFacts facts, Gather(self, voter, entry));
    POSTER_RETURN_IF_ERROR(voting::CheckRetract(facts));
    POSTER_RETURN_IF_ERROR(RefuseIfVoided(self.db, voter, entry, "retract"));
    POSTER_RETURN_IF_ERROR(
        Execute(self.db, "DELETE FROM votes WHERE voter = ? AND entry_id = ?", voter, entry));
    return AppendAudit(self.db, *self.clock, voter, "vote.retract",
                       "entry:" + std::to_string(entry), Detail(voter, entry));
  });
}

Result<Ballot> Catalogue::BallotOf(std::string_view typed) const {
  std::lock_guard lock(impl_->mutex);
  POSTER_ASSIGN_OR_RETURN(std::string voter, ListedVoter(impl_->db, typed));
  POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(impl_->db, voter));
  Ballot ballot;
  ballot.eligible = person && person->Has(voting::Role::kEmployee);
  ballot.budget = ballot.eligible ? impl_->config.rules.votes_per_voter : 0;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(impl_->db,
            "SELECT entry_id, void_reason IS NOT NULL FROM votes WHERE voter = ? ORDER BY "
            "cast_at, entry_id",
            voter),
      [&](const Statement& row) {
        ballot.entries.push_back(row.Int(0));
        if (row.Int(1)) ballot.voided.push_back(row.Int(0));
      }));
  ballot.remaining = std::max(0, ballot.budget - int(ballot.entries.size()));
  return ballot;
}

}  // namespace poster::gallery
