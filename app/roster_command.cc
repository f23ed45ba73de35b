// poster roster import|list: the staff who take part, and their roles.
#include <iostream>
#include <sstream>

#include "app/commands.h"

namespace poster::app {
namespace {

struct RosterOptions {
  Common common;
  std::string actor;
  std::string file;
};

int Import(const RosterOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::RosterImport> imported = catalogue->ImportRoster(options.file, options.actor);
  if (!imported.ok()) return Finish(options.common, imported.status(), "", "");
  const gallery::RosterImport& r = *imported;
  std::string json = "{\"status\":\"ok\",\"added\":" + std::to_string(r.added) +
                     ",\"updated\":" + std::to_string(r.updated) +
                     ",\"unchanged\":" + std::to_string(r.unchanged) + ",\"encoding\":\"" +
                     r.encoding + "\"}";
  bool korean = options.common.language() == gallery::Language::kKorean;
  std::string text = korean ? "명단 가져오기(" + r.encoding + "): 추가 " + std::to_string(r.added) +
                                  "명, 변경 " + std::to_string(r.updated) + "명, 그대로 " +
                                  std::to_string(r.unchanged) + "명\n"
                            : "roster (" + r.encoding + "): " + std::to_string(r.added) +
                                  " added, " + std::to_string(r.updated) + " updated, " +
                                  std::to_string(r.unchanged) + " unchanged\n";
  return Finish(options.common, Status::Ok(), json, text);
}

int List(const RosterOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::vector<gallery::PersonRecord>> people = catalogue->Roster();
  if (!people.ok()) return Finish(options.common, people.status(), "", "");
  std::ostringstream json, text;
  for (const gallery::PersonRecord& p : *people) {
    json << gallery::JsonText(gallery::PersonJson(p)) << "\n";
    std::string roles;
    for (voting::Role role : p.roles)
      roles += (roles.empty() ? "" : ",") + std::string(voting::RoleName(role));
    text << p.id << "  " << p.name << "  " << p.department << "  " << roles << "\n";
  }
  std::string lines = json.str();
  if (!lines.empty()) lines.pop_back();
  return Finish(options.common, Status::Ok(), lines, text.str());
}

}  // namespace

void AddRosterCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* roster = app.add_subcommand("roster", "The staff who take part, and their roles");
  roster->require_subcommand(1);
  auto import = std::make_shared<RosterOptions>();
  CLI::App* import_command =
      roster->add_subcommand("import", "Add and update people from a CSV (UTF-8 or CP949)");
  AddCommonOptions(*import_command, import->common);
  AddActor(*import_command, import->actor);
  import_command
      ->add_option("file", import->file,
                   "employee_id,name,department,email,roles (or 사번,이름,부서,이메일,역할)")
      ->required();
  import_command->callback([import, &invocation] { invocation.exit_code = Import(*import); });
  auto list = std::make_shared<RosterOptions>();
  CLI::App* list_command = roster->add_subcommand("list", "Everyone on the roster");
  AddCommonOptions(*list_command, list->common);
  list_command->callback([list, &invocation] { invocation.exit_code = List(*list); });
}

}  // namespace poster::app
