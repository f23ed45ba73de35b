// The real-world corpora in ../shared/corpus: each file gets what
// ../shared/corpus/README.md says, and none crashes or hangs.
#include <algorithm>
#include <filesystem>

#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> Files(const fs::path& folder, const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == extension)
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  return files;
}

Result<ingest::Poster> IngestFile(const fs::path& path) {
  return ingest::Process(ReadBytes(path), Permissive());
}

bool IsStableCode(const std::string& code) {
  return std::find(std::begin(ingest::kAllCodes), std::end(ingest::kAllCodes), code) !=
         std::end(ingest::kAllCodes);
}

bool HasC2pa(const Result<ingest::Poster>& poster) {
  return std::any_of(poster->provenance.begin(), poster->provenance.end(),
                     [](const ingest::Marker& m) { return m.source == "c2pa"; });
}

}  // namespace

TEST_CASE("libpng's PngSuite subset decodes, every colour type and bit depth", "[ingest][corpus]") {
  for (const fs::path& file : Files(CorpusDir() / "png-libpng" / "pngsuite", ".png")) {
    INFO(file.filename().string());
    Result<ingest::Poster> poster = IngestFile(file);
    CHECK(poster.status().message() == "");
    CHECK(poster.ok());
  }
}

TEST_CASE("the default policy refuses the tiny PngSuite images as dimensions_too_small",
          "[ingest][corpus]") {
  fs::path file = CorpusDir() / "png-libpng" / "pngsuite" / "basn2c08.png";
  CHECK(ingest::Process(ReadBytes(file), ingest::Settings()).status().code() ==
        "dimensions_too_small");
}

TEST_CASE("the full PngSuite: valid files decode, every x*.png is refused", "[ingest][corpus]") {
  for (const fs::path& file : Files(CorpusDir() / "pngsuite", ".png")) {
    std::string name = file.filename().string();
    INFO(name);
    Result<ingest::Poster> poster = IngestFile(file);
    if (name.starts_with("x")) {
      CHECK_FALSE(poster.ok());
      CHECK(
          (poster.status().code() == "corrupt" || poster.status().code() == "unsupported_format"));
    } else {
      CHECK(poster.status().message() == "");
    }
  }
}

TEST_CASE("libpng's test PNGs and crashers are accepted or refused with a stable code",
          "[ingest][corpus]") {
  for (const fs::path& file : Files(CorpusDir() / "png-libpng" / "testpngs", ".png")) {
    INFO(file.filename().string());
    Result<ingest::Poster> poster = IngestFile(file);
    if (!poster.ok()) CHECK(IsStableCode(poster.status().code()));
  }
}

TEST_CASE("libjpeg-turbo's test images decode or are refused with a stable code",
          "[ingest][corpus]") {
  for (const fs::path& file : Files(CorpusDir() / "jpeg-libjpeg-turbo", ".jpg")) {
    INFO(file.filename().string());
    Result<ingest::Poster> poster = IngestFile(file);
    if (!poster.ok()) CHECK(IsStableCode(poster.status().code()));
  }
  // The baseline and progressive originals must decode.
  CHECK(IngestFile(CorpusDir() / "jpeg-libjpeg-turbo" / "testorig.jpg").ok());
  CHECK(IngestFile(CorpusDir() / "jpeg-libjpeg-turbo" / "testimgint.jpg").ok());
}

TEST_CASE("libwebp's conformance vectors decode or are refused with a stable code",
          "[ingest][corpus]") {
  int decoded = 0;
  for (const fs::path& file : Files(CorpusDir() / "webp-libwebp", ".webp")) {
    INFO(file.filename().string());
    Result<ingest::Poster> poster = IngestFile(file);
    if (!poster.ok()) CHECK(IsStableCode(poster.status().code()));
    decoded += poster.ok();
  }
  CHECK(decoded > 100);
  // 28 bytes: shorter than OpenCV reads before it looks at a WebP.
  CHECK(IngestFile(CorpusDir() / "webp-libwebp" / "one_color_no_palette.webp").ok());
}

TEST_CASE("C2PA manifests are found in the c2pa-rs fixtures, and the traps are not taken",
          "[ingest][corpus][provenance]") {
  fs::path folder = CorpusDir() / "c2pa";
  for (const char* name : {"C.jpg", "CA.jpg", "XCA.jpg"}) {
    INFO(name);
    Result<ingest::Poster> poster = IngestFile(folder / name);
    REQUIRE(poster.ok());
    CHECK(HasC2pa(poster));
  }
  for (const char* name : {"no_manifest.jpg", "IMG_0003.jpg", "test_xmp.webp"}) {
    INFO(name);
    Result<ingest::Poster> poster = IngestFile(folder / name);
    REQUIRE(poster.ok());
    CHECK_FALSE(HasC2pa(poster));
  }
}
