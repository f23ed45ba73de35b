// poster show ENTRY: one entry as the catalogue holds it.
#include <iostream>

#include "app/commands.h"
#include "app/output.h"

namespace poster::app {
namespace {

struct ShowOptions {
  Common common;
  int64_t entry = 0;
};

int Run(const ShowOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::Entry> entry = catalogue->Get(options.entry);
  if (!entry.ok()) {
    ReportError(options.common, entry.status());
    return kExitRejected;
  }
  if (options.common.json) {
    std::cout << gallery::JsonText(gallery::EntryJson(*entry)) << "\n";
  } else {
    std::cout << DescribeEntry(*entry, options.common.language());
  }
  return kExitOk;
}

}  // namespace

void AddShowCommand(CLI::App& app, Invocation& invocation) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* command = app.add_subcommand("show", "Show one entry");
  AddCommonOptions(*command, options->common);
  command->add_option("entry", options->entry, "Entry number")
      ->required()
      ->check(CLI::PositiveNumber);
  command->callback([options, &invocation] { invocation.exit_code = Run(*options); });
}

}  // namespace poster::app
