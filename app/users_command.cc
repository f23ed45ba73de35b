// poster users invite: one-time links to set a first password.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

struct InviteOptions {
  Common common;
  std::string actor;
  std::string employee_id;
  bool all = false;
  std::string public_url = "http://127.0.0.1:8080";
};

int Invite(const InviteOptions& options) {
  if (options.employee_id.empty() == !options.all) {
    std::cerr << "poster users invite: name one EMPLOYEE_ID, or --all\n";
    return kExitUsage;
  }
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  std::vector<std::pair<std::string, std::string>> tokens;
  if (options.all) {
    Result<std::vector<std::pair<std::string, std::string>>> all =
        catalogue->InviteAll(options.actor);
    if (!all.ok()) return Finish(options.common, all.status(), "", "");
    tokens = *all;
  } else {
    Result<std::string> token = catalogue->Invite(options.employee_id, options.actor);
    if (!token.ok()) return Finish(options.common, token.status(), "", "");
    tokens.emplace_back(options.employee_id, *token);
  }
  std::string base = options.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  nlohmann::json links = nlohmann::json::array();
  std::string text;
  for (const auto& [id, token] : tokens) {
    std::string url = base + "/#/invite/" + token;
    links.push_back({{"employee_id", id}, {"url", url}});
    text += id + "  " + url + "\n";
  }
  return Finish(options.common, Status::Ok(), links.dump(), text);
}

}  // namespace

void AddUsersCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* users = app.add_subcommand("users", "Accounts for the web app");
  users->require_subcommand(1);
  auto options = std::make_shared<InviteOptions>();
  CLI::App* invite = users->add_subcommand(
      "invite", "Print one-time links to set a first password (valid 14 days)");
  AddCommonOptions(*invite, options->common);
  AddActor(*invite, options->actor);
  invite->add_option("employee_id", options->employee_id, "Who to invite");
  invite->add_flag("--all", options->all, "Everyone on the roster without a password yet");
  invite->add_option("--public-url", options->public_url, "The web app's address, for the links")
      ->capture_default_str();
  invite->callback([options, &invocation] { invocation.exit_code = Invite(*options); });
}

}  // namespace poster::app
