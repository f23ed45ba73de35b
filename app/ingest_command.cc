// poster ingest: uploads from files, folders, URLs and manifests into the catalogue.
#include <unistd.h>

#include <iostream>
#include <map>
#include <thread>

#include "app/commands.h"
#include "app/output.h"

namespace poster::app {
namespace {

struct IngestOptions {
  Common common;
  gallery::Submission defaults;
  std::vector<std::string> manifests;
  std::vector<std::string> inputs;
  int jobs = 0;
  bool accept_pledge = false;
};

std::optional<std::vector<gallery::IntakeItem>> GatherItems(const IngestOptions& options) {
  std::vector<gallery::IntakeItem> items = gallery::ExpandInputs(options.inputs, options.defaults);
  for (const std::string& manifest : options.manifests) {
    Result<std::vector<gallery::IntakeItem>> listed =
        gallery::ReadManifest(manifest, options.defaults);
    if (!listed.ok()) {
      ReportError(options.common, listed.status());
      return std::nullopt;
    }
    items.insert(items.end(), listed->begin(), listed->end());
  }
  return items;
}

// --accept-pledge: the operator says each author accepted the pledge and the
// consent as the stored config words them now (their versions are stored).
void AcceptPledge(const gallery::ContestConfig& config, std::vector<gallery::IntakeItem>& items) {
  std::string pledge = gallery::PledgeVersion(config.pledge, config.pledge_en);
  std::string consent = gallery::PledgeVersion(config.consent, config.consent_en);
  for (gallery::IntakeItem& item : items) {
    item.submission.pledge_sha256 = pledge;
    item.submission.consent_sha256 = consent;
  }
}

int Run(const IngestOptions& options) {
  if (!RefuseConfigOption(options.common, "ingest")) return kExitUsage;
  std::optional<std::vector<gallery::IntakeItem>> items = GatherItems(options);
  if (!items) return kExitUsage;
  if (items->empty()) {
    std::cerr << "poster ingest: nothing to ingest (give files, folders, URLs or --manifest)\n";
    return kExitUsage;
  }
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  gallery::ContestConfig config = catalogue->Config();  // the stored one governs every upload
  if (options.accept_pledge) AcceptPledge(config, *items);
  ingest::CurlFetcher fetcher(config.fetch);
  int jobs =
      options.jobs > 0 ? options.jobs : int(std::max(1u, std::thread::hardware_concurrency()));
  IntakeReport report(options.common, items->size());
  gallery::RunIntake(*catalogue, fetcher, *items, jobs, options.defaults.author,
                     [&](const gallery::IntakeResult& result) { report.Add(result); });
  report.Finish();
  return report.all_accepted() ? kExitOk : kExitRejected;
}

}  // namespace

void AddIngestCommand(CLI::App& app, Invocation& invocation) {
  auto options = std::make_shared<IngestOptions>();
  options->defaults.author = "operator";
  CLI::App* command = app.add_subcommand("ingest", "Validate, fingerprint and store posters");
  AddCommonOptions(*command, options->common);
  command->add_option("--author", options->defaults.author, "Author's employee id")
      ->capture_default_str();
  command->add_option("--title", options->defaults.title, "Title (default: the file's name)");
  command->add_option("--theme", options->defaults.theme, "Theme of the contest");
  command->add_option("--ai-tools", options->defaults.ai_tools, "AI tools used");
  command->add_option("--prompt", options->defaults.prompt, "The prompt, if the author shares it");
  command->add_option("--description", options->defaults.description, "A description");
  // One value per occurrence (split on commas, or repeat the option): a list
  // option must never take the inputs that follow it for its own.
  command
      ->add_option("--co-authors", options->defaults.co_authors,
                   "Co-authors' employee ids: E2,E3 (or the option again)")
      ->delimiter(',')
      ->allow_extra_args(false);
  command
      ->add_option("--manifest", options->manifests,
                   "CSV listing inputs and their metadata (repeat for more)")
      ->allow_extra_args(false);
  command->add_flag("--accept-pledge", options->accept_pledge,
                    "Each author accepted the integrity pledge (청렴서약) and the AI/copyright "
                    "consent as the contest's config words them ([submission] require_pledge)");
  command->add_option("--jobs,-j", options->jobs, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 256));
  command->add_option("inputs", options->inputs, "Files, folders or http(s) URLs");
  command->callback([options, &invocation] { invocation.exit_code = Run(*options); });
}

}  // namespace poster::app
