// startup_bench: how long a `poster` command takes from exec to exit when it
// touches no image (issue 14, goal 2: under 20 ms), beside the floor of
// starting any process on this machine (/bin/true), both pinned to one core.
//
//   startup_bench [--runs N]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/measure.h"

namespace fs = std::filesystem;
using namespace poster;

namespace {

double MedianMs(const std::vector<std::string>& command, int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    bench::Measured run = bench::RunPinned({command}, "0", {}, false, false);
    if (!run.ok) {
      std::string line;
      for (const std::string& arg : command) line += arg + " ";
      std::fprintf(stderr, "startup_bench: failed: %s\n", line.c_str());
      std::exit(1);
    }
    ms.push_back(run.seconds * 1e3);
  }
  return bench::Median(ms);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 40;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  fs::path data = fs::temp_directory_path() / "poster-bench-startup";
  fs::remove_all(data);
  const std::string poster = POSTER_BINARY, folder = data.string();
  MedianMs({poster, "results", "--data", folder}, 1);  // creates the catalogue
  std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"/bin/true (the floor: fork, exec, exit)", {"/bin/true"}},
      {"poster --version", {poster, "--version"}},
      {"poster contest show", {poster, "contest", "show", "--data", folder}},
      {"poster roster list", {poster, "roster", "list", "--data", folder}},
      {"poster results", {poster, "results", "--data", folder}},
      {"poster audit verify", {poster, "audit", "verify", "--data", folder}},
  };
  std::printf("poster start-up, pinned to one core, median of %d runs (goal: under 20 ms)\n\n",
              runs);
  std::printf("| command | median ms | over the floor |\n|---|---:|---:|\n");
  double floor = 0;
  for (const auto& [name, command] : commands) {
    double ms = MedianMs(command, runs);
    if (floor == 0) floor = ms;
    std::printf("| %s | %.1f | +%.1f |\n", name.c_str(), ms, ms - floor);
  }
  fs::remove_all(data);
  return 0;
}
