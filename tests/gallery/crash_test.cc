// The crash-safety promise: an Add killed at any step leaves the whole entry or
// none of it, and fsck finds and removes what a killed writer left behind.
#include <sys/wait.h>
#include <unistd.h>

#include "tests/gallery/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

// Adds `poster` in a child process that dies (like kill -9) at `step`.
void AddAndDieAt(const std::filesystem::path& dir, const ingest::Poster& poster,
                 const std::string& step) {
  pid_t child = ::fork();
  if (child == 0) {
    Result<gallery::Catalogue> catalogue = gallery::Catalogue::Open(dir);
    if (!catalogue.ok()) ::_exit(3);
    catalogue->SetFailpointForTesting([&](std::string_view at) {
      if (at == step) ::_exit(9);
    });
    (void)catalogue->Add(poster, Declared("죽는 중"), "E1");
    ::_exit(0);  // the failpoint was never reached
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 9);
}

}  // namespace

TEST_CASE("an ingest killed at any step leaves no entry, and fsck cleans up after it",
          "[gallery][crash]") {
  ingest::Poster poster = IngestedPoster(4);
  size_t files = 1 + poster.derivatives.size();
  for (const std::string step : {"blobs_written", "blobs_placed", "rows_written"}) {
    DYNAMIC_SECTION("killed at " << step) {
      TempDir dir;
      { OpenCatalogue(dir.path()); }  // the schema exists before the crash
      AddAndDieAt(dir.path(), poster, step);

      gallery::Catalogue catalogue = OpenCatalogue(dir.path());
      CHECK(catalogue.Get(1).status().code() == "not_found");
      Result<gallery::FsckReport> report = catalogue.Fsck(gallery::FsckMode::kReport);
      REQUIRE(report.ok());
      CHECK(report->missing_blobs.empty());
      CHECK(report->database_errors.empty());
      size_t left = report->orphan_blobs.size() + report->stale_temp.size();
      CHECK(left == files);  // temp files before they were placed, orphans after
      REQUIRE(catalogue.Fsck(gallery::FsckMode::kRepair).ok());
      CHECK(catalogue.Fsck(gallery::FsckMode::kReport)->clean());

      // Nothing half-stored stands in the way of the real upload.
      Result<gallery::Entry> retried = catalogue.Add(poster, Declared("다시"), "E1");
      REQUIRE(retried.ok());
      CHECK(catalogue.Fsck(gallery::FsckMode::kReport)->clean());
    }
  }
}

TEST_CASE("fsck reports a blob that has gone missing under a row", "[gallery][crash]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir.path());
  Result<gallery::Entry> entry = catalogue.Add(IngestedPoster(5), Declared("사라질 파일"), "E1");
  REQUIRE(entry.ok());
  std::filesystem::remove(entry->derivatives.front().path);
  Result<gallery::FsckReport> report = catalogue.Fsck(gallery::FsckMode::kRepair);
  REQUIRE(report.ok());
  REQUIRE(report->missing_blobs.size() == 1);
  CHECK_FALSE(report->clean());
}
