// Golden JSON files (tests/cli/golden/): normalising what varies between runs,
// and comparing with a diff, or rewriting them when POSTER_UPDATE_GOLDEN=1.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace poster::testing {

struct Normaliser {
  // Each prefix (a temp folder, the checkout) and the placeholder it becomes.
  std::vector<std::pair<std::string, std::string>> paths;

  // Content-addressed output (entries, their files): paths become placeholders
  // and times "<time>"; hashes of the bytes are stable and stay. Fractions are
  // kept to 9 significant digits.
  nlohmann::json Content(nlohmann::json value) const;
  // Output that hashes the log or the clock (results, audit): as Content, and
  // every SHA-256 in hex becomes "<sha256>".
  nlohmann::json Log(nlohmann::json value) const;
};

// Compares `actual` with tests/cli/golden/NAME, failing with a unified diff and
// the command that regenerates the file; with POSTER_UPDATE_GOLDEN=1 it writes
// the file instead.
void CheckGolden(const std::string& name, const nlohmann::json& actual);

}  // namespace poster::testing
