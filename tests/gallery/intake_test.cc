// Batch intake on many threads: every input answered in order, duplicates caught
// even when copies race each other.
#include <map>

#include "tests/gallery/fixtures.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

// The URL seam: serves fixed bytes for known URLs, fails the rest.
class FakeFetcher : public ingest::Fetcher {
 public:
  std::map<std::string, std::vector<uint8_t>> pages;
  Result<std::vector<uint8_t>> Fetch(const std::string& url) override {
    auto it = pages.find(url);
    if (it == pages.end()) return Status("fetch_failed", "no such page in the fake", {});
    return it->second;
  }
};

synth::Bytes Poster(uint32_t seed, const std::string& ext = ".png") {
  synth::PosterSpec spec;
  spec.seed = seed;
  spec.width = 900;
  spec.height = 1273;
  spec.title = "포스터 " + std::to_string(seed);
  return synth::Encode(synth::DrawPoster(spec), ext);
}

}  // namespace

TEST_CASE("parallel intake stores each distinct poster once and refuses racing copies",
          "[gallery][intake]") {
  TempDir dir;
  fs::create_directories(dir / "in");
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    WriteBytes(dir / "in" / ("poster-" + std::to_string(seed) + ".png"), Poster(seed));
  }
  for (int copy = 1; copy <= 3; ++copy) {  // three more of poster 1, under other names
    WriteBytes(dir / "in" / ("z-copy-" + std::to_string(copy) + ".png"), Poster(1));
  }
  WriteBytes(dir / "in" / "zz-reencoded-2.jpg", Poster(2, ".jpg"));
  WriteText(dir / "in" / ".DS_Store", "hidden files are skipped");

  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  FakeFetcher fetcher;
  std::vector<gallery::IntakeItem> items =
      gallery::ExpandInputs({(dir / "in").string()}, Declared("", "operator"));
  REQUIRE(items.size() == 12);
  CHECK(items.front().submission.title == "poster-1");  // titles default to the file's stem

  std::vector<gallery::IntakeResult> results;
  gallery::RunIntake(catalogue, fetcher, items, 4, "operator",
                     [&](const gallery::IntakeResult& result) { results.push_back(result); });
  REQUIRE(results.size() == items.size());
  std::map<std::string, int> codes;
  for (size_t i = 0; i < results.size(); ++i) {
    CHECK(results[i].input == items[i].input);  // in input order, whoever finished first
    codes[results[i].status.ok() ? "accepted" : results[i].status.code()]++;
  }
  CHECK(codes["accepted"] == 9);   // eight posters and the re-encoded copy
  CHECK(codes["duplicate"] == 3);  // poster 1 is stored once
  // Stored in input order: entries are numbered as listed, the first copy is kept.
  int64_t expected_id = 1;
  for (const gallery::IntakeResult& result : results) {
    if (result.entry) CHECK(result.entry->id == expected_id++);
    if (result.status.code() == "duplicate") CHECK(result.status.detail("entry") == "1");
  }
  const gallery::IntakeResult& reencoded = results.back();
  REQUIRE(reencoded.entry);
  CHECK(HasFlag(*reencoded.entry, "near_duplicate"));
}

TEST_CASE("URL inputs go through the fetcher and keep the URL as their source",
          "[gallery][intake]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  FakeFetcher fetcher;
  fetcher.pages["https://example.org/posters/citizen.webp?download=1"] = Poster(5, ".webp");
  std::vector<gallery::IntakeItem> items = gallery::ExpandInputs(
      {"https://example.org/posters/citizen.webp?download=1", "https://example.org/gone.png"},
      Declared(""));
  std::vector<gallery::IntakeResult> results;
  gallery::RunIntake(catalogue, fetcher, items, 2, "operator",
                     [&](const gallery::IntakeResult& result) { results.push_back(result); });
  REQUIRE(results.size() == 2);
  REQUIRE(results[0].entry);
  CHECK(results[0].entry->submission.title == "citizen");
  CHECK(results[0].entry->submission.source ==
        "https://example.org/posters/citizen.webp?download=1");
  CHECK(results[1].status.code() == "fetch_failed");
}

TEST_CASE("a missing input is answered with read_failed and the rest still go in",
          "[gallery][intake]") {
  TempDir dir;
  WriteBytes(dir / "real.png", Poster(3));
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  FakeFetcher fetcher;
  std::vector<gallery::IntakeItem> items = gallery::ExpandInputs(
      {(dir / "nope.png").string(), (dir / "real.png").string()}, Declared(""));
  std::vector<gallery::IntakeResult> results;
  gallery::RunIntake(catalogue, fetcher, items, 2, "operator",
                     [&](const gallery::IntakeResult& result) { results.push_back(result); });
  REQUIRE(results.size() == 2);
  CHECK(results[0].status.code() == "read_failed");
  CHECK(results[1].status.ok());
}

TEST_CASE("folder entries that cannot be examined are skipped, never thrown on",
          "[gallery][intake]") {
  // Found by fuzz_manifest: a manifest row "../.." reached /proc, where stat()
  // fails with EACCES, and a throwing directory_entry call ended the process.
  std::vector<gallery::IntakeItem> items;
  CHECK_NOTHROW(items = gallery::ExpandInputs({"/proc/1/task/1/fd"}, Declared("")));
  TempDir dir;
  WriteText(dir / "m.csv", "input\n/proc/1/task/1/fd\n");
  CHECK_NOTHROW((void)gallery::ReadManifest(dir / "m.csv", Declared("")));
}
