// poster: runs an AI poster contest. This file only wires the subcommands.
#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  using namespace poster::app;
  CLI::App app("poster: an AI poster contest, end to end", "poster");
  app.require_subcommand(1);
  app.set_version_flag("--version", "poster 0.1.0");
  Invocation invocation{kExitOk};
  AddIngestCommand(app, invocation);
  AddShowCommand(app, invocation);
  AddFsckCommand(app, invocation);
  AddConfigCommand(app, invocation);
  AddContestCommand(app, invocation);
  AddRosterCommand(app, invocation);
  AddReviewCommands(app, invocation);
  AddVoteCommand(app, invocation);
  AddJudgeCommand(app, invocation);
  AddResultsCommands(app, invocation);
  AddAuditCommands(app, invocation);
  AddServeCommand(app, invocation);
  AddUsersCommand(app, invocation);
  AddExportCommand(app, invocation);
  AddMailCommand(app, invocation);
  AddBackupCommands(app, invocation);
  AddMigrateCommand(app, invocation);
  AddPrivacyCommand(app, invocation);
  AddAwardCommand(app, invocation);
  AddFinalCommand(app, invocation);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitUsage;
  }
  return invocation.exit_code;
}
