// Sizes and shapes are judged on the header, as displayed, before any decode.
#include <opencv2/imgcodecs.hpp>

#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

// A JPEG whose EXIF says to rotate it a quarter turn (orientation 6).
synth::Bytes Rotated(int stored_width, int stored_height) {
  synth::Bytes jpeg = PosterBytes(".jpg", stored_width, stored_height);
  synth::ExifSpec exif;
  exif.orientation = 6;
  return synth::JpegInsertSegment(jpeg, 0xE1, synth::ExifApp1(synth::Tiff(exif)));
}

cv::Mat PortraitPoster() {
  synth::PosterSpec spec;
  spec.width = 900;
  spec.height = 1273;
  return synth::DrawPoster(spec);
}

}  // namespace

TEST_CASE("a poster over the side or pixel limit is refused with dimensions_too_large",
          "[ingest][limits]") {
  ingest::Settings settings;
  settings.limits.max_side = 1000;
  Result<ingest::Poster> tall = ingest::Process(PosterBytes(".png", 900, 1273), settings);
  REQUIRE(CodeOf(tall) == "dimensions_too_large");
  CHECK(tall.status().detail("width") == "900");
  CHECK(tall.status().detail("height") == "1273");
  CHECK(tall.status().detail("max_side") == "1000");

  settings = ingest::Settings();
  settings.limits.max_pixels = 1'000'000;
  CHECK(CodeOf(ingest::Process(PosterBytes(".webp", 900, 1273), settings)) ==
        "dimensions_too_large");
}

TEST_CASE("a poster under the short-side minimum is refused with dimensions_too_small",
          "[ingest][limits]") {
  Result<ingest::Poster> small = ingest::Process(PosterBytes(".jpg", 600, 900), ingest::Settings());
  REQUIRE(CodeOf(small) == "dimensions_too_small");
  CHECK(small.status().detail("min_short_side") == "800");
  CHECK_THAT(small.status().message(), Catch::Contains("600\xC3\x97"
                                                       "900"));
}

TEST_CASE("landscape posters are refused with aspect_ratio; portrait and square pass",
          "[ingest][limits]") {
  Result<ingest::Poster> landscape =
      ingest::Process(PosterBytes(".png", 1273, 900), ingest::Settings());
  REQUIRE(CodeOf(landscape) == "aspect_ratio");
  CHECK(landscape.status().detail("shape") == "landscape");
  CHECK_THAT(landscape.status().message(), Catch::Contains("0.5\xE2\x80\x93"
                                                           "1.0"));

  CHECK(ingest::Process(PosterBytes(".png", 900, 900), ingest::Settings()).ok());   // 1.0
  CHECK(ingest::Process(PosterBytes(".png", 900, 1800), ingest::Settings()).ok());  // 0.5
  CHECK(CodeOf(ingest::Process(PosterBytes(".png", 900, 1802), ingest::Settings())) ==
        "aspect_ratio");
}

TEST_CASE("limits are judged on the poster as displayed, after EXIF orientation",
          "[ingest][limits]") {
  // Stored landscape, displayed portrait: accepted, and the pixels turn too.
  Result<ingest::Poster> portrait = ingest::Process(Rotated(1273, 900), ingest::Settings());
  REQUIRE(portrait.ok());
  CHECK(portrait->info.orientation == 6);
  CHECK(portrait->info.width == 900);
  CHECK(portrait->info.height == 1273);
  CHECK(portrait->derivatives.front().height > portrait->derivatives.front().width);
  // Stored portrait, displayed landscape: refused.
  CHECK(CodeOf(ingest::Process(Rotated(900, 1273), ingest::Settings())) == "aspect_ratio");
}

TEST_CASE("pixel bombs are refused from their headers with little memory",
          "[ingest][limits][bomb]") {
  const std::pair<std::string, synth::Bytes> bombs[] = {
      {"PNG 60000x60000", synth::PngWithClaimedSize(PosterBytes(".png"), 60000, 60000)},
      {"JPEG 65000x65000", synth::JpegWithClaimedSize(PosterBytes(".jpg"), 65000, 65000)},
      {"WebP 16000x16000", synth::WebpWithClaimedSize(PosterBytes(".webp"), 16000, 16000)},
  };
  for (const auto& [name, bytes] : bombs) {
    INFO(name);
    bool refused = false;
    long extra = ChildExtraMegabytes(bytes, ingest::Settings(), "dimensions_too_large", refused);
    CHECK(refused);
    CHECK(extra < 64);  // decoding any of them would need gigabytes
  }
}

TEST_CASE("a progressive JPEG with more scans than max_jpeg_scans is refused from its header",
          "[ingest][limits][bomb]") {
  cv::Mat poster = PortraitPoster();
  synth::Bytes at_limit = synth::EncodeJpegWithScans(poster, 100);
  synth::Bytes over = synth::EncodeJpegWithScans(poster, 101);
  REQUIRE(synth::CountJpegScans(over) == 101);

  Result<ingest::ImageInfo> probed = ingest::Probe(over, ingest::Limits());  // no decoding
  REQUIRE(probed.status().code() == "too_many_scans");
  CHECK(probed.status().detail("scans") == "101");
  CHECK(probed.status().detail("max_scans") == "100");
  CHECK_THAT(probed.status().message(), Catch::Contains("101 scans"));
  CHECK(CodeOf(ingest::Process(over, ingest::Settings())) == "too_many_scans");
  CHECK(ingest::Process(at_limit, ingest::Settings()).ok());

  ingest::Settings strict;
  strict.limits.max_jpeg_scans = 20;
  CHECK(CodeOf(ingest::Process(synth::EncodeJpegWithScans(poster, 21), strict)) ==
        "too_many_scans");
  CHECK(ingest::Process(synth::EncodeJpegWithScans(poster, 20), strict).ok());
}

TEST_CASE("an ordinary progressive JPEG is accepted", "[ingest][limits]") {
  cv::Mat poster = PortraitPoster();
  synth::Bytes progressive;
  REQUIRE(cv::imencode(".jpg", poster, progressive, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}));
  CHECK(synth::CountJpegScans(progressive) == 10);
  CHECK(ingest::Process(progressive, ingest::Settings()).ok());
}
