// The `poster` command's subcommands (app/ only parses arguments and prints;
// everything a test would want to reach lives in the modules).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "gallery/gallery.h"

namespace poster::app {

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;  // some input was refused, or a check found problems
inline constexpr int kExitUsage = 2;     // bad arguments or config

// Options every subcommand understands.
struct Common {
  std::string data_dir = "poster-data";
  std::string database;     // empty: SQLite in the data folder; or postgresql://...
  std::string config_path;  // empty: the embedded default
  bool json = false;
  std::string lang = "ko";

  gallery::Language language() const {
    return lang == "en" ? gallery::Language::kEnglish : gallery::Language::kKorean;
  }
};

// Adds --data, --config, --json and --lang to `command`.
void AddCommonOptions(CLI::App& command, Common& common);

// The config named by --config, or the default; prints the error and returns
// nothing when it is invalid.
std::optional<gallery::ContestConfig> LoadConfigOrReport(const Common& common);

// Opens the catalogue of --data; prints the error and returns nothing on failure.
std::optional<gallery::Catalogue> OpenOrReport(const Common& common);
// False, after saying why, when --config was given to a command that follows
// the contest's stored config (ingest, serve).
bool RefuseConfigOption(const Common& common, std::string_view command);
// The same for commands that only read: nothing in the folder is written, so
// a read-only copy or a full disk can still be inspected.
std::optional<gallery::Catalogue> OpenForReading(const Common& common);

// Prints a failed Status to stderr (or as JSON to stdout with --json).
void ReportError(const Common& common, const Status& status);

// Prints the outcome of an action and returns its exit status: the error and 1
// when `status` failed, else `json` (with --json) or `text`, and 0.
int Finish(const Common& common, const Status& status, const std::string& json,
           const std::string& text);

// Adds --as: who acts (an employee id from the roster); the machine's operator,
// who holds every role, when omitted.
void AddActor(CLI::App& command, std::string& actor);

// This run of the program: the exit status a subcommand sets.
struct Invocation {
  int exit_code = kExitOk;
};

// Each registers its subcommand on `app`; its callback sets invocation.exit_code.
void AddIngestCommand(CLI::App& app, Invocation& invocation);
void AddShowCommand(CLI::App& app, Invocation& invocation);
void AddFsckCommand(CLI::App& app, Invocation& invocation);
void AddConfigCommand(CLI::App& app, Invocation& invocation);
void AddContestCommand(CLI::App& app, Invocation& invocation);
void AddRosterCommand(CLI::App& app, Invocation& invocation);
void AddReviewCommands(CLI::App& app, Invocation& invocation);  // review ..., entry ...
void AddVoteCommand(CLI::App& app, Invocation& invocation);
// vote report, void, receipts, check (issue 11; vote_integrity_command.cc), under `vote`
void AddVoteIntegrityCommands(CLI::App& vote, Invocation& invocation);
void AddJudgeCommand(CLI::App& app, Invocation& invocation);
void AddResultsCommands(CLI::App& app, Invocation& invocation);  // results, announce
void AddAuditCommands(CLI::App& app, Invocation& invocation);    // audit verify, audit head
void AddServeCommand(CLI::App& app, Invocation& invocation);
void AddUsersCommand(CLI::App& app, Invocation& invocation);
void AddExportCommand(CLI::App& app, Invocation& invocation);
void AddMailCommand(CLI::App& app, Invocation& invocation);     // mail send
void AddBackupCommands(CLI::App& app, Invocation& invocation);  // backup, restore (issue 13)
void AddMigrateCommand(CLI::App& app,
                       Invocation& invocation);  // migrate --to PostgreSQL (issue 13)
void AddPrivacyCommand(CLI::App& app, Invocation& invocation);  // privacy purge (issue 13)
void AddAwardCommand(CLI::App& app, Invocation& invocation);    // award revoke
void AddFinalCommand(CLI::App& app, Invocation& invocation);    // final open|show|next|answer|close

}  // namespace poster::app
