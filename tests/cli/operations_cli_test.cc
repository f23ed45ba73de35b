// The IT team's commands (issue 13, docs/operations.md): poster backup while
// other processes vote, poster restore and its audit, poster privacy purge.
#include <sys/wait.h>

#include <thread>

#include "tests/cli/cli_contest.h"
#include "tests/support/test_database.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

constexpr int kVoters = 24;

// A contest with three approved posters, voting open, and kVoters staff.
struct VotingContest : CliContest {
  VotingContest()
      : CliContest(
            "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = \"contest\"\n") {
    CliContest& contest = *this;
    REQUIRE(contest({"contest", "init", "--config", contest.config()}).exit_code == 0);
    std::string csv =
        "employee_id,name,department,email,roles\nA1,관리자,총무과,a1@city.go.kr,admin\n";
    for (int i = 1; i <= kVoters; ++i)
      csv += "S" + std::to_string(100 + i) + ",직원" + std::to_string(i) + ",세정과,s" +
             std::to_string(i) + "@city.go.kr,employee\n";
    csv += "E1,작가,민원과,,employee\n";
    WriteText(contest.dir() / "staff.csv", csv);
    REQUIRE(contest({"roster", "import", contest.path("staff.csv")}).exit_code == 0);
    for (const char* poster :
         {"01-citizen-happiness.png", "02-balanced-growth.jpg", "03-world-class-city.webp"})
      REQUIRE(contest({"ingest", "--author", "E1", "--theme", "시민행복", SampleFile(poster)})
                  .exit_code == 0);
    for (const char* entry : {"1", "2", "3"})
      REQUIRE(contest({"review", "approve", entry}).exit_code == 0);
    REQUIRE(contest({"contest", "phase", "open", "voting"}).exit_code == 0);
  }
};

}  // namespace

TEST_CASE(
    "poster backup taken while other processes vote restores with poster restore, whose "
    "audit agrees",
    "[cli][operations][sqlite]") {
  VotingContest contest;
  std::atomic<int> cast{0};
  std::vector<std::thread> voters;
  for (int t = 0; t < 3; ++t) {
    voters.emplace_back([&, t] {
      for (int i = 1 + t; i <= kVoters; i += 3)
        for (const char* entry : {"1", "2", "3"})
          if (contest({"vote", "cast", entry, "--as", "S" + std::to_string(100 + i)}).exit_code ==
              0)
            ++cast;
    });
  }
  while (cast < 10) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  nlohmann::json backup = contest.Json({"backup", contest.path("backup")});
  for (std::thread& voter : voters) voter.join();
  CHECK(cast == kVoters * 3);
  REQUIRE(backup["status"] == "ok");
  CHECK(backup["blobs"].get<int>() >= 3 * 4);  // each original and its derived images

  TempDir elsewhere;
  Finished restored = RunPoster(
      {"restore", contest.path("backup"), "--data", (elsewhere / "data").string(), "--lang", "en"});
  INFO(restored.out << restored.err);
  CHECK(restored.exit_code == 0);
  CHECK(restored.out.find("audit: the log, the tables and the tally agree") != std::string::npos);
  Finished verify =
      RunPoster({"audit", "verify", "--data", (elsewhere / "data").string(), "--json"});
  nlohmann::json report = nlohmann::json::parse(verify.lines().at(0));
  CHECK(verify.exit_code == 0);
  CHECK(report["votes_replayed"].get<int>() >= 10);
  CHECK(report["votes_replayed"].get<int>() <= kVoters * 3);
  // The source went on taking every vote.
  CHECK(contest.Json({"audit", "verify"})["votes_replayed"] == kVoters * 3);
}

TEST_CASE(
    "poster backup and restore refuse a folder that holds files, and restore a damaged "
    "backup not at all",
    "[cli][operations][sqlite]") {
  VotingContest contest;
  fs::create_directories(contest.dir() / "used");
  WriteText(contest.dir() / "used" / "note.txt", "keep");
  Finished refused = contest({"backup", contest.path("used"), "--lang", "en"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("target_not_empty") != std::string::npos);

  REQUIRE(contest({"backup", contest.path("backup")}).exit_code == 0);
  Finished over = RunPoster({"restore", contest.path("backup"), "--data", contest.path("data")});
  CHECK(over.exit_code == 1);
  CHECK(over.err.find("target_not_empty") != std::string::npos);

  WriteText(contest.dir() / "backup" / "contest.db", "SQLite format 3 but not really");
  TempDir elsewhere;
  Finished damaged = RunPoster(
      {"restore", contest.path("backup"), "--data", (elsewhere / "data").string(), "--json"});
  CHECK(damaged.exit_code == 1);
  nlohmann::json answer = nlohmann::json::parse(damaged.lines().at(0));
  CHECK(answer["code"] == "backup_invalid");
  CHECK(answer["message"].get<std::string>().find("contest.db") != std::string::npos);
  CHECK_FALSE(fs::exists(elsewhere / "data"));
}

TEST_CASE("poster backup of a catalogue in PostgreSQL points to pg_dump and copies nothing",
          "[cli][operations]") {
  VotingContest contest;
  Finished backup = contest({"backup", contest.path("backup"), "--json"});
  if (!OnPostgres()) {
    CHECK(backup.exit_code == 0);  // SQLite: the copy the tests above take apart
    return;
  }
  CHECK(backup.exit_code == 1);
  nlohmann::json answer = nlohmann::json::parse(backup.lines().at(0));
  CHECK(answer["code"] == "store_failed");
  CHECK(answer["message"].get<std::string>().find("pg_dump로 백업하고") != std::string::npos);
  Finished english = contest({"backup", contest.path("backup"), "--lang", "en"});
  CHECK(english.err.find("back it up with pg_dump") != std::string::npos);
  CHECK_FALSE(fs::exists(contest.dir() / "backup"));
}

TEST_CASE(
    "poster privacy purge counts with --dry-run, purges only as an admin, and the audit "
    "still agrees after it",
    "[cli][operations]") {
  VotingContest contest;
  REQUIRE(contest({"vote", "cast", "1", "--as", "S101"}).exit_code == 0);
  nlohmann::json dry = contest.Json({"privacy", "purge", "--dry-run"});
  CHECK(dry["dry_run"] == true);
  CHECK(dry["retention_over"] == false);
  CHECK(dry["removed"].contains("expired_sessions"));
  CHECK_FALSE(dry["removed"].contains("emails"));  // kept until the retention has passed
  Finished refused = contest({"privacy", "purge", "--as", "S101", "--json"});
  CHECK(refused.exit_code == 1);
  CHECK(nlohmann::json::parse(refused.lines().at(0))["code"] == "not_permitted");
  CHECK(contest({"privacy", "purge", "--as", "A1"}).exit_code == 0);
  CHECK(contest({"audit", "verify"}).exit_code == 0);
}
