// poster vote cast|retract|list --as EMPLOYEE_ID.
#include "app/commands.h"

namespace poster::app {
namespace {

struct VoteOptions {
  Common common;
  std::string actor;
  int64_t entry = 0;
};

std::string BallotText(const gallery::Ballot& ballot, bool korean) {
  std::string entries;
  for (int64_t id : ballot.entries) entries += (entries.empty() ? "#" : ", #") + std::to_string(id);
  if (korean)
    return "투표한 작품: " + (entries.empty() ? "없음" : entries) + " (남은 표 " +
           std::to_string(ballot.remaining) + "/" + std::to_string(ballot.budget) + ")\n";
  return "voted for: " + (entries.empty() ? "none" : entries) + " (" +
         std::to_string(ballot.remaining) + " of " + std::to_string(ballot.budget) +
         " votes left)\n";
}

int Run(const VoteOptions& options, const char* action) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  std::string what(action);
  Status status = what == "cast"      ? catalogue->CastVote(options.actor, options.entry)
                  : what == "retract" ? catalogue->RetractVote(options.actor, options.entry)
                                      : Status::Ok();
  if (!status.ok()) return Finish(options.common, status, "", "");
  Result<gallery::Ballot> ballot = catalogue->BallotOf(options.actor);
  if (!ballot.ok()) return Finish(options.common, ballot.status(), "", "");
  bool korean = options.common.language() == gallery::Language::kKorean;
  return Finish(options.common, Status::Ok(), gallery::JsonText(gallery::BallotJson(*ballot)),
                BallotText(*ballot, korean));
}

}  // namespace

void AddVoteCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* vote = app.add_subcommand("vote", "Peer votes: cast, retract, list your ballot");
  vote->require_subcommand(1);
  for (const char* action : {"cast", "retract", "list"}) {
    auto options = std::make_shared<VoteOptions>();
    CLI::App* command = vote->add_subcommand(
        action, std::string(action) == "list" ? "Your ballot" : std::string(action) + " a vote");
    AddCommonOptions(*command, options->common);
    AddActor(*command, options->actor);
    if (std::string(action) != "list")
      command->add_option("entry", options->entry, "Entry number")
          ->required()
          ->check(CLI::PositiveNumber);
    command->callback(
        [options, action, &invocation] { invocation.exit_code = Run(*options, action); });
  }
}

}  // namespace poster::app
