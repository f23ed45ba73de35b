// poster privacy purge: removes the personal data the contest no longer needs
// (docs/operations.md, "Personal data"); --dry-run only counts.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct PurgeOptions {
  Common common;
  std::string actor;
  bool dry_run = false;
};

std::string PurgeText(const gallery::PurgeReport& report) {
  std::string text;
  for (const auto& [kind, rows] : report.removed)
    text +=
        (report.dry_run ? "would remove " : "removed ") + kind + ": " + std::to_string(rows) + "\n";
  if (report.retained_until.empty())
    text += "the results are not announced yet: only what has expired is purged\n";
  else if (!report.retention_over)
    text += "the rest is kept until " + report.retained_until + " ([privacy] retention_days)\n";
  return text;
}

int Purge(const PurgeOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::PurgeReport> report = catalogue->PurgePersonalData(
      options.dry_run ? gallery::PurgeMode::kDryRun : gallery::PurgeMode::kPurge, options.actor);
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  nlohmann::json removed = nlohmann::json::object();
  for (const auto& [kind, rows] : report->removed) removed[kind] = rows;
  nlohmann::json json = {{"status", "ok"},
                         {"dry_run", report->dry_run},
                         {"retention_over", report->retention_over},
                         {"retained_until", report->retained_until},
                         {"removed", removed}};
  return Finish(options.common, Status::Ok(), json.dump(), PurgeText(*report));
}

}  // namespace

void AddPrivacyCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* privacy = app.add_subcommand("privacy", "Personal data the contest keeps");
  privacy->require_subcommand(1);
  auto options = std::make_shared<PurgeOptions>();
  CLI::App* purge = privacy->add_subcommand(
      "purge", "Remove the personal data the contest no longer needs ([privacy] retention_days)");
  AddCommonOptions(*purge, options->common);
  AddActor(*purge, options->actor);
  purge->add_flag("--dry-run", options->dry_run, "Count what would be removed, remove nothing");
  purge->callback([options, &invocation] { invocation.exit_code = Purge(*options); });
}

}  // namespace poster::app
