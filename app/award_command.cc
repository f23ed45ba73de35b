// poster award revoke: an admin revokes a final award (수상 취소) with a reason.
#include <iostream>

#include "app/commands.h"

namespace poster::app {
namespace {

struct RevokeOptions {
  Common common;
  std::string actor;
  int64_t entry = 0;
  std::string reason;
};

int Revoke(const RevokeOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::Revocation> made =
      catalogue->RevokeAward(options.entry, options.reason, options.actor);
  if (!made.ok()) return Finish(options.common, made.status(), "", "");
  nlohmann::json json = {{"entry", made->entry},
                         {"tier", made->tier},
                         {"tier_en", made->tier_en},
                         {"reason", made->reason},
                         {"revoked_at", made->revoked_at}};
  std::string id = std::to_string(made->entry);
  std::string text = options.common.language() == gallery::Language::kEnglish
                         ? "Entry " + id + ": its " + made->tier_en + " award is revoked.\n"
                         : id + "번 작품의 " + made->tier + " 수상을 취소했습니다.\n";
  return Finish(options.common, Status::Ok(), json.dump(), text);
}

}  // namespace

void AddAwardCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* award = app.add_subcommand("award", "Awards after the results are final");
  award->require_subcommand(1);
  auto options = std::make_shared<RevokeOptions>();
  CLI::App* revoke = award->add_subcommand(
      "revoke", "Revoke an entry's final award for misconduct found later (admins)");
  AddCommonOptions(*revoke, options->common);
  AddActor(*revoke, options->actor);
  revoke->add_option("entry", options->entry, "The entry's number")->required();
  revoke->add_option("--reason", options->reason, "Why, as the results page will show it")
      ->required();
  revoke->callback([options, &invocation] { invocation.exit_code = Revoke(*options); });
}

}  // namespace poster::app
