// poster export site DIR: the gallery and the announced results as a folder
// that works from any static host and from the file system (the archive).
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct ExportOptions {
  Common common;
  std::string dir;
  std::string public_url = "http://127.0.0.1:8080";
};

int ExportSite(const ExportOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::SiteExport> done =
      gallery::ExportSite(*catalogue, options.dir, options.public_url);
  if (!done.ok()) return Finish(options.common, done.status(), "", "");
  nlohmann::json out = {{"dir", done->dir.string()},
                        {"entries", done->entries},
                        {"results", done->results},
                        {"files", done->files},
                        {"bytes", done->bytes}};
  std::string text = "exported " + std::to_string(done->entries) + " entries" +
                     (done->results ? " and the announced results" : " (results still sealed)") +
                     ": " + std::to_string(done->files) + " files, " +
                     std::to_string((done->bytes + 1023) / 1024) + " KiB\nopen " +
                     (done->dir / "index.html").string() + "\n";
  return Finish(options.common, Status::Ok(), out.dump(), text);
}

}  // namespace

void AddExportCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* exports = app.add_subcommand("export", "Copies of the contest for elsewhere");
  exports->require_subcommand(1);
  auto options = std::make_shared<ExportOptions>();
  CLI::App* site = exports->add_subcommand(
      "site", "The gallery and announced results as a static site (the archive)");
  AddCommonOptions(*site, options->common);
  site->add_option("dir", options->dir, "An empty or new folder")->required();
  site->add_option("--public-url", options->public_url,
                   "Where the site will live: the exhibition QR codes link there")
      ->capture_default_str();
  site->callback([options, &invocation] { invocation.exit_code = ExportSite(*options); });
}

}  // namespace poster::app
