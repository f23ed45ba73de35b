// poster backup DIR, poster restore BACKUP: a consistent copy of the data folder
// while the server runs, and the way back, checked by the audit log
// (docs/operations.md, "Backups").
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct BackupOptions {
  Common common;
  std::string folder;  // where the backup goes, or the backup to restore
};

nlohmann::json ReportJson(const gallery::BackupReport& report) {
  return {{"dir", report.dir.string()},
          {"schema_version", report.schema_version},
          {"audit_head", {{"seq", report.head.seq}, {"hash", report.head.hash}}},
          {"blobs", report.blobs},
          {"bytes", report.bytes}};
}

std::string ReportText(const char* what, const gallery::BackupReport& report) {
  return std::string(what) + " " + report.dir.string() + ": the catalogue and " +
         std::to_string(report.blobs) + " files, " + std::to_string(report.bytes) +
         " bytes; audit head " + std::to_string(report.head.seq) + ":" + report.head.hash + "\n";
}

int Backup(const BackupOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::BackupReport> report = catalogue->Backup(options.folder);
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  nlohmann::json json = ReportJson(*report);
  json["status"] = "ok";
  return Finish(options.common, Status::Ok(), json.dump(), ReportText("backup:", *report));
}

// Restores, then opens the copy (migrating an older schema) and verifies its log.
int Restore(const BackupOptions& options) {
  Result<gallery::BackupReport> report =
      gallery::RestoreBackup(options.folder, options.common.data_dir);
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitRejected;
  Result<gallery::AuditReport> audit = catalogue->VerifyAudit(report->head);
  if (!audit.ok()) return Finish(options.common, audit.status(), "", "");
  bool verified = audit->chain_intact && audit->problems.empty();
  nlohmann::json json = ReportJson(*report);
  json["status"] = verified ? "ok" : "audit_differences";
  json["audit"] = gallery::AuditReportJson(*audit);
  std::string text = ReportText("restored", *report);
  for (const std::string& problem : audit->problems) text += "problem: " + problem + "\n";
  text +=
      verified ? "audit: the log, the tables and the tally agree\n" : "audit: DIFFERENCES FOUND\n";
  Finish(options.common, Status::Ok(), json.dump(), text);
  return verified ? kExitOk : kExitRejected;
}

}  // namespace

void AddBackupCommands(CLI::App& app, Invocation& invocation) {
  auto backup = std::make_shared<BackupOptions>();
  CLI::App* backup_command = app.add_subcommand(
      "backup", "Copy the data folder (catalogue and files) into a new folder, while it runs");
  AddCommonOptions(*backup_command, backup->common);
  backup_command
      ->add_option("folder", backup->folder, "The new folder (must not exist, or be empty)")
      ->required();
  backup_command->callback([backup, &invocation] { invocation.exit_code = Backup(*backup); });

  auto restore = std::make_shared<BackupOptions>();
  CLI::App* restore_command = app.add_subcommand(
      "restore", "Bring a backup back as the data folder --data (new or empty), and verify it");
  AddCommonOptions(*restore_command, restore->common);
  restore_command->add_option("backup", restore->folder, "The folder `poster backup` wrote")
      ->required();
  restore_command->callback([restore, &invocation] { invocation.exit_code = Restore(*restore); });
}

}  // namespace poster::app
