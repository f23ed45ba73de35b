// The data folder as an operator meets it on a bad day: one config for every
// upload path, a read-only copy, a foreign database, a full disk.
#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/synth.h"
#include "tests/support/test_support.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string Data(const TempDir& dir) { return (dir / "data").string(); }

// A 600 x 849 poster: the default minimum short side (800 px) refuses it, a
// contest with 500 accepts it.
fs::path SmallPoster(const TempDir& dir, uint32_t seed) {
  synth::PosterSpec spec;
  spec.seed = seed;
  spec.width = 600;
  spec.height = 849;
  fs::path file = dir / ("small-" + std::to_string(seed) + ".png");
  synth::Bytes png = synth::Encode(synth::DrawPoster(spec), ".png");
  WriteText(file, std::string(png.begin(), png.end()));
  return file;
}

json Line(const Finished& run) {
  INFO(run.out << run.err);
  return json::parse(run.lines().at(0));
}

// A contest whose stored [ingest] lowers the minimum short side to 500 px.
void InitSmallPosterContest(const TempDir& dir) {
  WriteText(dir / "contest.toml",
            "[phases.submission]\nstart = \"contest\"\n[ingest]\nmin_short_side = 500\n");
  REQUIRE(RunPoster(
              {"contest", "init", "--data", Data(dir), "--config", (dir / "contest.toml").string()})
              .exit_code == 0);
}

}  // namespace

TEST_CASE("the stored [ingest] settings govern ingest and entry replace alike", "[cli][store]") {
  TempDir dir;
  // Before the contest's config is stored, the built-in minimum (800 px) holds.
  Finished refused = RunPoster({"ingest", "--data", Data(dir), "--json", SmallPoster(dir, 1)});
  CHECK(Line(refused)["code"] == "dimensions_too_small");
  InitSmallPosterContest(dir);
  Finished accepted = RunPoster({"ingest", "--data", Data(dir), "--json", SmallPoster(dir, 1)});
  REQUIRE(accepted.exit_code == 0);
  Finished replaced = RunPoster(
      {"entry", "replace", "1", SmallPoster(dir, 2).string(), "--data", Data(dir), "--json"});
  CHECK(replaced.exit_code == 0);
  CHECK(Line(replaced)["source"] == "small-2.png");
}

TEST_CASE("an exact duplicate is refused before it is decoded, naming the entry", "[cli][store]") {
  TempDir dir;
  InitSmallPosterContest(dir);
  fs::path poster = SmallPoster(dir, 3);
  REQUIRE(RunPoster({"ingest", "--data", Data(dir), poster.string()}).exit_code == 0);
  Finished again = RunPoster({"ingest", "--data", Data(dir), "--json", poster.string()});
  json line = Line(again);
  CHECK(line["code"] == "duplicate");
  CHECK(line["details"]["entry"] == "1");
}

// Runs `script` in a mount namespace of its own, so the tmpfs it mounts goes
// when it ends. Root only (CI runs as root); nothing when not root.
std::optional<Finished> InMountNamespace(const std::string& script) {
  if (::geteuid() != 0) {
    WARN("needs root for a tmpfs in a mount namespace; not run");
    return std::nullopt;
  }
  return RunProgram(
      {"/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script});
}

// Shell lines running each reading command on data folder $D, printing NAME=EXIT.
std::string ReadingCommands() {
  std::string lines;
  for (const char* command : {"show 1", "fsck", "audit verify", "audit head", "review list",
                              "contest show", "roster list", "judge list"}) {
    lines += "$P " + std::string(command) + " --data $D >/dev/null; echo \"" + command + "=$?\"; ";
  }
  return lines;
}

// Mounts a small tmpfs at DIR/mnt holding a copy of DIR/data as $D, with $P the binary.
std::string TmpfsCopy(const TempDir& dir, const std::string& size) {
  fs::path mnt = dir / "mnt";
  return "set -e; mkdir -p " + mnt.string() + "; mount -t tmpfs -o size=" + size + " tmpfs " +
         mnt.string() + "; cp -a " + Data(dir) + " " + (mnt / "data").string() +
         "; P=" + PosterBinary() + "; D=" + (mnt / "data").string() + "; ";
}

TEST_CASE("a read-only copy of a data folder can still be inspected", "[cli][store][sqlite]") {
  TempDir dir;
  InitSmallPosterContest(dir);
  REQUIRE(RunPoster({"ingest", "--data", Data(dir), SmallPoster(dir, 4).string()}).exit_code == 0);
  std::optional<Finished> run = InMountNamespace(
      TmpfsCopy(dir, "64m") + "mount -o remount,ro " + (dir / "mnt").string() + "; set +e; " +
      ReadingCommands() + "$P review approve 1 --data $D --json; echo \"write=$?\"");
  if (!run) return;
  INFO(run->out << run->err);
  for (const char* command : {"show 1=0", "fsck=0", "audit verify=0", "audit head=0",
                              "review list=0", "contest show=0", "roster list=0", "judge list=0"})
    CHECK_THAT(run->out, Catch::Contains(command));
  CHECK_THAT(run->out, !Catch::Contains("write=0"));  // a write fails, with its reason
}

TEST_CASE("a foreign SQLite file is left exactly as it was", "[cli][store][sqlite]") {
  TempDir dir;
  fs::create_directories(dir / "data");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "data" / "contest.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE payroll (id INTEGER); INSERT INTO payroll VALUES (1);",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  std::string before = ReadText(dir / "data" / "contest.db");
  for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
           {"show", "1"}, {"fsck"}, {"ingest", SmallPoster(dir, 5).string()}}) {
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--data", Data(dir), "--json", "--lang", "en"});
    Finished run = RunPoster(args);
    INFO(run.out << run.err);
    CHECK(run.exit_code != 0);
    CHECK_THAT(run.out + run.err, Catch::Contains("not a poster catalogue"));
  }
  CHECK(ReadText(dir / "data" / "contest.db") == before);  // journal mode and all
  CHECK_FALSE(fs::exists(dir / "data" / "contest.db-wal"));
}

TEST_CASE("on a full disk, reading commands still answer and writes say disk_full",
          "[cli][store][sqlite]") {
  TempDir dir;
  InitSmallPosterContest(dir);
  REQUIRE(RunPoster({"ingest", "--data", Data(dir), SmallPoster(dir, 6).string()}).exit_code == 0);
  fs::path next = SmallPoster(dir, 7);
  std::optional<Finished> run = InMountNamespace(
      TmpfsCopy(dir, "8m") + "dd if=/dev/zero of=" + (dir / "mnt" / "filler").string() +
      " bs=64k 2>/dev/null || true; set +e; " + ReadingCommands() +
      "$P ingest --data $D --json --lang en " + next.string() + "; echo \"ingest=$?\"");
  if (!run) return;
  INFO(run->out << run->err);
  for (const char* command : {"show 1=0", "fsck=0", "audit verify=0", "contest show=0"})
    CHECK_THAT(run->out, Catch::Contains(command));
  CHECK_THAT(run->out, Catch::Contains("\"code\":\"disk_full\"") && !Catch::Contains("ingest=0"));
}
