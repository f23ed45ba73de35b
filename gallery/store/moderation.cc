// Moderation and the author's own actions on an entry: every change of status
// goes through voting::Transition and into the audit log.
#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

bool ModeratorsAction(voting::EntryAction action) {
  return action == voting::EntryAction::kApprove || action == voting::EntryAction::kReject ||
         action == voting::EntryAction::kRequestChanges;
}

Status CheckActor(Database& db, const EntryFacts& facts, voting::EntryAction action,
                  std::string_view actor) {
  if (ModeratorsAction(action))
    return RequireRole(db, actor, voting::Role::kModerator, "review entries");
  if (action == voting::EntryAction::kDisqualify) {
    return RequireRole(db, actor, voting::Role::kAdmin, "disqualify entries");
  }
  if (actor == kOperator || facts.author == actor) return Status::Ok();
  return Status(std::string(kNotPermitted),
                std::string(actor) + " is not this entry's author; only its author may change it.",
                {{"actor", std::string(actor)}, {"role", "author"}});
}

// Fails with claimed_by_other while another moderator's claim runs.
Status CheckClaim(CatalogueState& self, int64_t entry, std::string_view moderator) {
  POSTER_ASSIGN_OR_RETURN(
      Statement claim,
      Query(self.db,
            "SELECT c.moderator, c.expires_at, coalesce(p.name, c.moderator) FROM review_claims c "
            "LEFT JOIN people p ON p.employee_id = c.moderator WHERE c.entry_id = ?",
            entry));
  POSTER_ASSIGN_OR_RETURN(bool row, claim.Step());
  if (!row || claim.Text(0) == moderator || claim.Text(1) <= self.NowText()) return Status::Ok();
  // Named as people know each other (the number stays in the details for
  // support), the time as people read it in the contest's zone (docs/web.md, "Dates").
  TimeZone zone = TimeZone::LoadOrUtc(self.config.time_zone);
  std::string until = zone.FormatTimesIn(claim.Text(1), DateStyle::kEnglish);
  return Status(
      std::string(kClaimedByOther),
      claim.Text(2) + " is reviewing this entry (until " + until + "); take the next one.",
      {{"moderator", claim.Text(2)},
       {"moderator_id", claim.Text(0)},
       {"until", zone.FormatTimesIn(claim.Text(1), DateStyle::kKorean)},
       {"until_en", until}});
}

// Withdrawn and disqualified entries give their voters their votes back.
Status VoidVotes(CatalogueState& self, int64_t entry, std::string_view actor,
                 voting::EntryAction why) {
  std::vector<std::string> list;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(self.db, "SELECT voter FROM votes WHERE entry_id = ? ORDER BY voter", entry),
                 [&](const Statement& voters) { list.push_back(voters.Text(0)); }));
  for (const std::string& voter : list) {
    POSTER_RETURN_IF_ERROR(
        Execute(self.db, "DELETE FROM votes WHERE voter = ? AND entry_id = ?", voter, entry));
    nlohmann::json detail = {
        {"voter", voter}, {"entry", entry}, {"because", voting::EntryActionName(why)}};
    POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, actor, "vote.void",
                                       "entry:" + std::to_string(entry), detail.dump()));
  }
  return Status::Ok();
}

Status Record(CatalogueState& self, int64_t entry, voting::EntryStatus from, voting::EntryStatus to,
              voting::EntryAction action, std::string_view reason, std::string_view actor,
              nlohmann::json detail = nlohmann::json::object()) {
  POSTER_RETURN_IF_ERROR(Execute(
      self.db, "UPDATE entries SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
      voting::EntryStatusName(to), reason, self.NowText(), entry));
  POSTER_RETURN_IF_ERROR(Execute(self.db, "DELETE FROM review_claims WHERE entry_id = ?", entry));
  detail["from"] = voting::EntryStatusName(from);
  detail["to"] = voting::EntryStatusName(to);
  detail["reason"] = std::string(reason);
  return AppendAudit(self.db, *self.clock, actor,
                     "entry." + std::string(voting::EntryActionName(action)),
                     "entry:" + std::to_string(entry), detail.dump());
}

}  // namespace

Result<TransitionContext> GatherTransitionContext(CatalogueState& self) {
  POSTER_ASSIGN_OR_RETURN(voting::Window submission, PhaseWindow(self, voting::Phase::kSubmission));
  POSTER_ASSIGN_OR_RETURN(bool announced, Announced(self.db));
  return TransitionContext{submission.Contains(self.Now()), announced};
}

Result<voting::EntryStatus> CheckEntryAction(CatalogueState& self, int64_t entry,
                                             const EntryFacts& facts,
                                             const TransitionContext& context,
                                             voting::EntryAction action, std::string_view reason,
                                             std::string_view actor) {
  POSTER_RETURN_IF_ERROR(CheckActor(self.db, facts, action, actor));
  if (ModeratorsAction(action)) POSTER_RETURN_IF_ERROR(CheckClaim(self, entry, actor));
  return voting::Transition({facts.status, action, std::string(reason), context.submission_open,
                             context.results_announced});
}

Result<Entry> Catalogue::Claim(int64_t entry, std::string_view moderator) {
  CatalogueState& self = *impl_;
  return WriteAs(
      self, {moderator, voting::Role::kModerator, "review entries"},
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(self.db, entry));
        if (facts.status != voting::EntryStatus::kSubmitted)
          return Status::Ok();  // nothing to decide
        POSTER_RETURN_IF_ERROR(CheckClaim(self, entry, moderator));
        return ClaimForReview(self, entry, moderator);
      },
      [&] { return ReadEntry(self.db, self.blobs, entry); });
}

Result<Entry> Catalogue::Decide(int64_t entry, voting::EntryAction action, std::string_view reason,
                                std::string_view actor) {
  CatalogueState& self = *impl_;
  return Write(
      self,
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(self.db, entry));
        POSTER_ASSIGN_OR_RETURN(TransitionContext context, GatherTransitionContext(self));
        POSTER_ASSIGN_OR_RETURN(
            voting::EntryStatus to,
            CheckEntryAction(self, entry, facts, context, action, reason, actor));
        if (to == voting::EntryStatus::kWithdrawn || to == voting::EntryStatus::kDisqualified) {
          POSTER_RETURN_IF_ERROR(VoidVotes(self, entry, actor, action));
        }
        POSTER_RETURN_IF_ERROR(Record(self, entry, facts.status, to, action, reason, actor));
        return QueueEntryNotice(self, entry, to, reason);
      },
      [&] { return ReadEntry(self.db, self.blobs, entry); });
}

Result<std::pair<EntryFacts, voting::EntryStatus>> CheckReplace(CatalogueState& self, int64_t entry,
                                                                std::string_view actor) {
  POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(self.db, entry));
  POSTER_ASSIGN_OR_RETURN(TransitionContext context, GatherTransitionContext(self));
  POSTER_ASSIGN_OR_RETURN(
      voting::EntryStatus planned,
      CheckEntryAction(self, entry, facts, context, voting::EntryAction::kReplace, "", actor));
  return std::pair{facts, planned};
}

Result<Entry> Catalogue::Replace(int64_t entry, const ingest::Poster& poster,
                                 std::string_view source, std::string_view actor) {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  EntryFacts facts;
  voting::EntryStatus to = voting::EntryStatus::kSubmitted;
  auto check = [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(auto planned, CheckReplace(self, entry, actor));
    std::tie(facts, to) = planned;
    return Status::Ok();
  };
  auto rows = [&](const BlobNames& names) -> Status {
    POSTER_ASSIGN_OR_RETURN(
        std::vector<Neighbour> neighbours,
        FindNearDuplicates(self.db, poster.phash, self.config.near_duplicate_distance, entry));
    POSTER_RETURN_IF_ERROR(
        InsertFile(self.db, entry, self.NowText(), poster, source, names, neighbours));
    POSTER_RETURN_IF_ERROR(Record(self, entry, facts.status, to, voting::EntryAction::kReplace, "",
                                  actor,
                                  {{"sha256", poster.sha256}, {"source", std::string(source)}}));
    return QueueEntryNotice(self, entry, to, "");
  };
  POSTER_RETURN_IF_ERROR(StorePoster(self, poster, check, rows));
  return ReadEntry(self.db, self.blobs, entry);
}

}  // namespace poster::gallery
