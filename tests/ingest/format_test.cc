// Formats are sniffed from magic bytes; names and extensions are never trusted.
#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;
using namespace std::string_literals;

TEST_CASE("PNG, JPEG and WebP posters are accepted and recognised by their bytes",
          "[ingest][format]") {
  for (auto [ext, name] : {std::pair{".png", "png"}, {".jpg", "jpeg"}, {".webp", "webp"}}) {
    Result<ingest::Poster> poster = ingest::Process(PosterBytes(ext), ingest::Settings());
    INFO(ext);
    REQUIRE(poster.ok());
    CHECK(ingest::FormatName(poster->info.format) == name);
    CHECK(poster->info.width == 900);
    CHECK(poster->info.height == 1273);
  }
}

TEST_CASE("a PNG saved with a .jpg name is still read as PNG", "[ingest][format]") {
  TempDir dir;
  WriteBytes(dir / "poster.jpg", PosterBytes(".png"));
  Result<std::vector<uint8_t>> bytes = ingest::ReadFile(dir / "poster.jpg", 1 << 30);
  REQUIRE(bytes.ok());
  Result<ingest::Poster> poster = ingest::Process(*bytes, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(poster->info.format == ingest::Format::kPng);
}

TEST_CASE("other formats are refused with unsupported_format naming what they are",
          "[ingest][format]") {
  struct Case {
    std::string bytes;
    std::string kind;
  };
  const Case cases[] = {
      {"GIF89a\x01\x00\x01\x00\x00\x00\x00;"s, "GIF"},
      {"BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"s, "BMP"},
      {"II*\0\x08\0\0\0"s, "TIFF"},
      {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "PDF"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>", "SVG"},
      {"\xEF\xBB\xBF  <!DOCTYPE html><html><body>poster</body></html>", "HTML"},
      {"\0\0\0\x18"
       "ftypheic\0\0\0\0"s,
       "HEIC"},
      {"just some text that someone renamed to poster.png", "unknown"},
  };
  for (const Case& c : cases) {
    INFO(c.kind);
    Result<ingest::Poster> poster =
        ingest::Process(std::vector<uint8_t>(c.bytes.begin(), c.bytes.end()), ingest::Settings());
    REQUIRE(CodeOf(poster) == "unsupported_format");
    CHECK(poster.status().detail("kind") == c.kind);
    CHECK_THAT(poster.status().message(), Catch::Contains("PNG, JPEG or WebP"));
  }
}

TEST_CASE("an empty upload is refused with empty", "[ingest][format]") {
  CHECK(CodeOf(ingest::Process({}, ingest::Settings())) == "empty");
  TempDir dir;
  WriteBytes(dir / "empty.png", {});
  CHECK(ingest::ReadFile(dir / "empty.png", 100).status().code() == "empty");
}

TEST_CASE("a file over the size cap is refused with file_too_large without being read",
          "[ingest][format]") {
  TempDir dir;
  std::vector<uint8_t> big(4096, 'x');
  WriteBytes(dir / "big.png", big);
  Result<std::vector<uint8_t>> read = ingest::ReadFile(dir / "big.png", 1000);
  CHECK(read.status().code() == "file_too_large");
  CHECK(read.status().detail("max_bytes") == "1000");

  ingest::Settings settings;
  settings.limits.max_bytes = 1000;
  CHECK(CodeOf(ingest::Process(PosterBytes(".png"), settings)) == "file_too_large");
}

TEST_CASE("a missing file is refused with read_failed naming it", "[ingest][format]") {
  Result<std::vector<uint8_t>> read = ingest::ReadFile("/nonexistent/poster.png", 1000);
  CHECK(read.status().code() == "read_failed");
  CHECK_THAT(read.status().message(), Catch::Contains("/nonexistent/poster.png"));
}

TEST_CASE("an animated WebP is refused with animated", "[ingest][format]") {
  synth::Bytes still = PosterBytes(".webp");
  synth::Bytes animated = synth::WebpWithChunks(still, {{"ANIM", synth::Bytes(6, 0)}});
  animated[20] |= 0x02;  // the VP8X animation flag
  CHECK(CodeOf(ingest::Process(animated, ingest::Settings())) == "animated");
}

TEST_CASE("an animated PNG is refused with animated", "[ingest][format]") {
  synth::Bytes apng = synth::PngInsertChunk(PosterBytes(".png"), "acTL", synth::Bytes(8, 0));
  CHECK(CodeOf(ingest::Process(apng, ingest::Settings())) == "animated");
}
