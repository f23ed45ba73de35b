// poster fsck: rows and blobs agree; orphans from a crash are found and removed.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct FsckOptions {
  Common common;
  bool repair = false;
};

void PrintList(const char* label, const std::vector<std::string>& items) {
  for (const std::string& item : items) std::cout << label << "  " << item << "\n";
}

int Run(const FsckOptions& options) {
  std::optional<gallery::Catalogue> catalogue =
      options.repair ? OpenOrReport(options.common) : OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::FsckReport> report =
      catalogue->Fsck(options.repair ? gallery::FsckMode::kRepair : gallery::FsckMode::kReport);
  if (!report.ok()) {
    ReportError(options.common, report.status());
    return kExitRejected;
  }
  const gallery::FsckReport& r = *report;
  if (options.common.json) {
    nlohmann::json out = {{"clean", r.clean()},
                          {"repaired", r.repaired},
                          {"orphan_blobs", r.orphan_blobs},
                          {"stale_temp", r.stale_temp},
                          {"missing_blobs", r.missing_blobs},
                          {"database_errors", r.database_errors},
                          {"io_errors", r.io_errors}};
    std::cout << out.dump() << "\n";
  } else {
    PrintList(r.repaired ? "removed orphan" : "orphan", r.orphan_blobs);
    PrintList(r.repaired ? "removed temp" : "stale temp", r.stale_temp);
    PrintList("missing", r.missing_blobs);
    PrintList("database", r.database_errors);
    PrintList("i/o error", r.io_errors);
    std::cout << (r.clean()    ? "fsck: clean\n"
                  : r.repaired ? "fsck: repaired\n"
                               : "fsck: problems found\n");
  }
  bool fixed =
      r.repaired && r.missing_blobs.empty() && r.database_errors.empty() && r.io_errors.empty();
  return r.clean() || fixed ? kExitOk : kExitRejected;
}

}  // namespace

void AddFsckCommand(CLI::App& app, Invocation& invocation) {
  auto options = std::make_shared<FsckOptions>();
  CLI::App* command = app.add_subcommand("fsck", "Check that the catalogue's rows and files agree");
  AddCommonOptions(*command, options->common);
  command->add_flag("--repair", options->repair, "Remove orphan files and stale temp files");
  command->callback([options, &invocation] { invocation.exit_code = Run(*options); });
}

}  // namespace poster::app
