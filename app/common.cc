#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {

void AddCommonOptions(CLI::App& command, Common& common) {
  command.add_option("--data", common.data_dir, "Data folder (contest.db and blobs/)")
      ->capture_default_str();
  command
      .add_option("--database", common.database,
                  "PostgreSQL URL (postgresql://user@host/db) instead of contest.db; the files "
                  "stay in --data's blobs/")
      ->envname("POSTER_DATABASE");
  command.add_option("--config", common.config_path,
                     "Contest config (TOML); default: the built-in one");
  command.add_flag("--json", common.json, "Print JSON, one object per line");
  command.add_option("--lang", common.lang, "Language of messages: ko or en")
      ->check(CLI::IsMember({"ko", "en"}))
      ->capture_default_str();
}

void ReportError(const Common& common, const Status& status) {
  if (common.json) {
    nlohmann::json out = {{"status", "error"},
                          {"code", status.code()},
                          {"message", gallery::Localize(status, common.language())}};
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cerr << "poster: " << status.code() << ": " << gallery::Localize(status, common.language())
              << "\n";
  }
}

int Finish(const Common& common, const Status& status, const std::string& json,
           const std::string& text) {
  if (!status.ok()) {
    ReportError(common, status);
    return kExitRejected;
  }
  std::cout << (common.json ? json + "\n" : text);
  return kExitOk;
}

void AddActor(CLI::App& command, std::string& actor) {
  actor = "operator";
  command.add_option("--as", actor,
                     "Who acts: an employee id on the roster (default: the machine's operator)");
}

std::optional<gallery::ContestConfig> LoadConfigOrReport(const Common& common) {
  if (common.config_path.empty()) return gallery::DefaultConfig();
  Result<gallery::ContestConfig> config = gallery::LoadConfig(common.config_path);
  if (!config.ok()) {
    ReportError(common, config.status());
    return std::nullopt;
  }
  return *config;
}

namespace {

std::optional<gallery::Catalogue> OrReport(const Common& common,
                                           Result<gallery::Catalogue> catalogue) {
  if (!catalogue.ok()) {
    ReportError(common, catalogue.status());
    return std::nullopt;
  }
  return std::move(*catalogue);
}

}  // namespace

bool RefuseConfigOption(const Common& common, std::string_view command) {
  if (common.config_path.empty()) return true;
  std::cerr << "poster " << command
            << ": --config is not taken here: uploads follow the contest's stored config "
               "([ingest] included). Store a new one with `poster contest init --config "
            << common.config_path << "`, or check a file with `poster config check`.\n";
  return false;
}

std::optional<gallery::Catalogue> OpenOrReport(const Common& common) {
  return OrReport(common,
                  gallery::Catalogue::Open(common.data_dir, gallery::Catalogue::DefaultClock(),
                                           common.database));
}

std::optional<gallery::Catalogue> OpenForReading(const Common& common) {
  return OrReport(common,
                  gallery::Catalogue::OpenForReading(
                      common.data_dir, gallery::Catalogue::DefaultClock(), common.database));
}

}  // namespace poster::app
