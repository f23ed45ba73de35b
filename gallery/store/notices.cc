// Queueing notices: inside the transaction of what they tell, so that a
// decision and its e-mail are stored together or not at all.
#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

struct NoticeReader {
  std::string address;
  bool opted_out = false;
};

Result<std::optional<NoticeReader>> NoticeReaderOf(Database& db, std::string_view person) {
  POSTER_ASSIGN_OR_RETURN(
      Statement found,
      Query(db, "SELECT email, notices_opt_out FROM people WHERE employee_id = ?", person));
  POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
  if (!row) return std::optional<NoticeReader>();
  return std::optional<NoticeReader>(NoticeReader{found.Text(0), found.Int(1) != 0});
}

// One row; 1 when it is new, 0 when its key was queued before.
Result<int> InsertOutboxRow(CatalogueState& self, std::string_view channel, const Notice& notice,
                            std::string_view key, std::string_view address, std::string_view body,
                            std::string_view secret) {
  std::string now = self.NowText();
  POSTER_ASSIGN_OR_RETURN(
      Statement insert,
      Query(self.db,
            "INSERT INTO outbox (channel, kind, dedupe_key, recipient, address, subject, body, "
            "next_try_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            channel, notice.kind, key, notice.recipient, address, notice.subject, body,
            FormatUtc(self.clock->Now() + notice.hold), now));
  POSTER_RETURN_IF_ERROR(insert.Run());
  int added = self.db.Changes();
  if (added > 0 && !secret.empty()) {
    POSTER_RETURN_IF_ERROR(Execute(self.db, "UPDATE outbox SET secret = ? WHERE id = ?", secret,
                                   self.db.LastInsertId()));
  }
  return added;
}

Result<int> QueueWebhook(CatalogueState& self, const Notice& notice) {
  const WebhookSettings& webhook = self.config.mail.webhook;
  if (webhook.url.empty() || notice.event.is_null()) return 0;
  nlohmann::json event = notice.event;
  event["contest"] = self.config.name;
  event["employee_id"] = notice.recipient;
  event["queued_at"] = self.NowText();
  // One post per event and person: the key without the channel's prefix.
  return InsertOutboxRow(self, "webhook", notice, "webhook:" + notice.key, webhook.url,
                         event.dump(), "");
}

std::string_view NoticeKindOf(voting::EntryStatus status) {
  switch (status) {
    case voting::EntryStatus::kSubmitted:
      return "entry_received";
    case voting::EntryStatus::kApproved:
      return "entry_approved";
    case voting::EntryStatus::kRejected:
      return "entry_rejected";
    case voting::EntryStatus::kChangesRequested:
      return "entry_changes_requested";
    default:
      return "";
  }
}

}  // namespace

Result<std::string> NameOf(Database& db, std::string_view person) {
  POSTER_ASSIGN_OR_RETURN(Statement found,
                          Query(db, "SELECT name FROM people WHERE employee_id = ?", person));
  POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
  return row ? found.Text(0) : std::string();
}

Result<int> QueueNotice(CatalogueState& self, Notice notice) {
  if (!self.config.mail.enabled) return 0;
  POSTER_ASSIGN_OR_RETURN(std::optional<NoticeReader> reader,
                          NoticeReaderOf(self.db, notice.recipient));
  int queued = 0;
  bool wanted =
      reader && ValidMailAddress(reader->address) && !(notice.optional && reader->opted_out);
  if (wanted) {
    POSTER_ASSIGN_OR_RETURN(queued, InsertOutboxRow(self, "email", notice, "email:" + notice.key,
                                                    reader->address, notice.body, notice.secret));
  }
  if (!reader || (notice.optional && reader->opted_out)) return queued;
  POSTER_ASSIGN_OR_RETURN(int posted, QueueWebhook(self, notice));
  return queued + posted;
}

Status QueueEntryNotice(CatalogueState& self, int64_t entry, voting::EntryStatus status,
                        std::string_view reason) {
  std::string_view kind = NoticeKindOf(status);
  if (kind.empty() || !self.config.mail.enabled) return Status::Ok();
  POSTER_ASSIGN_OR_RETURN(
      Statement found,
      Query(self.db,
            "SELECT e.author, e.title, (SELECT COUNT(*) FROM files f WHERE f.entry_id = e.id) "
            "FROM entries e WHERE e.id = ?",
            entry));
  POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
  if (!row) return Status::Ok();
  std::string author = found.Text(0), title = found.Text(1);
  int64_t version = found.Int(2);
  POSTER_ASSIGN_OR_RETURN(std::string name, NameOf(self.db, author));
  Notice notice = EntryNotice({&self.config, name}, kind, entry, title, reason);
  notice.recipient = author;
  if (status != voting::EntryStatus::kSubmitted) notice.hold = kUndoFor;
  // A second round of review (a new file) is a new notice; the same decision
  // on the same file is not.
  notice.key = std::string(kind) + ":entry:" + std::to_string(entry) + ":v" +
               std::to_string(version) + ":" + author;
  return QueueNotice(self, std::move(notice)).status();
}

Status DropHeldEntryNotice(CatalogueState& self, int64_t entry, voting::EntryStatus decided) {
  std::string_view kind = NoticeKindOf(decided);
  if (kind.empty()) return Status::Ok();
  // Keys are CHANNEL:KIND:entry:N:vVERSION:AUTHOR (QueueEntryNotice).
  std::string pattern = "%:" + std::string(kind) + ":entry:" + std::to_string(entry) + ":v%";
  return Execute(self.db,
                 "DELETE FROM outbox WHERE state = 'waiting' AND attempts = 0 AND dedupe_key "
                 "LIKE ?",
                 pattern);
}

}  // namespace poster::gallery
