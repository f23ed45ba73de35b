// poster migrate --to postgresql://...: the contest in the data folder's
// contest.db copied into an empty PostgreSQL database, then the audit log
// verified on both sides (issue 13; docs/operations.md, "PostgreSQL").
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct MigrateOptions {
  Common common;
  std::string to;
};

// The audit of one side, in the report and in a line of text.
bool Verified(const char* side, const Result<gallery::AuditReport>& audit, nlohmann::json& json,
              std::string& text) {
  bool clean = audit.ok() && audit->chain_intact && audit->problems.empty();
  json[side] = audit.ok() ? gallery::AuditReportJson(*audit)
                          : nlohmann::json{{"code", audit.status().code()}};
  text += std::string("audit (") + side +
          "): " + (clean ? "the log, the tables and the tally agree\n" : "DIFFERENCES FOUND\n");
  if (audit.ok())
    for (const std::string& problem : audit->problems) text += "problem: " + problem + "\n";
  return clean;
}

int Migrate(const MigrateOptions& options) {
  Common sqlite = options.common;
  sqlite.database.clear();  // the source is always the data folder's contest.db
  std::optional<gallery::Catalogue> source = OpenForReading(sqlite);
  if (!source) return kExitUsage;
  Result<gallery::MigrationReport> report = source->MigrateTo(options.to);
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  Common postgres = options.common;
  postgres.database = options.to;
  std::optional<gallery::Catalogue> target = OpenForReading(postgres);
  if (!target) return kExitRejected;
  nlohmann::json json = {
      {"status", "ok"}, {"to", options.to}, {"tables", nlohmann::json::object()}};
  std::string text = "migrated " + sqlite.data_dir + "/contest.db to " + options.to + "\n";
  for (const auto& [table, rows] : report->rows) {
    json["tables"][table] = rows;
    text += "  " + table + ": " + std::to_string(rows) + " rows\n";
  }
  bool verified = Verified("sqlite", source->VerifyAudit(), json, text);
  verified = Verified("postgresql", target->VerifyAudit(), json, text) && verified;
  if (!verified) json["status"] = "audit_differences";
  Finish(options.common, Status::Ok(), json.dump(), text);
  return verified ? kExitOk : kExitRejected;
}

}  // namespace

void AddMigrateCommand(CLI::App& app, Invocation& invocation) {
  auto migrate = std::make_shared<MigrateOptions>();
  CLI::App* command = app.add_subcommand(
      "migrate", "Copy the contest in --data's contest.db into an empty PostgreSQL database");
  AddCommonOptions(*command, migrate->common);
  command->add_option("--to", migrate->to, "The PostgreSQL database (postgresql://user@host/db)")
      ->required();
  command->callback([migrate, &invocation] { invocation.exit_code = Migrate(*migrate); });
}

}  // namespace poster::app
