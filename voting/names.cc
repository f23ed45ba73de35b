// Names of the rules' enumerations, as config files, JSON and the audit log spell them.
#include <array>
#include <utility>

#include "voting/voting.h"

namespace poster::voting {
namespace {

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

template <typename Enum, size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view name) {
  for (const auto& [candidate, spelled] : table) {
    if (spelled == name) return candidate;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Phase, std::string_view>, 5> kPhases = {{
    {Phase::kSubmission, "submission"},
    {Phase::kReview, "review"},
    {Phase::kVoting, "voting"},
    {Phase::kJudging, "judging"},
    {Phase::kResults, "results"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles = {{
    {Role::kEmployee, "employee"},
    {Role::kModerator, "moderator"},
    {Role::kJudge, "judge"},
    {Role::kAdmin, "admin"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 8> kKoreanRoles = {{
    {Role::kEmployee, "직원"},
    {Role::kEmployee, "임직원"},
    {Role::kModerator, "검토자"},
    {Role::kModerator, "운영자"},
    {Role::kJudge, "심사위원"},
    {Role::kJudge, "심사"},
    {Role::kAdmin, "관리자"},
    {Role::kAdmin, "admin"},
}};

constexpr std::array<std::pair<EntryStatus, std::string_view>, 6> kStatuses = {{
    {EntryStatus::kSubmitted, "submitted"},
    {EntryStatus::kApproved, "approved"},
    {EntryStatus::kRejected, "rejected"},
    {EntryStatus::kChangesRequested, "changes_requested"},
    {EntryStatus::kWithdrawn, "withdrawn"},
    {EntryStatus::kDisqualified, "disqualified"},
}};

constexpr std::array<std::pair<EntryAction, std::string_view>, 6> kActions = {{
    {EntryAction::kApprove, "approve"},
    {EntryAction::kReject, "reject"},
    {EntryAction::kRequestChanges, "request_changes"},
    {EntryAction::kWithdraw, "withdraw"},
    {EntryAction::kReplace, "replace"},
    {EntryAction::kDisqualify, "disqualify"},
}};

constexpr std::array<std::pair<Normalization, std::string_view>, 3> kNormalizations = {{
    {Normalization::kPercentile, "percentile"},
    {Normalization::kWinsorized, "winsorized"},
    {Normalization::kMinMax, "minmax"},
}};

constexpr std::array<std::pair<JudgeScaling, std::string_view>, 3> kScalings = {{
    {JudgeScaling::kZScore, "zscore"},
    {JudgeScaling::kRawMean, "raw"},
    {JudgeScaling::kModel, "model"},
}};

constexpr std::array<std::pair<TieBreak, std::string_view>, 3> kTieBreaks = {{
    {TieBreak::kJudgeScore, "judge_score"},
    {TieBreak::kPeerVotes, "peer_votes"},
    {TieBreak::kEarlierSubmission, "earlier_submission"},
}};

constexpr std::array<std::pair<StillTied, std::string_view>, 2> kStillTied = {{
    {StillTied::kShared, "shared"},
    {StillTied::kLot, "lot"},
}};

}  // namespace

std::string_view PhaseName(Phase phase) { return NameOf(kPhases, phase); }
std::optional<Phase> ParsePhase(std::string_view name) { return Parse(kPhases, name); }
std::string_view RoleName(Role role) { return NameOf(kRoles, role); }
std::optional<Role> ParseRole(std::string_view name) {
  std::optional<Role> role = Parse(kRoles, name);
  return role ? role : Parse(kKoreanRoles, name);
}
std::string_view EntryStatusName(EntryStatus status) { return NameOf(kStatuses, status); }
std::optional<EntryStatus> ParseEntryStatus(std::string_view name) {
  return Parse(kStatuses, name);
}
std::string_view EntryActionName(EntryAction action) { return NameOf(kActions, action); }
std::string_view NormalizationName(Normalization value) { return NameOf(kNormalizations, value); }
std::string_view JudgeScalingName(JudgeScaling value) { return NameOf(kScalings, value); }
std::string_view TieBreakName(TieBreak value) { return NameOf(kTieBreaks, value); }
std::string_view StillTiedName(StillTied value) { return NameOf(kStillTied, value); }

}  // namespace poster::voting
