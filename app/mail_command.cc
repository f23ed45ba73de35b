// poster mail send: sends the notices that are due, once (docs/cli.md). `poster
// serve` does the same every half minute on a thread of its own.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

int Send(const Common& common) {
  if (!RefuseConfigOption(common, "mail send")) return kExitUsage;
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(common);
  if (!catalogue) return kExitUsage;
  if (!catalogue->Config().mail.enabled) {
    std::cerr << "poster mail send: [mail] enabled is false in the contest's config; nothing "
                 "is sent\n";
  }
  Result<gallery::SendReport> report = gallery::SendDueMessages(*catalogue);
  if (!report.ok()) return Finish(common, report.status(), "", "");
  nlohmann::json json = {{"queued", report->queued},
                         {"sent", report->sent},
                         {"retried", report->retried},
                         {"failed", report->failed}};
  std::string text = "queued " + std::to_string(report->queued) + ", sent " +
                     std::to_string(report->sent) + ", to retry " +
                     std::to_string(report->retried) + ", failed " +
                     std::to_string(report->failed) + "\n";
  Finish(common, Status::Ok(), json.dump(), text);
  return report->retried + report->failed > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void AddMailCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* mail = app.add_subcommand("mail", "Notices by e-mail and webhook");
  mail->require_subcommand(1);
  auto common = std::make_shared<Common>();
  CLI::App* send =
      mail->add_subcommand("send", "Send the notices that are due now, once, and say how it went");
  AddCommonOptions(*send, *common);
  send->callback([common, &invocation] { invocation.exit_code = Send(*common); });
}

}  // namespace poster::app
