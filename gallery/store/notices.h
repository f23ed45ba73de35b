// Notices: what one says and to whom, rendered when it is queued (private to
// gallery/store). docs/web.md ("Notices") lists each kind and when it goes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gallery/store/catalogue_state.h"

namespace poster::gallery {

// Where a notice's one-time link goes in its body: the link itself is kept
// apart (outbox.secret) and put in only when the message is sent, so that
// the outbox never shows it and forgets it once it went out.
inline constexpr std::string_view kLinkMark = "{{link}}";

struct Notice {
  std::string kind;       // "invitation", "entry_approved", ...
  std::string key;        // what makes it one notice: never queued twice
  std::string recipient;  // the employee number
  std::string subject;    // one line
  std::string body;       // text/plain: Korean, then English
  std::string secret;     // the link in place of kLinkMark, if any
  bool optional = false;  // the person's opt-out applies (reminders, results)
  // Held back this long before its first try: a moderator's decision waits out
  // the time it can be undone (kUndoFor), so an undone one is never mailed.
  std::chrono::seconds hold{0};
  nlohmann::json event;  // what the webhook posts: no addresses, no links
};

// What a notice's text needs to know about the contest and its reader.
struct NoticeContext {
  const ContestConfig* config = nullptr;
  std::string name;  // the reader's, from the roster
};

// The texts (notice_text.cc).
Notice InvitationNotice(const NoticeContext& context, std::string_view link);
Notice PasswordResetNotice(const NoticeContext& context, std::string_view link);
// kind: entry_received, entry_approved, entry_rejected, entry_changes_requested.
Notice EntryNotice(const NoticeContext& context, std::string_view kind, int64_t entry,
                   std::string_view title, std::string_view reason);
// kind: voting_opens, voting_closes_soon (`when_ko`, `when_en`: the end, as
// people read it in each language), results_announced.
Notice ContestNotice(const NoticeContext& context, std::string_view kind, std::string_view when_ko,
                     std::string_view when_en);

// Queues `notice` for its recipient, when [mail] is enabled: an e-mail when
// they have a valid address (and, for an optional notice, did not opt out),
// and the webhook's post when one is configured. Each key once: a notice
// queued before is left as it is. Runs inside the caller's transaction.
// Returns how many messages it queued.
Result<int> QueueNotice(CatalogueState& self, Notice notice);

// The roster's name of `person` (empty when unknown), for NoticeContext.
Result<std::string> NameOf(Database& db, std::string_view person);

// Drops the held notice of a decision on `entry` taken back (UndoDecision)
// before its first try: what was undone is never sent.
Status DropHeldEntryNotice(CatalogueState& self, int64_t entry, voting::EntryStatus decided);

// Queues the notice of an entry's new status (received, approved, rejected,
// changes requested) for its author; other statuses queue nothing. A
// moderator's decision is held for kUndoFor.
Status QueueEntryNotice(CatalogueState& self, int64_t entry, voting::EntryStatus status,
                        std::string_view reason);

}  // namespace poster::gallery
