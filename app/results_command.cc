// poster results, poster announce.
#include <iostream>

#include "app/commands.h"

namespace poster::app {
namespace {

struct ResultsOptions {
  Common common;
  std::string actor;
  std::string format = "table";
};

int Show(const ResultsOptions& options, bool announce) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::Results> results =
      announce ? catalogue->Announce(options.actor) : catalogue->ResultsFor(options.actor);
  if (!results.ok()) return Finish(options.common, results.status(), "", "");
  gallery::ResultsFormat format = options.common.json || options.format == "json"
                                      ? gallery::ResultsFormat::kJson
                                  : options.format == "csv" ? gallery::ResultsFormat::kCsv
                                                            : gallery::ResultsFormat::kTable;
  std::cout << gallery::FormatResults(std::move(*results), format, options.common.language());
  return kExitOk;
}

}  // namespace

void AddResultsCommands(CLI::App& app, Invocation& invocation) {
  auto results = std::make_shared<ResultsOptions>();
  CLI::App* results_command = app.add_subcommand(
      "results", "The result table (sealed from all but admins until announced)");
  AddCommonOptions(*results_command, results->common);
  AddActor(*results_command, results->actor);
  results_command
      ->add_option("--format", results->format, "table, csv (UTF-8 with BOM, for Excel) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  results_command->callback(
      [results, &invocation] { invocation.exit_code = Show(*results, false); });

  auto announce = std::make_shared<ResultsOptions>();
  CLI::App* announce_command = app.add_subcommand("announce", "Announce the results now (admins)");
  AddCommonOptions(*announce_command, announce->common);
  AddActor(*announce_command, announce->actor);
  announce_command->add_option("--format", announce->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  announce_command->callback(
      [announce, &invocation] { invocation.exit_code = Show(*announce, true); });
}

}  // namespace poster::app
