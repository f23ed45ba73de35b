// poster results, poster announce, poster audit verify.
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
  std::cout << gallery::FormatResults(*results, format, options.common.language());
  return kExitOk;
}

int Verify(const ResultsOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::AuditReport> report = catalogue->VerifyAudit();
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  bool ok = report->chain_intact && report->problems.empty();
  std::string text = std::to_string(report->records) + " records; chain " +
                     (report->chain_intact ? "intact" : "BROKEN") + "; " +
                     std::to_string(report->votes_replayed) + " vote and " +
                     std::to_string(report->scores_replayed) + " score records replayed\n";
  for (const std::string& problem : report->problems) text += "problem: " + problem + "\n";
  text += ok ? "audit: the log, the tables and the tally agree\n" : "audit: DIFFERENCES FOUND\n";
  Finish(options.common, Status::Ok(), gallery::AuditReportJson(*report), text);
  return ok ? kExitOk : kExitRejected;
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

  CLI::App* audit = app.add_subcommand("audit", "The hash-chained audit log");
  audit->require_subcommand(1);
  auto verify = std::make_shared<ResultsOptions>();
  CLI::App* verify_command =
      audit->add_subcommand("verify", "Check the chain and recompute the tally from the log");
  AddCommonOptions(*verify_command, verify->common);
  verify_command->callback([verify, &invocation] { invocation.exit_code = Verify(*verify); });
}

}  // namespace poster::app
