// poster vote cast|retract|list --as EMPLOYEE_ID; and (issue 11) poster vote
// report|void|receipts|check: the integrity report, an admin's void, the
// published receipts and a receipt's check.
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

// The receipt, and the secret the store drew (shown this once: keep both).
std::string ReceiptText(const gallery::VoteReceipt& receipt, bool korean) {
  std::string text = (korean ? "영수증: " : "receipt: ") + receipt.receipt + "\n";
  if (!receipt.secret.empty())
    text += (korean ? "비밀값 (이번에만 보입니다): " : "secret (shown this once): ") +
            receipt.secret + "\n";
  return text;
}

int Run(const VoteOptions& options, const char* action) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  std::string what(action);
  bool korean = options.common.language() == gallery::Language::kKorean;
  std::optional<gallery::VoteReceipt> receipt;
  Status status = Status::Ok();
  if (what == "cast") {
    Result<gallery::VoteReceipt> cast =
        catalogue->CastVote(options.actor, options.entry, gallery::VoteSource());
    status = cast.status();
    if (cast.ok()) receipt = *cast;
  } else if (what == "retract") {
    status = catalogue->RetractVote(options.actor, options.entry);
  }
  if (!status.ok()) return Finish(options.common, status, "", "");
  Result<gallery::Ballot> ballot = catalogue->BallotOf(options.actor);
  if (!ballot.ok()) return Finish(options.common, ballot.status(), "", "");
  nlohmann::json json = gallery::BallotJson(*ballot);
  if (receipt) json.update(gallery::VoteReceiptJson(*receipt));
  return Finish(options.common, Status::Ok(), gallery::JsonText(json),
                BallotText(*ballot, korean) + (receipt ? ReceiptText(*receipt, korean) : ""));
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
  AddVoteIntegrityCommands(*vote, invocation);
}

}  // namespace poster::app
