// The catalogue: entries stored whole, duplicates refused, near-duplicates flagged.
#include <sqlite3.h>

#include "tests/gallery/fixtures.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

// Runs one SQL statement on contest.db directly, as a curious admin might.
int RawSql(const fs::path& dir, const std::string& sql, std::string* error = nullptr) {
  sqlite3* db = nullptr;
  sqlite3_open((dir / "contest.db").c_str(), &db);
  char* message = nullptr;
  int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  if (error != nullptr && message != nullptr) *error = message;
  sqlite3_free(message);
  sqlite3_close(db);
  return code;
}

}  // namespace

TEST_CASE("an added poster comes back whole, with its files on disk", "[gallery][catalogue]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir.path());
  ingest::Poster poster = IngestedPoster(1);
  Result<gallery::Entry> added = catalogue.Add(poster, Declared("시민행복 포스터"), "E1001");
  REQUIRE(added.ok());
  Result<gallery::Entry> entry = catalogue.Get(added->id);
  REQUIRE(entry.ok());
  CHECK(entry->status == "submitted");
  CHECK(entry->submission.title == "시민행복 포스터");
  CHECK(entry->sha256 == poster.sha256);
  CHECK(entry->phash == poster.phash);
  CHECK(ReadBytes(entry->original) == poster.original);
  REQUIRE(entry->derivatives.size() == poster.derivatives.size());
  for (const gallery::StoredDerivative& d : entry->derivatives) {
    CHECK(fs::file_size(d.path) == uint64_t(d.bytes));
  }
  CHECK(HasFlag(*entry, "no_ai_provenance"));
  CHECK(catalogue.Get(999).status().code() == "not_found");
}

TEST_CASE("the same bytes again are refused with duplicate naming the entry",
          "[gallery][catalogue]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir.path());
  ingest::Poster poster = IngestedPoster(1);
  Result<gallery::Entry> first = catalogue.Add(poster, Declared("처음"), "E1001");
  REQUIRE(first.ok());
  Result<gallery::Entry> again = catalogue.Add(poster, Declared("다시", "E2002"), "E2002");
  REQUIRE(again.status().code() == "duplicate");
  CHECK(again.status().detail("entry") == std::to_string(first->id));
  CHECK(again.status().detail("title") == "처음");
  CHECK(catalogue.Get(first->id + 1).status().code() == "not_found");
}

TEST_CASE("a near-duplicate is stored and flagged on both sides", "[gallery][catalogue]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir.path());
  Result<gallery::Entry> original =
      catalogue.Add(IngestedPoster(7, ".png"), Declared("원본"), "E1");
  Result<gallery::Entry> copy =
      catalogue.Add(IngestedPoster(7, ".jpg", 850), Declared("복사본"), "E2");
  Result<gallery::Entry> other = catalogue.Add(IngestedPoster(8), Declared("다른 것"), "E3");
  REQUIRE(original.ok());
  REQUIRE(copy.ok());
  REQUIRE(other.ok());
  auto related = [](const gallery::Entry& entry) {
    std::vector<int64_t> ids;
    for (const auto& flag : entry.flags) {
      if (flag.name == "near_duplicate") ids.push_back(*flag.related);
    }
    return ids;
  };
  CHECK(related(*copy) == std::vector<int64_t>{original->id});
  CHECK(related(*catalogue.Get(original->id)) == std::vector<int64_t>{copy->id});
  CHECK(related(*other).empty());
}

TEST_CASE("every stored entry is in the audit log, whose records chain by hash",
          "[gallery][catalogue][audit][sqlite]") {
  TempDir dir;
  {
    gallery::Catalogue catalogue = OpenCatalogue(dir.path());
    REQUIRE(catalogue.Add(IngestedPoster(1), Declared("하나"), "E1").ok());
    REQUIRE(catalogue.Add(IngestedPoster(2), Declared("둘"), "E2").ok());
  }
  sqlite3* db = nullptr;
  sqlite3_open((dir / "contest.db").c_str(), &db);
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT actor, action, subject, prev_hash, hash FROM audit_log ORDER BY seq",
                     -1, &query, nullptr);
  std::vector<std::vector<std::string>> rows;
  while (sqlite3_step(query) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < 5; ++i)
      row.push_back(reinterpret_cast<const char*>(sqlite3_column_text(query, i)));
    rows.push_back(row);
  }
  sqlite3_finalize(query);
  sqlite3_close(db);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == "E1");
  CHECK(rows[0][1] == "entry.submit");
  CHECK(rows[0][3] == std::string(64, '0'));
  CHECK(rows[1][3] == rows[0][4]);  // each record names the hash of the one before
}

TEST_CASE("the audit log refuses to be edited or shortened",
          "[gallery][catalogue][audit][sqlite]") {
  TempDir dir;
  {
    gallery::Catalogue catalogue = OpenCatalogue(dir.path());
    REQUIRE(catalogue.Add(IngestedPoster(1), Declared("하나"), "E1").ok());
  }
  std::string error;
  CHECK(RawSql(dir.path(), "UPDATE audit_log SET actor = 'someone else'", &error) != SQLITE_OK);
  CHECK_THAT(error, Catch::Contains("append-only"));
  CHECK(RawSql(dir.path(), "DELETE FROM audit_log") != SQLITE_OK);
}

TEST_CASE("a data folder from a newer poster is refused, not damaged",
          "[gallery][catalogue][sqlite]") {
  TempDir dir;
  { OpenCatalogue(dir.path()); }
  REQUIRE(RawSql(dir.path(), "PRAGMA user_version = 99") == SQLITE_OK);
  Result<gallery::Catalogue> opened = gallery::Catalogue::Open(dir.path());
  CHECK(opened.status().code() == "store_failed");
  CHECK_THAT(opened.status().message(), Catch::Contains("newer poster"));
}

TEST_CASE("reopening a catalogue keeps what it holds", "[gallery][catalogue]") {
  TempDir dir;
  int64_t id = 0;
  {
    gallery::Catalogue catalogue = OpenCatalogue(dir.path());
    id = catalogue.Add(IngestedPoster(3), Declared("남는 것"), "E1")->id;
  }
  gallery::Catalogue reopened = OpenCatalogue(dir.path());
  CHECK(reopened.Get(id)->submission.title == "남는 것");
}

TEST_CASE("declared text is checked: a title is required and bounded, UTF-8 only",
          "[gallery][catalogue]") {
  gallery::Submission ok = Declared("제목");
  CHECK(gallery::ValidateSubmission(ok).ok());
  gallery::Submission blank = Declared("   ");
  CHECK(gallery::ValidateSubmission(blank).detail("problem") == "missing");
  gallery::Submission korean_200 = Declared("");
  for (int i = 0; i < 200; ++i) korean_200.title += "가";
  CHECK(gallery::ValidateSubmission(korean_200).ok());  // 200 characters, 600 bytes
  korean_200.title += "가";
  Status too_long = gallery::ValidateSubmission(korean_200);
  CHECK(too_long.code() == "invalid_metadata");
  CHECK(too_long.detail("field") == "title");
  CHECK(too_long.detail("problem") == "too_long");
  gallery::Submission latin1 = Declared("caf\xE9");
  CHECK(gallery::ValidateSubmission(latin1).detail("problem") == "not_utf8");
  gallery::Submission control = Declared("title\x1B[31m");
  CHECK(gallery::ValidateSubmission(control).detail("problem") == "control_characters");
  gallery::Submission multiline = Declared("제목");
  multiline.prompt = "첫 줄\n둘째 줄";
  CHECK(gallery::ValidateSubmission(multiline).ok());
}
