// kill -9 in the middle of a real ingest: the catalogue stays consistent, fsck
// removes the debris, and running the same ingest again finishes the job.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/synth.h"
#include "tests/support/test_support.h"

using namespace poster::testing;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("an ingest killed mid-way leaves a consistent catalogue", "[cli][crash]") {
  TempDir dir;
  fs::create_directories(dir / "in");
  constexpr int kPosters = 16;
  for (int i = 0; i < kPosters; ++i) {
    poster::synth::PosterSpec spec;
    spec.seed = 100 + uint32_t(i);
    spec.width = 1240;
    spec.height = 1754;
    WriteBytes(dir / "in" / ("p" + std::to_string(i) + ".png"),
               poster::synth::Encode(poster::synth::DrawPoster(spec), ".png"));
  }
  std::string data = (dir / "data").string();
  for (int delay_ms : {150, 400, 700, 1000}) {
    pid_t child = StartPoster({"ingest", "--data", data, "--jobs", "2", (dir / "in").string()});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);

    Finished repair = RunPoster({"fsck", "--data", data, "--repair", "--json"});
    INFO(repair.out << repair.err);
    REQUIRE(repair.exit_code == 0);
    json report = json::parse(repair.out);
    CHECK(report["missing_blobs"].empty());
    CHECK(report["database_errors"].empty());
    CHECK(json::parse(RunPoster({"fsck", "--data", data, "--json"}).out)["clean"] == true);
  }
  // Whatever made it in is whole; running again takes in the rest, once each.
  Finished rest = RunPoster({"ingest", "--data", data, "--json", (dir / "in").string()});
  int accepted = 0, duplicates = 0;
  for (const std::string& line : rest.lines()) {
    json result = json::parse(line);
    if (result["status"] == "accepted") ++accepted;
    if (result.value("code", "") == "duplicate") ++duplicates;
  }
  CHECK(accepted + duplicates == kPosters);
  for (int id = 1; id <= kPosters; ++id) {
    Finished show = RunPoster({"show", "--data", data, "--json", std::to_string(id)});
    REQUIRE(show.exit_code == 0);
    json entry = json::parse(show.out);
    for (const json& thumbnail : entry["thumbnails"]) {
      CHECK(fs::exists(thumbnail["path"].get<std::string>()));
    }
  }
  CHECK(RunPoster({"show", "--data", data, std::to_string(kPosters + 1)}).exit_code == 1);
}
