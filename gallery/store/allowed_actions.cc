// What a person may do with each entry now, for the pages to show only the
// buttons that work. Decided by the checks the operations themselves run
// (voting::CheckCast and CheckRetract on the facts ballots.cc gathers,
// CheckEntryAction for replace and withdraw), never by a copy of their rules.
#include "gallery/store/catalogue_state.h"
#include "gallery/store/vote_integrity.h"

namespace poster::gallery {
namespace {

// A refusal means "not allowed"; anything the store could not read is an error.
Result<bool> Allowed(const Status& status) {
  if (status.ok()) return true;
  if (status.code() == kStoreFailed) return status;
  return false;
}

struct Context {
  VoterFacts voter;
  TransitionContext transitions;
};

Status AddIf(const Status& check, EntryActionAllowed action,
             std::vector<EntryActionAllowed>& actions) {
  POSTER_ASSIGN_OR_RETURN(bool allowed, Allowed(check));
  if (allowed) actions.push_back(action);
  return Status::Ok();
}

Result<std::vector<EntryActionAllowed>> ActionsOn(CatalogueState& self, const Context& context,
                                                  int64_t entry) {
  std::vector<EntryActionAllowed> actions;
  Result<EntryFacts> facts = FactsOf(self.db, entry);
  if (!facts.ok() && facts.status().code() == kNotFound) return actions;
  if (!facts.ok()) return facts.status();
  voting::BallotFacts ballot = BallotFactsOf(context.voter, entry, *facts);
  POSTER_RETURN_IF_ERROR(
      AddIf(voting::CheckCast(self.config.rules, ballot), EntryActionAllowed::kVote, actions));
  Status retract = voting::CheckRetract(ballot);
  if (retract.ok()) retract = RefuseIfVoided(self.db, context.voter.id, entry, "retract");
  POSTER_RETURN_IF_ERROR(AddIf(retract, EntryActionAllowed::kUnvote, actions));
  constexpr std::pair<voting::EntryAction, EntryActionAllowed> kAuthorActions[] = {
      {voting::EntryAction::kReplace, EntryActionAllowed::kReplace},
      {voting::EntryAction::kWithdraw, EntryActionAllowed::kWithdraw}};
  for (auto [action, allowed] : kAuthorActions) {
    Result<voting::EntryStatus> to =
        CheckEntryAction(self, entry, *facts, context.transitions, action, "", context.voter.id);
    POSTER_RETURN_IF_ERROR(AddIf(to.status(), allowed, actions));
    // New words are taken exactly when a new file is (EditEntry asks CheckReplace).
    if (allowed == EntryActionAllowed::kReplace)
      POSTER_RETURN_IF_ERROR(AddIf(to.status(), EntryActionAllowed::kEdit, actions));
  }
  return actions;
}

}  // namespace

std::string_view EntryActionAllowedName(EntryActionAllowed action) {
  switch (action) {
    case EntryActionAllowed::kVote:
      return "vote";
    case EntryActionAllowed::kUnvote:
      return "unvote";
    case EntryActionAllowed::kReplace:
      return "replace";
    case EntryActionAllowed::kWithdraw:
      return "withdraw";
    case EntryActionAllowed::kEdit:
      return "edit";
  }
  return "";
}

Result<std::map<int64_t, std::vector<EntryActionAllowed>>> Catalogue::ActionsFor(
    std::string_view viewer, const std::vector<int64_t>& entries) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  Context context;
  POSTER_ASSIGN_OR_RETURN(context.voter, GatherVoter(self, viewer));
  POSTER_ASSIGN_OR_RETURN(context.transitions, GatherTransitionContext(self));
  std::map<int64_t, std::vector<EntryActionAllowed>> actions;
  for (int64_t entry : entries) {
    POSTER_ASSIGN_OR_RETURN(actions[entry], ActionsOn(self, context, entry));
  }
  return actions;
}

}  // namespace poster::gallery
