// Vote integrity (issue 11): an admin's void, and the integrity report from the
// tables or from the log (docs/tally.md, "Vote integrity report").
#include "gallery/store/vote_integrity.h"

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

using nlohmann::json;
using VoteKey = std::pair<std::string, int64_t>;

voting::Instant Moment(const std::string& utc) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      ParseUtc(utc).value_or(TimePoint()));
}

Status CheckVoid(Database& db, std::string_view voter, int64_t entry, std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Status(std::string(voting::kReasonRequired), "Say why the vote is voided.");
  POSTER_ASSIGN_OR_RETURN(bool announced, Announced(db));
  if (announced)
    return Status(std::string(voting::kInvalidTransition),
                  "The results are announced; votes can no longer be voided.",
                  {{"from", "announced"}, {"action", "void"}});
  bool exists = false;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(db, "SELECT 1 FROM votes WHERE voter = ? AND entry_id = ?", voter, entry),
                 [&](const Statement&) { exists = true; }));
  if (!exists)
    return Status(std::string(voting::kNotVoted),
                  std::string(voter) + " has no vote for entry " + std::to_string(entry) + ".");
  return RefuseIfVoided(db, voter, entry, "void");
}

}  // namespace

Status Catalogue::VoidVote(std::string_view voter, int64_t entry, std::string_view reason,
                           std::string_view actor) {
  CatalogueState& self = *impl_;
  return WriteAs(self, {actor, voting::Role::kAdmin, "void a vote"}, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(CheckVoid(self.db, voter, entry, reason));
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "UPDATE votes SET void_reason = ?, voided_by = ?, voided_at = ? "
                                   "WHERE voter = ? AND entry_id = ?",
                                   reason, actor, self.NowText(), voter, entry));
    json detail = {
        {"voter", std::string(voter)}, {"entry", entry}, {"reason", std::string(reason)}};
    return AppendAudit(self.db, *self.clock, actor, "vote.void", "entry:" + std::to_string(entry),
                       detail.dump());
  });
}

Result<voting::IntegrityFacts> IntegrityFactsOf(Database& db) {
  voting::IntegrityFacts facts;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT employee_id, department FROM people"),
                 [&](const Statement& row) { facts.voter_department[row.Text(0)] = row.Text(1); }));
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT e.id, coalesce(p.department, '') FROM entries e LEFT JOIN people p ON "
                 "p.employee_id = e.author WHERE e.status = 'approved'"),
      [&](const Statement& row) { facts.entry_department[row.Int(0)] = row.Text(1); }));
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT voter, entry_id, cast_at, address, void_reason IS NOT NULL FROM votes"),
      [&](const Statement& row) {
        facts.votes.push_back(
            {row.Text(0), row.Int(1), Moment(row.Text(2)), row.Text(3), row.Int(4) != 0});
      }));
  return facts;
}

voting::IntegrityFacts IntegrityFactsOf(const Replay& replay) {
  voting::IntegrityFacts facts;
  for (const auto& [id, person] : replay.people) facts.voter_department[id] = person.department;
  for (const auto& [id, entry] : replay.entries) {
    if (entry.status != "approved") continue;
    auto author = replay.people.find(entry.facts.author);
    facts.entry_department[id] = author == replay.people.end() ? "" : author->second.department;
  }
  for (const VoteKey& key : replay.votes) {
    auto it = replay.ballots.find(key);
    ReplayedVote vote = it == replay.ballots.end() ? ReplayedVote() : it->second;
    facts.votes.push_back(
        {key.first, key.second, Moment(vote.at), vote.address, vote.void_reason.has_value()});
  }
  return facts;
}

bool ApplyBallot(const std::string& action, const json& detail, const std::string& record_at,
                 Replay& replay) {
  VoteKey key{detail.at("voter").get<std::string>(), detail.at("entry").get<int64_t>()};
  if (action == "vote.cast") {
    replay.ballots[key] = {detail.value("at", record_at), detail.value("receipt", ""),
                           detail.value("address", ""), std::nullopt};
    return true;
  }
  // An admin's void gives a reason and keeps the row; an entry's leaving says `because`.
  if (action == "vote.void" && !detail.contains("because")) {
    replay.ballots[key].void_reason = detail.at("reason").get<std::string>();
    return true;
  }
  replay.ballots.erase(key);
  return false;
}

bool IsVoided(const Replay& replay, const VoteKey& vote) {
  auto it = replay.ballots.find(vote);
  return it != replay.ballots.end() && it->second.void_reason.has_value();
}

Result<voting::IntegrityReport> Catalogue::VoteIntegrity(std::string_view viewer,
                                                         ReportSource source) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(RequireRole(self.db, viewer, voting::Role::kAdmin, "see the vote report"));
  voting::IntegrityFacts facts;
  POSTER_RETURN_IF_ERROR(InReadTransaction(self.db, [&]() -> Status {
    if (source == ReportSource::kTables) {
      POSTER_ASSIGN_OR_RETURN(facts, IntegrityFactsOf(self.db));
      return Status::Ok();
    }
    AuditReport ignored;
    Replay replay;
    POSTER_RETURN_IF_ERROR(ReplayLog(self.db, ignored, replay));
    facts = IntegrityFactsOf(replay);
    return Status::Ok();
  }));
  return voting::BuildIntegrityReport(self.config.integrity, facts);
}

}  // namespace poster::gallery
