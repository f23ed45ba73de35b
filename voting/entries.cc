// Phases, people and the life of an entry.
#include <algorithm>

#include "base/clock.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

Status Refuse(std::string_view code, std::string message, std::vector<Detail> details = {}) {
  return Status(std::string(code), std::move(message), std::move(details));
}

bool ActionNeedsReason(EntryAction action) {
  return action == EntryAction::kReject || action == EntryAction::kRequestChanges ||
         action == EntryAction::kDisqualify;
}

std::optional<EntryStatus> LegalTarget(EntryStatus from, EntryAction action) {
  using S = EntryStatus;
  switch (action) {
    case EntryAction::kApprove:
      if (from == S::kSubmitted) return S::kApproved;
      break;
    case EntryAction::kReject:
      if (from == S::kSubmitted) return S::kRejected;
      break;
    case EntryAction::kRequestChanges:
      if (from == S::kSubmitted) return S::kChangesRequested;
      break;
    case EntryAction::kReplace:
      if (from == S::kSubmitted || from == S::kChangesRequested) return S::kSubmitted;
      break;
    case EntryAction::kWithdraw:
      if (from == S::kSubmitted || from == S::kChangesRequested || from == S::kApproved) {
        return S::kWithdrawn;
      }
      break;
    case EntryAction::kDisqualify:
      if (from == S::kApproved) return S::kDisqualified;
      break;
  }
  return std::nullopt;
}

}  // namespace

bool Window::Contains(Instant moment) const {
  return start && *start <= moment && (!end || moment < *end);
}

Window EffectiveWindow(Window window, const std::vector<PhaseOverride>& overrides) {
  for (const PhaseOverride& change : overrides) {
    if (change.kind == PhaseOverride::Kind::kOpen) {
      if (!window.start || *window.start > change.at) window.start = change.at;
      if (window.end && *window.end <= change.at) window.end.reset();
    } else if (!window.end || *window.end > change.at) {
      window.end = change.at;
    }
  }
  return window;
}

bool Person::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool IsLive(EntryStatus status) {
  return status == EntryStatus::kSubmitted || status == EntryStatus::kApproved ||
         status == EntryStatus::kChangesRequested;
}

Status CheckSubmission(const Rules& rules, const Window& submission, Instant now,
                       int live_entries) {
  if (!submission.Contains(now)) {
    return Refuse(kOutsideWindow,
                  "Submission is not open now, so no entry can be added or changed.",
                  {{"phase", "submission"}});
  }
  if (live_entries >= rules.entries_per_author) {
    return Refuse(kEntryLimit,
                  "You already have " + std::to_string(live_entries) +
                      " entries; each author may enter " +
                      std::to_string(rules.entries_per_author) + ". Withdraw one to enter another.",
                  {{"entries", std::to_string(live_entries)},
                   {"limit", std::to_string(rules.entries_per_author)}});
  }
  return Status::Ok();
}

Result<EntryStatus> Transition(const TransitionFacts& facts) {
  std::string from(EntryStatusName(facts.from)), action(EntryActionName(facts.action));
  std::optional<EntryStatus> target = LegalTarget(facts.from, facts.action);
  if (!target) {
    return Refuse(kInvalidTransition,
                  "An entry that is " + from + " cannot be given '" + action + "'.",
                  {{"from", from}, {"action", action}});
  }
  if (ActionNeedsReason(facts.action) &&
      facts.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Refuse(kReasonRequired, "Give a reason for '" + action + "': the author will read it.",
                  {{"action", action}});
  }
  bool authors_action =
      facts.action == EntryAction::kWithdraw || facts.action == EntryAction::kReplace;
  if (authors_action && !facts.submission_open) {
    return Refuse(kOutsideWindow,
                  "Entries can be withdrawn or replaced only while submission is open.",
                  {{"phase", "submission"}});
  }
  if (facts.action == EntryAction::kDisqualify && facts.results_announced) {
    return Refuse(kInvalidTransition,
                  "The results are announced; an entry can no longer be disqualified.",
                  {{"from", from}, {"action", action}, {"announced", ""}});
  }
  return *target;
}

}  // namespace poster::voting
