// Migrations on data folders that earlier poster builds wrote themselves
// (tests/gallery/fixtures/schema-vN/, README.md there says which commit): each
// opens with today's catalogue, reaches the current schema, and still holds
// what its users put in, with a clean audit log and fsck.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "gallery/gallery.h"
#include "gallery/store/schema.h"
#include "tests/support/test_support.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

fs::path Fixture(int version) {
  return SourceDir() / "tests" / "gallery" / "fixtures" / ("schema-v" + std::to_string(version));
}

int UserVersion(const fs::path& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  int version = sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return version;
}

// The columns of index `name`, in order, joined by commas.
std::string IndexColumns(const fs::path& db_path, const std::string& name) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  std::string sql = "SELECT name FROM pragma_index_info('" + name + "') ORDER BY seqno";
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::string columns;
  while (sqlite3_step(statement) == SQLITE_ROW)
    columns += (columns.empty() ? "" : ",") +
               std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return columns;
}

// A copy of fixture `version`, opened by today's code.
struct Migrated {
  explicit Migrated(int version) {
    REQUIRE(fs::is_directory(Fixture(version)));
    fs::copy(Fixture(version), dir / "data", fs::copy_options::recursive);
    REQUIRE(UserVersion(dir / "data" / "contest.db") == version);
    Result<gallery::Catalogue> opened = gallery::Catalogue::Open(dir / "data");
    INFO(opened.status().message());
    REQUIRE(opened.ok());
    catalogue.emplace(std::move(*opened));
  }
  TempDir dir;
  std::optional<gallery::Catalogue> catalogue;
};

void CheckEntries(const gallery::Catalogue& catalogue, const std::string& status) {
  Result<gallery::Entry> first = catalogue.Get(1);
  REQUIRE(first.ok());
  CHECK(first->submission.title == "모두가 누리는 균형발전");
  CHECK(first->submission.author == "E1001");
  CHECK(first->format == ingest::Format::kJpeg);
  CHECK(first->status == status);
  CHECK(fs::exists(first->original));
  Result<gallery::Entry> second = catalogue.Get(2);
  REQUIRE(second.ok());
  CHECK(second->submission.title == "데이터로 그리는 초일류도시");
  CHECK(second->submission.ai_tools == "ChatGPT (DALL·E 3)");
  CHECK(second->format == ingest::Format::kWebp);
  CHECK(second->derivatives.size() == first->derivatives.size());
  CHECK_FALSE(catalogue.Get(3).ok());
}

void CheckContest(const gallery::Catalogue& catalogue) {
  Result<std::vector<gallery::PersonRecord>> roster = catalogue.Roster();
  REQUIRE(roster.ok());
  REQUIRE(roster->size() == 5);
  CHECK(roster->front().id == "A0001");
  CHECK(roster->front().name == "김관리");
  Result<gallery::Ballot> ballot = catalogue.BallotOf("E1001");
  REQUIRE(ballot.ok());
  CHECK(ballot->entries == std::vector<int64_t>{2});
  Result<gallery::Ballot> other = catalogue.BallotOf("E1002");
  REQUIRE(other.ok());
  CHECK(other->entries == std::vector<int64_t>{1});
  Result<std::vector<gallery::JudgeTask>> tasks = catalogue.JudgeTasks("J0001");
  REQUIRE(tasks.ok());
  REQUIRE(tasks->size() == 2);  // in J0001's own order (docs/tally.md), entry 1 scored
  for (const gallery::JudgeTask& task : *tasks) {
    if (task.entry == 1) CHECK(task.scores == std::vector<int>{8, 7, 9, 6});
    if (task.entry != 1) CHECK_FALSE(task.scores.has_value());
  }
}

void CheckClean(Migrated& migrated) {
  Result<gallery::AuditReport> audit = migrated.catalogue->VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->chain_intact);
  for (const std::string& problem : audit->problems) UNSCOPED_INFO(problem);
  CHECK(audit->problems.empty());
  CHECK(audit->records > 0);
  Result<gallery::FsckReport> fsck = migrated.catalogue->Fsck(gallery::FsckMode::kReport);
  REQUIRE(fsck.ok());
  CHECK(fsck->clean());
  CHECK(UserVersion(migrated.dir / "data" / "contest.db") == gallery::kSchemaVersion);
}

}  // namespace

TEST_CASE("there is a data folder written by every schema version for the migration tests",
          "[gallery][migration]") {
  for (int version = 1; version <= gallery::kSchemaVersion; ++version) {
    INFO("write it: tests/gallery/fixtures/README.md");
    CHECK(fs::is_directory(Fixture(version)));
  }
}

TEST_CASE("a data folder written by schema 1 (ingest only) migrates and keeps its entries",
          "[gallery][migration]") {
  Migrated migrated(1);
  CheckEntries(*migrated.catalogue, "submitted");
  CHECK(migrated.catalogue->Roster()->empty());
  CheckClean(migrated);
}

TEST_CASE(
    "a data folder written by schema 2 migrates and keeps its entries, people, votes "
    "and scores",
    "[gallery][migration]") {
  Migrated migrated(2);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
}

TEST_CASE(
    "a data folder written by schema 3 opens and keeps its entries, people, votes, "
    "scores and invitations",
    "[gallery][migration]") {
  Migrated migrated(3);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  // E1001's one-time link was open; a second invitation replaces it.
  CHECK(migrated.catalogue->Invite("E1001", "A0001").ok());
}

TEST_CASE("a data folder written by schema 4 opens with its announcement anchoring the log",
          "[gallery][migration]") {
  Migrated migrated(4);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  Result<gallery::Results> results = migrated.catalogue->ResultsFor("A0001");
  REQUIRE(results.ok());
  CHECK(results->state != "sealed");
  Result<gallery::AuditReport> audit = migrated.catalogue->VerifyAudit(results->log_head);
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE("a data folder written by schema 5 opens with the judge's comment beside the score",
          "[gallery][migration]") {
  Migrated migrated(5);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  Result<std::vector<gallery::JudgeComment>> comments = migrated.catalogue->JudgeComments("A0001");
  REQUIRE(comments.ok());
  REQUIRE(comments->size() == 1);
  CHECK(comments->front().text == "색감이 따뜻하고 메시지가 분명합니다");
  CHECK(migrated.catalogue->AwardedTiers()->size() == 2);
}

TEST_CASE("a data folder written by schema 6 opens with the counted votes' receipts published",
          "[gallery][migration]") {
  Migrated migrated(6);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  Result<gallery::PublishedReceipts> published = migrated.catalogue->Receipts();
  REQUIRE(published.ok());
  CHECK(published->receipts.size() == 2);
  CHECK(published->root == voting::MerkleRoot(published->receipts));
}

TEST_CASE("a data folder written by schema 7 opens with its pairwise final and answer",
          "[gallery][migration]") {
  Migrated migrated(7);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  Result<std::optional<gallery::PairwiseFinal>> final =
      migrated.catalogue->PairwiseFinalFor("A0001");
  REQUIRE(final.ok());
  REQUIRE(*final);
  CHECK((*final)->finalists == std::vector<int64_t>{1, 2});
  REQUIRE((*final)->answers.size() == 1);
  CHECK((*final)->answers[0].judge == "J0001");
  CHECK((*final)->order.front().entry == (*final)->answers[0].left);
}

TEST_CASE("a data folder of schema 7 migrates to 8 with a key of its own for the devices' cookies",
          "[gallery][migration][citizens]") {
  Migrated migrated(7);
  Result<std::string> device = migrated.catalogue->NewCitizenDevice();
  REQUIRE(device.ok());
  CHECK(migrated.catalogue->ValidCitizenDevice(*device));
  Migrated other(7);  // each folder draws its own key: one folder's cookie is no other's
  CHECK_FALSE(other.catalogue->ValidCitizenDevice(*device));
  CheckClean(migrated);
}

TEST_CASE("a data folder written by schema 8 opens with its devices' key",
          "[gallery][migration][citizens]") {
  Migrated migrated(8);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  Result<std::string> device = migrated.catalogue->NewCitizenDevice();
  REQUIRE(device.ok());
  CHECK(migrated.catalogue->ValidCitizenDevice(*device));
  // migration 9: the tally counts votes from the index alone
  CHECK(IndexColumns(migrated.dir / "data" / "contest.db", "votes_entry") ==
        "entry_id,void_reason");
}

TEST_CASE("a data folder written by schema 9 gains the gallery's change count",
          "[gallery][migration]") {
  Migrated migrated(9);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  CHECK(IndexColumns(migrated.dir / "data" / "contest.db", "votes_entry") ==
        "entry_id,void_reason");
  Result<int64_t> before = migrated.catalogue->GalleryVersion();
  REQUIRE(before.ok());
  sqlite3* other = nullptr;  // another process's write, as `poster review` would make it
  REQUIRE(sqlite3_open((migrated.dir / "data" / "contest.db").c_str(), &other) == SQLITE_OK);
  CHECK(sqlite3_exec(other, "UPDATE entries SET title = '새 제목' WHERE id = 2", nullptr, nullptr,
                     nullptr) == SQLITE_OK);
  sqlite3_close(other);
  CHECK(*migrated.catalogue->GalleryVersion() > *before);  // the triggers count the change
}

TEST_CASE("a data folder written by schema 10 opens as it is", "[gallery][migration]") {
  Migrated migrated(10);
  CheckEntries(*migrated.catalogue, "approved");
  CheckContest(*migrated.catalogue);
  CheckClean(migrated);
  CHECK(migrated.catalogue->GalleryVersion().ok());
}
