// The outbox: messages claimed before they are sent (so two workers, in one
// process or two, never send one twice), marked sent only once the server took
// them, and retried with a backoff when it did not.
#include <sodium.h>

#include <algorithm>

#include "gallery/store/audit.h"
#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

constexpr auto kFirstRetry = std::chrono::minutes(1);
constexpr auto kLongestRetry = std::chrono::hours(1);
constexpr char kOutboxColumns[] =
    "id, channel, kind, recipient, address, subject, body, state, attempts, next_try_at, "
    "last_error, created_at, sent_at, claim, secret";

// "SELECT <the columns> FROM outbox <rest>", appended rather than concatenated:
// GCC 12 at -O2 sees a false overflow (-Warray-bounds) in `+`.
std::string SelectOutbox(std::string_view rest) {
  std::string sql = "SELECT ";
  sql.append(kOutboxColumns).append(" FROM outbox ").append(rest);
  return sql;
}

OutboxMessage OutboxMessageOf(const Statement& row, bool with_link) {
  OutboxMessage m{row.Int(0),   row.Text(1),  row.Text(2),  row.Text(3),     row.Text(4),
                  row.Text(5),  row.Text(6),  row.Text(7),  int(row.Int(8)), row.Text(9),
                  row.Text(10), row.Text(11), row.Text(12), row.Text(13)};
  std::string link = with_link && !row.IsNull(14) ? row.Text(14) : "(link withheld)";
  for (size_t at = m.body.find(kLinkMark); at != std::string::npos;
       at = m.body.find(kLinkMark, at + link.size())) {
    m.body.replace(at, kLinkMark.size(), link);
  }
  return m;
}

std::string NewClaim() {
  static const bool ready = sodium_init() >= 0;  // a claim needs only to be unique
  unsigned char bytes[12] = {};
  if (!ready) return FormatUtc(std::chrono::system_clock::now());
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::chrono::milliseconds RetryBackoff(int attempts) {
  std::chrono::milliseconds wait = kFirstRetry;
  for (int i = 1; i < attempts && wait < kLongestRetry; ++i) wait *= 2;
  return std::min<std::chrono::milliseconds>(wait, kLongestRetry);
}

Status UnclaimedMessage(int64_t id) {
  return Status(std::string(kNotFound),
                "Message " + std::to_string(id) + " is not claimed by this sender any more.",
                {{"message", std::to_string(id)}});
}

}  // namespace

Result<std::vector<OutboxMessage>> Catalogue::ClaimDueMessages(int limit,
                                                               std::chrono::seconds lease) {
  CatalogueState& self = *impl_;
  std::string claim = NewClaim(), now = self.NowText();
  std::vector<OutboxMessage> claimed;
  POSTER_RETURN_IF_ERROR(Write(self, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(Execute(
        self.db,
        "UPDATE outbox SET state = 'sending', claim = ?, claimed_until = ? WHERE id IN (SELECT "
        "id FROM outbox WHERE (state = 'waiting' AND next_try_at <= ?) OR (state = 'sending' "
        "AND claimed_until <= ?) ORDER BY next_try_at, id LIMIT ?)",
        claim, FormatUtc(self.clock->Now() + lease), now, now, limit));
    return ForEachRow(
        Query(self.db, SelectOutbox("WHERE claim = ? AND state = 'sending' ORDER BY id"), claim),
        [&](const Statement& row) { claimed.push_back(OutboxMessageOf(row, true)); });
  }));
  return claimed;
}

Status Catalogue::MarkSent(int64_t id, std::string_view claim) {
  CatalogueState& self = *impl_;
  return Write(self, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = "
                                   "attempts + 1, secret = NULL, last_error = '' WHERE id = ? AND "
                                   "claim = ? AND state = 'sending'",
                                   self.NowText(), id, claim));
    return self.db.Changes() == 1 ? Status::Ok() : UnclaimedMessage(id);
  });
}

Status Catalogue::MarkAttemptFailed(int64_t id, std::string_view claim, std::string_view error,
                                    int max_attempts) {
  CatalogueState& self = *impl_;
  return Write(self, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(
        Statement found, Query(self.db,
                               "SELECT attempts FROM outbox WHERE id = ? AND claim = ? AND state = "
                               "'sending'",
                               id, claim));
    POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
    if (!row) return UnclaimedMessage(id);
    int attempts = int(found.Int(0)) + 1;
    std::string state = attempts >= max_attempts ? "failed" : "waiting";
    return Execute(self.db,
                   "UPDATE outbox SET state = ?, attempts = ?, next_try_at = ?, last_error = ?, "
                   "claim = '' WHERE id = ?",
                   state, attempts, FormatUtc(self.clock->Now() + RetryBackoff(attempts)), error,
                   id);
  });
}

Result<OutboxListing> Catalogue::Outbox(std::string_view viewer, int limit) const {
  CatalogueState& self = *impl_;
  std::lock_guard lock(self.mutex);
  POSTER_RETURN_IF_ERROR(RequireRole(self.db, viewer, voting::Role::kAdmin, "see the outbox"));
  OutboxListing listing;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(self.db.Prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state"),
                 [&](const Statement& row) {
                   int count = int(row.Int(1));
                   std::string state = row.Text(0);
                   if (state == "waiting") listing.counts.waiting = count;
                   if (state == "sending") listing.counts.sending = count;
                   if (state == "sent") listing.counts.sent = count;
                   if (state == "failed") listing.counts.failed = count;
                 }));
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(self.db, SelectOutbox("ORDER BY id DESC LIMIT ?"), limit),
      [&](const Statement& row) { listing.messages.push_back(OutboxMessageOf(row, false)); }));
  return listing;
}

Status Catalogue::Resend(int64_t id, std::string_view actor) {
  CatalogueState& self = *impl_;
  return WriteAs(self, {actor, voting::Role::kAdmin, "resend notices"}, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "UPDATE outbox SET state = 'waiting', attempts = 0, "
                                   "next_try_at = ?, claim = '' WHERE id = ? AND state = 'failed'",
                                   self.NowText(), id));
    if (self.db.Changes() == 0) {
      return Status(std::string(kNotFound),
                    "There is no failed message " + std::to_string(id) + " to send again.",
                    {{"message", std::to_string(id)}});
    }
    nlohmann::json detail = {{"message", id}};
    return AppendAudit(self.db, *self.clock, actor, "outbox.resend", "outbox:" + std::to_string(id),
                       detail.dump());
  });
}

Result<bool> Catalogue::NoticesOptOut(std::string_view person) const {
  CatalogueState& self = *impl_;
  std::lock_guard lock(self.mutex);
  POSTER_ASSIGN_OR_RETURN(
      Statement found,
      Query(self.db, "SELECT notices_opt_out FROM people WHERE employee_id = ?", person));
  POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
  if (!row) return RequirePerson(self.db, person).status();
  return found.Int(0) != 0;
}

Status Catalogue::SetNoticesOptOut(std::string_view person, bool opt_out) {
  CatalogueState& self = *impl_;
  return Write(self, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(RequirePerson(self.db, person).status());
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "UPDATE people SET notices_opt_out = ? WHERE employee_id = ?",
                                   int64_t{opt_out}, person));
    nlohmann::json detail = {{"id", std::string(person)}, {"opt_out", opt_out}};
    return AppendAudit(self.db, *self.clock, person, "person.notices",
                       "person:" + std::string(person), detail.dump());
  });
}

}  // namespace poster::gallery
