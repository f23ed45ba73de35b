// What the command-line tests share: a contest in a data folder of its own,
// driven through the real poster binary, and the sample files it takes in.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/test_support.h"

namespace poster::testing {

class CliContest {
 public:
  // `toml`, when given, is written to contest.toml (config()) for the test to
  // pass to `poster contest init`; without, the command's defaults hold.
  explicit CliContest(const std::string& toml = "") {
    if (!toml.empty()) WriteText(dir_ / "contest.toml", toml);
  }

  // `poster ARGS... --data FOLDER`.
  Finished operator()(std::vector<std::string> args) const {
    args.insert(args.end(), {"--data", (dir_ / "data").string()});
    return RunPoster(args);
  }
  // The first line a command prints with --json, parsed.
  nlohmann::json Json(std::vector<std::string> args) const {
    args.push_back("--json");
    Finished run = (*this)(args);
    INFO(run.err);
    return nlohmann::json::parse(run.lines().at(0));
  }

  std::string config() const { return path("contest.toml"); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

// A file of assets/samples/ (posters, roster.csv, manifest.csv).
inline std::string SampleFile(const std::string& file) {
  return (SourceDir() / "assets" / "samples" / file).string();
}

}  // namespace poster::testing
