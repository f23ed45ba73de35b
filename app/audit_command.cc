// poster audit verify, poster audit head: anyone holding a copy of the data
// folder checks the contest from its log (docs/audit.md).
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct AuditOptions {
  Common common;
  std::string published;  // SEQ:HASH, as `poster audit head` prints it
};

std::string HeadText(const gallery::AuditHead& head) {
  return std::to_string(head.seq) + ":" + head.hash;
}

std::string VerifyText(const gallery::AuditReport& report, bool ok) {
  std::string text = std::to_string(report.records) + " records; chain " +
                     (report.chain_intact ? "intact" : "BROKEN") + "; " +
                     std::to_string(report.votes_replayed) + " vote and " +
                     std::to_string(report.scores_replayed) + " score records replayed\n";
  text += "head " + HeadText(report.head) + "\n";
  for (const std::string& problem : report.problems) text += "problem: " + problem + "\n";
  return text +
         (ok ? "audit: the log, the tables and the tally agree\n" : "audit: DIFFERENCES FOUND\n");
}

int Verify(const AuditOptions& options) {
  std::optional<gallery::AuditHead> published;
  if (!options.published.empty()) {
    published = gallery::ParseAuditHead(options.published);
    if (!published) {
      std::cerr << "poster audit verify: --head takes SEQ:HASH as `poster audit head` prints it\n";
      return kExitUsage;
    }
  }
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::AuditReport> report = catalogue->VerifyAudit(published);
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  bool ok = report->chain_intact && report->problems.empty();
  Finish(options.common, Status::Ok(), gallery::JsonText(gallery::AuditReportJson(*report)),
         VerifyText(*report, ok));
  return ok ? kExitOk : kExitRejected;
}

int Head(const AuditOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::AuditHead> head = catalogue->Head();
  if (!head.ok()) return Finish(options.common, head.status(), "", "");
  nlohmann::json json = {{"seq", head->seq}, {"hash", head->hash}, {"at", head->at}};
  return Finish(options.common, Status::Ok(), json.dump(), HeadText(*head) + "\n");
}

}  // namespace

void AddAuditCommands(CLI::App& app, Invocation& invocation) {
  CLI::App* audit = app.add_subcommand("audit", "The hash-chained audit log");
  audit->require_subcommand(1);
  auto verify = std::make_shared<AuditOptions>();
  CLI::App* verify_command = audit->add_subcommand(
      "verify", "Check the chain, compare the log with every table, recompute the tally");
  AddCommonOptions(*verify_command, verify->common);
  verify_command->add_option("--head", verify->published,
                             "A head published earlier (SEQ:HASH): check the log still holds it");
  verify_command->callback([verify, &invocation] { invocation.exit_code = Verify(*verify); });
  auto head = std::make_shared<AuditOptions>();
  CLI::App* head_command =
      audit->add_subcommand("head", "Print the log's last record as SEQ:HASH, to write down");
  AddCommonOptions(*head_command, head->common);
  head_command->callback([head, &invocation] { invocation.exit_code = Head(*head); });
}

}  // namespace poster::app
