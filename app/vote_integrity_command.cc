// poster vote report|void|receipts|check (issue 11): the vote integrity report
// (from the tables, or --from-log from the audit log alone), an admin's void
// with a reason, the receipts published with the announcement, and one
// receipt's check with its inclusion proof.
#include "app/commands.h"

namespace poster::app {
namespace {

struct IntegrityOptions {
  Common common;
  std::string actor;
  bool from_log = false;
  std::string voter, reason, receipt;
  int64_t entry = 0;
};

int Report(const IntegrityOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<voting::IntegrityReport> report =
      catalogue->VoteIntegrity(options.actor, options.from_log ? gallery::ReportSource::kLog
                                                               : gallery::ReportSource::kTables);
  if (!report.ok()) return Finish(options.common, report.status(), "", "");
  return Finish(options.common, Status::Ok(),
                gallery::JsonText(gallery::IntegrityReportJson(*report)),
                gallery::IntegrityReportText(*report, options.common.language()));
}

int Void(const IntegrityOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Status voided = catalogue->VoidVote(options.voter, options.entry, options.reason, options.actor);
  bool korean = options.common.language() == gallery::Language::kKorean;
  std::string text = (korean ? "무효 처리: " : "voided: ") + options.voter + " → #" +
                     std::to_string(options.entry) + "\n";
  nlohmann::json json = {{"voter", options.voter}, {"entry", options.entry}, {"voided", true}};
  return Finish(options.common, voided, gallery::JsonText(json), text);
}

int Receipts(const IntegrityOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::PublishedReceipts> published = catalogue->Receipts();
  if (!published.ok()) return Finish(options.common, published.status(), "", "");
  std::string text = "root " + published->root + "\n";
  for (const std::string& receipt : published->receipts) text += receipt + "\n";
  return Finish(options.common, Status::Ok(),
                gallery::JsonText(gallery::PublishedReceiptsJson(*published)), text);
}

int Check(const IntegrityOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::ReceiptCheck> check = catalogue->CheckReceipt(options.receipt);
  if (!check.ok()) return Finish(options.common, check.status(), "", "");
  bool korean = options.common.language() == gallery::Language::kKorean;
  std::string text = !check->published ? (korean ? "아직 발표 전입니다\n" : "not announced yet\n")
                     : check->counted ? (korean ? "집계됨\n" : "counted\n")
                                      : (korean ? "집계 목록에 없음\n" : "not counted\n");
  Finish(options.common, Status::Ok(), gallery::JsonText(gallery::ReceiptCheckJson(*check)), text);
  return check->counted ? kExitOk : kExitRejected;
}

CLI::App* Subcommand(CLI::App& vote, const char* name, const char* help,
                     const std::shared_ptr<IntegrityOptions>& options) {
  CLI::App* command = vote.add_subcommand(name, help);
  AddCommonOptions(*command, options->common);
  AddActor(*command, options->actor);
  return command;
}

}  // namespace

void AddVoteIntegrityCommands(CLI::App& vote, Invocation& invocation) {
  auto report = std::make_shared<IntegrityOptions>();
  CLI::App* command = Subcommand(vote, "report", "The vote integrity report (admins)", report);
  command->add_flag("--from-log", report->from_log, "Replay the audit log instead of the tables");
  command->callback([report, &invocation] { invocation.exit_code = Report(*report); });

  auto voiding = std::make_shared<IntegrityOptions>();
  command = Subcommand(vote, "void", "Void a vote with a reason (admins)", voiding);
  command->add_option("voter", voiding->voter, "The voter's employee id")->required();
  command->add_option("entry", voiding->entry, "Entry number")
      ->required()
      ->check(CLI::PositiveNumber);
  command->add_option("--reason", voiding->reason, "Why (logged)")->required();
  command->callback([voiding, &invocation] { invocation.exit_code = Void(*voiding); });

  auto receipts = std::make_shared<IntegrityOptions>();
  command = Subcommand(vote, "receipts", "The receipts published with the results", receipts);
  command->callback([receipts, &invocation] { invocation.exit_code = Receipts(*receipts); });

  auto check = std::make_shared<IntegrityOptions>();
  command = Subcommand(vote, "check", "Whether a receipt is counted (exit 0) or not (1)", check);
  command->add_option("receipt", check->receipt, "The receipt (64 hex digits)")->required();
  command->callback([check, &invocation] { invocation.exit_code = Check(*check); });
}

}  // namespace poster::app
