// An entry's words changed after submission (by its author, or its alt text by
// a moderator), and a moderator's decision taken back within minutes.
#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/entry_store.h"
#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

// The entry's words with the edit applied, checked like a new submission's.
Result<Submission> Edited(const Entry& entry, const EntryEdit& edit) {
  Submission words = entry.submission;
  if (edit.title) words.title = *edit.title;
  if (edit.description) words.description = *edit.description;
  if (edit.alt_text) words.alt_text = *edit.alt_text;
  words = NormalizedSubmission(std::move(words));
  POSTER_RETURN_IF_ERROR(ValidateSubmission(words));
  return words;
}

// Who may make this edit: the author whenever they may replace the file
// (returns true: the entry goes back to the queue), or, for the alt text
// alone, a moderator (returns false: its status stays).
Result<bool> EditsAsAuthor(CatalogueState& self, int64_t entry, const EntryEdit& edit,
                           std::string_view actor) {
  Status as_author = CheckReplace(self, entry, actor).status();
  if (as_author.ok()) return true;
  if (as_author.code() == kStoreFailed || edit.title || edit.description) return as_author;
  POSTER_RETURN_IF_ERROR(RequireRole(self.db, actor, voting::Role::kModerator, "edit alt texts"));
  return false;
}

json EditDetail(const Entry& before, const Submission& after, bool requeue) {
  json detail = json::object();
  if (after.title != before.submission.title) detail["title"] = after.title;
  if (after.description != before.submission.description) detail["description"] = after.description;
  if (after.alt_text != before.submission.alt_text) detail["alt_text"] = after.alt_text;
  if (requeue) {
    detail["from"] = before.status;
    detail["to"] = "submitted";
  }
  return detail;
}

// The entry's last audit record, when it is the actor's decision of less than
// kUndoFor ago; nothing otherwise.
Result<std::optional<int64_t>> UndoableDecision(CatalogueState& self, int64_t entry,
                                                std::string_view actor) {
  POSTER_ASSIGN_OR_RETURN(Statement last, Query(self.db,
                                                "SELECT seq, at, actor, action FROM audit_log "
                                                "WHERE subject = ? ORDER BY seq DESC LIMIT 1",
                                                "entry:" + std::to_string(entry)));
  POSTER_ASSIGN_OR_RETURN(bool row, last.Step());
  if (!row) return std::optional<int64_t>();
  std::string action = last.Text(3);
  bool decision =
      action == "entry.approve" || action == "entry.reject" || action == "entry.request_changes";
  std::optional<TimePoint> at = ParseUtc(last.Text(1));
  bool recent = at && self.clock->Now() < *at + kUndoFor;
  if (!decision || !recent || last.Text(2) != actor) return std::optional<int64_t>();
  return std::optional<int64_t>(last.Int(0));
}

Status UndoClosed(int64_t entry) {
  return Status(std::string(kUndoClosed),
                "The decision on entry " + std::to_string(entry) +
                    " can no longer be taken back: only your own last decision, within " +
                    std::to_string(kUndoFor.count()) +
                    " minutes and before anything else happens to the entry.",
                {{"entry", std::to_string(entry)}, {"minutes", std::to_string(kUndoFor.count())}});
}

}  // namespace

Result<Entry> Catalogue::EditEntry(int64_t entry, const EntryEdit& edit, std::string_view actor) {
  CatalogueState& self = *impl_;
  return Write(
      self,
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(Entry before, ReadEntry(self.db, self.blobs, entry));
        POSTER_ASSIGN_OR_RETURN(bool requeue, EditsAsAuthor(self, entry, edit, actor));
        POSTER_ASSIGN_OR_RETURN(Submission after, Edited(before, edit));
        json detail = EditDetail(before, after, requeue);
        if (detail.empty()) return Status::Ok();  // nothing changed
        POSTER_RETURN_IF_ERROR(Execute(self.db,
                                       "UPDATE entries SET title = ?, description = ?, alt_text = "
                                       "?, status = ?, updated_at = ? WHERE id = ?",
                                       after.title, after.description, after.alt_text,
                                       requeue ? "submitted" : before.status, self.NowText(),
                                       entry));
        return AppendAudit(self.db, *self.clock, actor, "entry.edit",
                           "entry:" + std::to_string(entry), detail.dump());
      },
      [&] { return ReadEntry(self.db, self.blobs, entry); });
}

Result<Entry> Catalogue::UndoDecision(int64_t entry, std::string_view actor) {
  CatalogueState& self = *impl_;
  return WriteAs(
      self, {actor, voting::Role::kModerator, "review entries"},
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(self.db, entry));
        POSTER_ASSIGN_OR_RETURN(std::optional<int64_t> decision,
                                UndoableDecision(self, entry, actor));
        if (!decision) return UndoClosed(entry);
        POSTER_ASSIGN_OR_RETURN(
            Statement votes,
            Query(self.db, "SELECT count(*) FROM votes WHERE entry_id = ?", entry));
        POSTER_RETURN_IF_ERROR(votes.Step().status());
        if (votes.Int(0) > 0) return UndoClosed(entry);
        POSTER_RETURN_IF_ERROR(Execute(
            self.db,
            "UPDATE entries SET status = 'submitted', status_reason = '', updated_at = ? WHERE "
            "id = ?",
            self.NowText(), entry));
        POSTER_RETURN_IF_ERROR(ClaimForReview(self, entry, actor));
        POSTER_RETURN_IF_ERROR(DropHeldEntryNotice(self, entry, facts.status));
        json detail = {{"from", voting::EntryStatusName(facts.status)},
                       {"to", "submitted"},
                       {"undoes", *decision}};
        return AppendAudit(self.db, *self.clock, actor, "entry.undo",
                           "entry:" + std::to_string(entry), detail.dump());
      },
      [&] { return ReadEntry(self.db, self.blobs, entry); });
}

}  // namespace poster::gallery
