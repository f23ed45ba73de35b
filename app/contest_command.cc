// poster contest init|show|phase: setting up the contest and running its phases.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.h"

namespace poster::app {
namespace {

struct ContestOptions {
  Common common;
  std::string actor;
  std::string change;  // open or close
  std::string phase;
  bool first_only = false;  // init: keep a config stored before
};

int Init(const ContestOptions& options) {
  if (options.common.config_path.empty()) {
    std::cerr << "poster contest init: give the contest's config with --config FILE\n";
    return kExitUsage;
  }
  std::ifstream file(options.common.config_path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) {
    ReportError(options.common,
                Status("config_invalid", "Could not read " + options.common.config_path + "."));
    return kExitUsage;
  }
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  gallery::InitMode mode =
      options.first_only ? gallery::InitMode::kFirstOnly : gallery::InitMode::kReplace;
  Status status =
      catalogue->InitContest(text.str(), options.common.config_path, options.actor, mode);
  if (status.code() == "config_invalid") {
    ReportError(options.common, status);
    return kExitUsage;
  }
  gallery::ContestConfig config = catalogue->Config();
  if (status.code() == gallery::kContestExists) {  // what --first-only asked for: not a failure
    return Finish(options.common, Status::Ok(),
                  gallery::JsonText({{"status", "kept"}, {"contest", config.name}}),
                  "contest kept: " + config.name + " (its stored config was left as it is)\n");
  }
  return Finish(options.common, status,
                gallery::JsonText({{"status", "ok"}, {"contest", config.name}}),
                "contest set up: " + config.name + "\n");
}

std::string PhaseLines(const gallery::Catalogue& catalogue,
                       const std::vector<gallery::PhaseState>& phases, bool korean) {
  std::ostringstream out;
  std::string zone = catalogue.Config().time_zone;
  for (const gallery::PhaseState& p : phases) {
    std::string start = p.window.start ? gallery::LocalTime(*p.window.start, zone)
                                       : (korean ? "(관리자가 열 때)" : "(when an admin opens it)");
    std::string end = p.window.end ? gallery::LocalTime(*p.window.end, zone)
                                   : (korean ? "(닫을 때까지)" : "(until closed)");
    out << "  " << voting::PhaseName(p.phase)
        << (p.open ? (korean ? "  [진행 중]  " : "  [open]  ") : "  ") << start << " - " << end
        << "\n";
  }
  return out.str();
}

int Show(const ContestOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::vector<gallery::PhaseState>> phases = catalogue->Phases();
  if (!phases.ok()) return Finish(options.common, phases.status(), "", "");
  gallery::ContestConfig config = catalogue->Config();
  bool korean = options.common.language() == gallery::Language::kKorean;
  std::string json =
      gallery::JsonText({{"name", config.name},
                         {"time_zone", config.time_zone},
                         {"phases", gallery::PhasesJson(*phases, config.time_zone)}});
  std::string text =
      config.name + " (" + config.time_zone + ")\n" + PhaseLines(*catalogue, *phases, korean);
  return Finish(options.common, Status::Ok(), json, text);
}

int Phase(const ContestOptions& options) {
  std::optional<voting::Phase> phase = voting::ParsePhase(options.phase);
  if (!phase || (options.change != "open" && options.change != "close")) {
    std::cerr << "poster contest phase: say open or close, then submission, review, voting, "
                 "judging or results\n";
    return kExitUsage;
  }
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  auto change =
      options.change == "open" ? gallery::PhaseChange::kOpen : gallery::PhaseChange::kClose;
  Status status = catalogue->SetPhase(*phase, change, options.actor);
  return Finish(options.common, status,
                "{\"status\":\"ok\",\"phase\":\"" + options.phase + "\",\"change\":\"" +
                    options.change + "\"}",
                options.phase + ": " + options.change + "\n");
}

}  // namespace

void AddContestCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* contest =
      app.add_subcommand("contest", "Set up the contest and open or close its phases");
  contest->require_subcommand(1);
  auto init = std::make_shared<ContestOptions>();
  CLI::App* init_command =
      contest->add_subcommand("init", "Store a config (--config FILE) as the contest's");
  AddCommonOptions(*init_command, init->common);
  AddActor(*init_command, init->actor);
  init_command->add_flag("--first-only", init->first_only,
                         "Store the config only if the contest has none yet; keep a stored one");
  init_command->callback([init, &invocation] { invocation.exit_code = Init(*init); });

  auto show = std::make_shared<ContestOptions>();
  CLI::App* show_command = contest->add_subcommand("show", "The contest and its phases");
  AddCommonOptions(*show_command, show->common);
  show_command->callback([show, &invocation] { invocation.exit_code = Show(*show); });

  auto phase = std::make_shared<ContestOptions>();
  CLI::App* phase_command =
      contest->add_subcommand("phase", "Open or close a phase now: phase open voting");
  AddCommonOptions(*phase_command, phase->common);
  AddActor(*phase_command, phase->actor);
  phase_command->add_option("change", phase->change, "open or close")->required();
  phase_command->add_option("phase", phase->phase, "submission, review, voting, judging or results")
      ->required();
  phase_command->callback([phase, &invocation] { invocation.exit_code = Phase(*phase); });
}

}  // namespace poster::app
