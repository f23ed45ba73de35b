// poster backup and restore (issue 13): a copy taken while votes pour in is a
// whole contest that verifies; a damaged or foreign backup is refused and
// nothing is written.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <thread>

#include "tests/gallery/contest_fixture.h"

namespace poster::testing {
namespace {
namespace fs = std::filesystem;

constexpr int kVoters = 200;
constexpr int kThreads = 4;

// Adds kVoters staff (B001...) to the contest's roster.
void AddVoters(Contest& contest) {
  std::string csv = "employee_id,name,department,email,roles\n";
  for (int i = 1; i <= kVoters; ++i) {
    std::string id = "B" + std::to_string(1000 + i);
    csv += id + ",직원" + std::to_string(i) + ",세정과," + id + "@city.go.kr,employee\n";
  }
  WriteText(contest.dir() / "voters.csv", csv);
  REQUIRE(contest.catalogue().ImportRoster(contest.dir() / "voters.csv", "operator").ok());
}

struct Burst {
  std::atomic<int> cast{0};
  std::atomic<int> failed{0};
};

// Each thread's voters cast three votes each, one transaction a vote.
void CastVotes(gallery::Catalogue& catalogue, const std::vector<int64_t>& entries, int thread,
               Burst& burst) {
  for (int i = 1 + thread; i <= kVoters; i += kThreads) {
    std::string voter = "B" + std::to_string(1000 + i);
    for (int k = 0; k < 3; ++k) {
      bool ok = catalogue.CastVote(voter, entries[size_t((i + k) % int(entries.size()))]).ok();
      ++(ok ? burst.cast : burst.failed);
    }
  }
}

struct Voted {
  Contest contest;
  std::vector<int64_t> entries;
  Voted() {
    AddVoters(contest);
    for (uint32_t seed = 1; seed <= 4; ++seed)
      entries.push_back(contest.SubmitApproved(seed % 2 ? "E1" : "E2", seed));
    contest.clock().Set(KoreaTime(17, 10));
  }
};

}  // namespace

TEST_CASE("a backup taken during a burst of votes restores to a contest whose audit verifies",
          "[backup][sqlite]") {
  Voted voted;
  gallery::Catalogue& catalogue = voted.contest.catalogue();
  Burst burst;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] { CastVotes(catalogue, voted.entries, t, burst); });
  while (burst.cast < 100) std::this_thread::yield();
  Result<gallery::BackupReport> backup = catalogue.Backup(voted.contest.dir() / "backup");
  int cast_by_then = burst.cast;
  for (std::thread& thread : threads) thread.join();
  REQUIRE(backup.ok());
  CHECK(burst.failed == 0);
  CHECK(backup->blobs > 4);  // every original and its derived images

  TempDir elsewhere;
  Result<gallery::BackupReport> restored =
      gallery::RestoreBackup(voted.contest.dir() / "backup", elsewhere / "data");
  REQUIRE(restored.ok());
  CHECK(restored->head.seq == backup->head.seq);
  Result<gallery::Catalogue> copy = gallery::Catalogue::Open(elsewhere / "data");
  REQUIRE(copy.ok());
  Result<gallery::AuditReport> audit = copy->VerifyAudit(backup->head);
  REQUIRE(audit.ok());
  INFO((audit->problems.empty() ? "" : audit->problems.front()));
  CHECK(audit->chain_intact);
  CHECK(audit->problems.empty());
  // A snapshot from the middle of the burst: at least what was cast before it began.
  CHECK(audit->votes_replayed >= 100);
  CHECK(audit->votes_replayed <= kVoters * 3);
  INFO("votes cast when the backup returned: " << cast_by_then);
  Result<gallery::FsckReport> fsck = copy->Fsck(gallery::FsckMode::kReport);
  REQUIRE(fsck.ok());
  CHECK(fsck->clean());
  // The source goes on: every vote of the burst is there.
  Result<gallery::AuditReport> source = catalogue.VerifyAudit();
  REQUIRE(source.ok());
  CHECK(source->votes_replayed == kVoters * 3);
}

TEST_CASE("a backup or restore into a folder that holds files is refused with target_not_empty",
          "[backup][sqlite]") {
  Voted voted;
  gallery::Catalogue& catalogue = voted.contest.catalogue();
  fs::create_directories(voted.contest.dir() / "full");
  WriteText(voted.contest.dir() / "full" / "keep.txt", "mine");
  Result<gallery::BackupReport> backup = catalogue.Backup(voted.contest.dir() / "full");
  REQUIRE_FALSE(backup.ok());
  CHECK(backup.status().code() == "target_not_empty");
  CHECK(ReadText(voted.contest.dir() / "full" / "keep.txt") == "mine");

  REQUIRE(catalogue.Backup(voted.contest.dir() / "backup").ok());
  Result<gallery::BackupReport> over =
      gallery::RestoreBackup(voted.contest.dir() / "backup", voted.contest.dir() / "data");
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().code() == "target_not_empty");
  CHECK(catalogue.VerifyAudit()->problems.empty());
}

TEST_CASE(
    "a damaged backup is refused with backup_invalid naming the file, and nothing is restored",
    "[backup][sqlite]") {
  Voted voted;
  fs::path backup = voted.contest.dir() / "backup";
  REQUIRE(voted.contest.catalogue().Backup(backup).ok());
  TempDir elsewhere;
  auto refused = [&](const std::string& fault) -> std::string {
    Result<gallery::BackupReport> restored = gallery::RestoreBackup(backup, elsewhere / "data");
    REQUIRE_FALSE(restored.ok());
    CHECK(restored.status().code() == "backup_invalid");
    CHECK(restored.status().detail("backup_fault") == fault);
    CHECK_FALSE(fs::exists(elsewhere / "data"));
    return std::string(restored.status().detail("file"));
  };
  SECTION("a blob changed by one byte") {
    fs::path blob;
    for (const auto& file : fs::recursive_directory_iterator(backup / "blobs" / "originals"))
      if (file.is_regular_file()) blob = file.path();
    std::fstream(blob, std::ios::in | std::ios::out | std::ios::binary).put('X');
    CHECK(refused("changed") == fs::relative(blob, backup).string());
  }
  SECTION("the catalogue missing") {
    fs::remove(backup / "contest.db");
    CHECK(refused("missing") == "contest.db");
  }
  SECTION("a manifest that points outside the backup") {
    std::string manifest = ReadText(backup / "backup.json");
    size_t at = manifest.find("\"blobs/");
    manifest.replace(at, 7, "\"../../");
    WriteText(backup / "backup.json", manifest);
    CHECK(refused("outside").rfind("../../", 0) == 0);
  }
  SECTION("a blob the catalogue names, left out of the manifest") {
    nlohmann::json manifest = nlohmann::json::parse(ReadText(backup / "backup.json"));
    manifest["files"].erase(manifest["files"].size() - 1);
    WriteText(backup / "backup.json", manifest.dump());
    CHECK(refused("incomplete").rfind("blobs/", 0) == 0);
  }
  SECTION("a folder that is not a backup") {
    fs::remove(backup / "backup.json");
    CHECK(refused("missing") == "backup.json");
  }
  SECTION("a manifest that is not JSON") {
    WriteText(backup / "backup.json", "=HYPERLINK(\"http://evil\")");
    CHECK(refused("not_manifest") == "backup.json");
  }
}

}  // namespace poster::testing
