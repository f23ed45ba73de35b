#include "tests/cli/golden_json.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "tests/support/process.h"
#include "tests/support/test_support.h"

namespace poster::testing {
namespace {

namespace fs = std::filesystem;

// Applies `change` to every string in `value`, keys excepted.
template <typename Change>
void EachString(nlohmann::json& value, const Change& change) {
  if (value.is_string()) {
    value = change(value.get<std::string>());
  } else if (value.is_structured()) {
    for (nlohmann::json& child : value) EachString(child, change);
  }
}

// Fractions to 9 significant digits, so that an optimiser's last bit (the
// sanitizer build is -O0) does not count as a change.
void RoundFractions(nlohmann::json& value) {
  if (value.is_number_float()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value.get<double>());
    value = std::strtod(text, nullptr);
  } else if (value.is_structured()) {
    for (nlohmann::json& child : value) RoundFractions(child);
  }
}

std::string ReplacePrefixes(std::string text,
                            const std::vector<std::pair<std::string, std::string>>& paths) {
  for (const auto& [prefix, placeholder] : paths) {
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
      text.replace(at, prefix.size(), placeholder);
      at += placeholder.size();
    }
  }
  return text;
}

std::string ReplaceTimes(const std::string& text) {
  static const std::regex time(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))");
  return std::regex_replace(text, time, "<time>");
}

std::string ReplaceHashes(const std::string& text) {
  static const std::regex sha256("\\b[0-9a-f]{64}\\b");
  return std::regex_replace(text, sha256, "<sha256>");
}

fs::path GoldenDir() { return SourceDir() / "tests" / "cli" / "golden"; }

}  // namespace

nlohmann::json Normaliser::Content(nlohmann::json value) const {
  EachString(value,
             [&](const std::string& text) { return ReplaceTimes(ReplacePrefixes(text, paths)); });
  RoundFractions(value);
  return value;
}

nlohmann::json Normaliser::Log(nlohmann::json value) const {
  value = Content(std::move(value));
  EachString(value, ReplaceHashes);
  return value;
}

void CheckGolden(const std::string& name, const nlohmann::json& actual) {
  std::string text = actual.dump(2, ' ', false) + "\n";
  fs::path golden = GoldenDir() / name;
  const char* update = std::getenv("POSTER_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    WriteText(golden, text);
    WARN("rewrote " << golden.string());
    return;
  }
  fs::path written = fs::current_path() / "golden-actual" / name;
  fs::create_directories(written.parent_path());
  WriteText(written, text);
  if (fs::exists(golden) && ReadText(golden) == text) return;
  Finished diff = RunProgram({"/usr/bin/diff", "-u", golden.string(), written.string()});
  FAIL("the JSON differs from the golden case " << golden.string() << ":\n"
                                                << diff.out << diff.err
                                                << "\nIf the change is meant, regenerate it: "
                                                   "POSTER_UPDATE_GOLDEN=1 "
                                                   "build/tests/cli/cli_tests \"[golden]\"");
}

}  // namespace poster::testing
