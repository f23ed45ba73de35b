// poster review ... (moderators) and poster entry ... (authors and admins).
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "app/output.h"

namespace poster::app {
namespace {

struct EntryOptions {
  Common common;
  std::string actor;
  int64_t entry = 0;
  std::string reason;
  std::string file;
};

int Queue(const EntryOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::vector<gallery::Entry>> queue = catalogue->ReviewQueue();
  if (!queue.ok()) return Finish(options.common, queue.status(), "", "");
  std::ostringstream json, text;
  for (const gallery::Entry& entry : *queue) {
    json << gallery::JsonText(gallery::EntryJson(entry)) << "\n";
    text << DescribeEntry(entry, options.common.language()) << "\n";
  }
  if (queue->empty())
    text << (options.common.language() == gallery::Language::kKorean ? "검토할 작품이 없습니다.\n"
                                                                     : "Nothing to review.\n");
  std::string lines = json.str();
  if (!lines.empty()) lines.pop_back();
  return Finish(options.common, Status::Ok(), lines, text.str());
}

int Respond(const EntryOptions& options, const Result<gallery::Entry>& entry) {
  if (!entry.ok()) return Finish(options.common, entry.status(), "", "");
  return Finish(options.common, Status::Ok(), gallery::JsonText(gallery::EntryJson(*entry)),
                DescribeEntry(*entry, options.common.language()));
}

int Show(const EntryOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  return Respond(options, catalogue->Claim(options.entry, options.actor));
}

int Decide(const EntryOptions& options, voting::EntryAction action) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  return Respond(options, catalogue->Decide(options.entry, action, options.reason, options.actor));
}

int Replace(const EntryOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  gallery::ContestConfig config = catalogue->Config();
  Result<std::vector<uint8_t>> bytes =
      ingest::ReadFile(options.file, config.ingest.limits.max_bytes);
  if (!bytes.ok()) return Finish(options.common, bytes.status(), "", "");
  std::string source = std::filesystem::path(options.file).filename().string();
  return Respond(options,
                 catalogue->ReplaceFile(options.entry, std::move(*bytes), source, options.actor));
}

// One subcommand taking an entry number (and a reason when `reason` says so).
CLI::App* Add(CLI::App& parent, const char* name, const char* help,
              std::shared_ptr<EntryOptions> options, bool reason) {
  CLI::App* command = parent.add_subcommand(name, help);
  AddCommonOptions(*command, options->common);
  AddActor(*command, options->actor);
  command->add_option("entry", options->entry, "Entry number")
      ->required()
      ->check(CLI::PositiveNumber);
  if (reason)
    command->add_option("--reason", options->reason, "Why (the author reads it)")->required();
  return command;
}

}  // namespace

void AddReviewCommands(CLI::App& app, Invocation& invocation) {
  CLI::App* review = app.add_subcommand("review", "The moderators' queue and decisions");
  review->require_subcommand(1);
  auto list = std::make_shared<EntryOptions>();
  CLI::App* list_command =
      review->add_subcommand("list", "Submitted entries, oldest first, with every flag");
  AddCommonOptions(*list_command, list->common);
  list_command->callback([list, &invocation] { invocation.exit_code = Queue(*list); });

  auto show = std::make_shared<EntryOptions>();
  Add(*review, "show", "Show an entry and claim it for ten minutes", show, false)
      ->callback([show, &invocation] { invocation.exit_code = Show(*show); });
  struct Decision {
    const char* name;
    const char* help;
    voting::EntryAction action;
    bool reason;
  };
  for (Decision d :
       {Decision{"approve", "Approve a submitted entry", voting::EntryAction::kApprove, false},
        Decision{"reject", "Reject a submitted entry, with a reason", voting::EntryAction::kReject,
                 true},
        Decision{"request-changes", "Ask the author for changes, with a reason",
                 voting::EntryAction::kRequestChanges, true}}) {
    auto options = std::make_shared<EntryOptions>();
    Add(*review, d.name, d.help, options, d.reason)->callback([options, d, &invocation] {
      invocation.exit_code = Decide(*options, d.action);
    });
  }

  CLI::App* entry = app.add_subcommand("entry", "An author's or admin's action on one entry");
  entry->require_subcommand(1);
  auto withdraw = std::make_shared<EntryOptions>();
  Add(*entry, "withdraw", "Withdraw your entry (while submission is open)", withdraw, false)
      ->callback([withdraw, &invocation] {
        invocation.exit_code = Decide(*withdraw, voting::EntryAction::kWithdraw);
      });
  auto disqualify = std::make_shared<EntryOptions>();
  Add(*entry, "disqualify", "Disqualify an approved entry (admins, before results)", disqualify,
      true)
      ->callback([disqualify, &invocation] {
        invocation.exit_code = Decide(*disqualify, voting::EntryAction::kDisqualify);
      });
  auto replace = std::make_shared<EntryOptions>();
  CLI::App* replace_command = Add(
      *entry, "replace", "Give your entry a new file (previous versions are kept)", replace, false);
  replace_command->add_option("file", replace->file, "The new poster")->required();
  replace_command->callback([replace, &invocation] { invocation.exit_code = Replace(*replace); });
}

}  // namespace poster::app
