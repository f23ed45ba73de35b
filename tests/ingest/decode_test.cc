// Files that do not decode completely are corrupt; what decodes is normalised.
#include <turbojpeg.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

synth::Bytes Cut(synth::Bytes bytes, double fraction) {
  bytes.resize(size_t(bytes.size() * fraction));
  return bytes;
}

cv::Mat DecodeDerivative(const ingest::Derivative& derivative) {
  return cv::imdecode(derivative.bytes, cv::IMREAD_UNCHANGED);
}

}  // namespace

TEST_CASE("a poster cut short in transfer is refused with corrupt (truncated)",
          "[ingest][decode]") {
  for (const char* ext : {".png", ".jpg", ".webp"}) {
    INFO(ext);
    Result<ingest::Poster> cut = ingest::Process(Cut(PosterBytes(ext), 0.5), ingest::Settings());
    REQUIRE(CodeOf(cut) == "corrupt");
    CHECK(cut.status().detail("reason") == "truncated");
  }
}

TEST_CASE("a JPEG missing only its end marker is refused, not padded with grey",
          "[ingest][decode]") {
  synth::Bytes jpeg = PosterBytes(".jpg");
  jpeg.resize(jpeg.size() - 2);  // drop FF D9
  CHECK(CodeOf(ingest::Process(jpeg, ingest::Settings())) == "corrupt");
}

TEST_CASE("a JPEG cut short and given a fake end marker is refused, not padded with grey",
          "[ingest][decode]") {
  synth::Bytes jpeg = PosterBytes(".jpg");
  jpeg.resize(jpeg.size() * 2 / 3);
  jpeg.push_back(0xFF);
  jpeg.push_back(0xD9);
  Result<ingest::Poster> cut = ingest::Process(jpeg, ingest::Settings());
  REQUIRE(CodeOf(cut) == "corrupt");
  CHECK(cut.status().detail("reason") == "decode_failed");
}

TEST_CASE("a JPEG cut short and padded with 64 garbage bytes before its end marker is refused",
          "[ingest][decode]") {
  synth::Bytes jpeg = PosterBytes(".jpg");
  jpeg.resize(jpeg.size() / 2);
  for (int i = 0; i < 64; ++i) jpeg.push_back(uint8_t(0x11 + i * 37 % 0xE0));
  jpeg.push_back(0xFF);
  jpeg.push_back(0xD9);
  CHECK(CodeOf(ingest::Process(jpeg, ingest::Settings())) == "corrupt");
}

TEST_CASE("a PNG with a damaged chunk is refused with corrupt (bad_checksum)", "[ingest][decode]") {
  synth::Bytes png = PosterBytes(".png");
  png[png.size() / 2] ^= 0xFF;  // somewhere inside IDAT
  Result<ingest::Poster> damaged = ingest::Process(png, ingest::Settings());
  REQUIRE(CodeOf(damaged) == "corrupt");
  CHECK(damaged.status().detail("reason") == "bad_checksum");
}

TEST_CASE("a JPEG whose entropy data is garbage is refused with corrupt", "[ingest][decode]") {
  synth::Bytes jpeg = PosterBytes(".jpg");
  for (size_t i = jpeg.size() / 3; i < jpeg.size() * 2 / 3; ++i) jpeg[i] = 0xFF;
  jpeg.push_back(0xFF);
  jpeg.push_back(0xD9);
  Result<ingest::Poster> garbage = ingest::Process(jpeg, ingest::Settings());
  CHECK_FALSE(garbage.ok());
  CHECK(CodeOf(garbage) == "corrupt");
}

TEST_CASE("bytes after the image's end are cut from the original and flagged", "[ingest][decode]") {
  for (const char* ext : {".png", ".jpg", ".webp"}) {
    INFO(ext);
    synth::Bytes clean = PosterBytes(ext);
    synth::Bytes polyglot = clean;
    std::string zip =
        "PK\x03\x04 a zip or a script hiding after the poster <script>alert(1)</script>";
    polyglot.insert(polyglot.end(), zip.begin(), zip.end());
    Result<ingest::Poster> poster = ingest::Process(polyglot, ingest::Settings());
    REQUIRE(poster.ok());
    CHECK(HasFlag(*poster, "trailing_data"));
    CHECK(poster->trailing_bytes == int64_t(zip.size()));
    CHECK(poster->original == clean);
    CHECK(poster->sha256 == ingest::Process(clean, ingest::Settings())->sha256);
  }
}

TEST_CASE("transparency is flattened onto white and 16-bit grey becomes 8-bit colour",
          "[ingest][decode]") {
  cv::Mat rgba(1273, 900, CV_8UC4, cv::Scalar(0, 0, 255, 255));
  rgba(cv::Rect(0, 0, 900, 600)).setTo(cv::Scalar(0, 0, 0, 0));  // top part fully transparent
  Result<ingest::Poster> poster = ingest::Process(synth::Encode(rgba, ".png"), ingest::Settings());
  REQUIRE(poster.ok());
  cv::Mat thumb = DecodeDerivative(poster->derivatives.front());
  REQUIRE(thumb.channels() == 3);
  CHECK(thumb.at<cv::Vec3b>(10, 10)[0] > 245);               // white, not black
  CHECK(thumb.at<cv::Vec3b>(thumb.rows - 10, 10)[2] > 200);  // still red below

  cv::Mat grey16(1273, 900, CV_16UC1);
  cv::randu(grey16, 0, 65535);
  Result<ingest::Poster> deep = ingest::Process(synth::Encode(grey16, ".png"), ingest::Settings());
  REQUIRE(deep.ok());
  CHECK(DecodeDerivative(deep->derivatives.front()).channels() == 3);
}

TEST_CASE("a CMYK JPEG, as print shops export it, keeps its colours", "[ingest][decode]") {
  // Adobe's CMYK is stored inverted (255 = no ink): red is C=0 M=Y=100 % K=0.
  cv::Mat cmyk(1273, 900, CV_8UC4, cv::Scalar(255, 0, 0, 255));
  tjhandle encoder = tjInitCompress();
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  REQUIRE(tjCompress2(encoder, cmyk.data, cmyk.cols, int(cmyk.step), cmyk.rows, TJPF_CMYK, &jpeg,
                      &size, TJSAMP_444, 90, 0) == 0);
  synth::Bytes bytes(jpeg, jpeg + size);
  tjFree(jpeg);
  tjDestroy(encoder);
  Result<ingest::Poster> poster = ingest::Process(bytes, ingest::Settings());
  REQUIRE(poster.ok());
  cv::Vec3b centre = DecodeDerivative(poster->derivatives.front()).at<cv::Vec3b>(300, 200);
  CHECK(centre[2] > 240);  // red
  CHECK(centre[1] < 15);
  CHECK(centre[0] < 15);
}

TEST_CASE("an interlaced PNG decodes to the same poster as its plain twin", "[ingest][decode]") {
  fs::path suite = CorpusDir() / "pngsuite";
  int pairs = 0;
  for (const auto& entry : fs::directory_iterator(suite)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("basi")) continue;
    fs::path twin = suite / ("basn" + name.substr(4));
    if (!fs::exists(twin)) continue;
    INFO(name);
    Result<ingest::Poster> interlaced = ingest::Process(ReadBytes(entry.path()), Permissive());
    Result<ingest::Poster> plain = ingest::Process(ReadBytes(twin), Permissive());
    REQUIRE(interlaced.ok());
    REQUIRE(plain.ok());
    REQUIRE(interlaced->derivatives.size() == plain->derivatives.size());
    for (size_t i = 0; i < plain->derivatives.size(); ++i)
      CHECK(interlaced->derivatives[i].bytes == plain->derivatives[i].bytes);
    ++pairs;
  }
  CHECK(pairs >= 14);  // every colour type and bit depth, alpha included
}

TEST_CASE("half-transparent pixels are composited over white alike from PNG and WebP",
          "[ingest][decode]") {
  cv::Mat rgba(1273, 900, CV_8UC4);  // OpenCV's order: blue, green, red, alpha
  for (int y = 0; y < rgba.rows; ++y)
    for (int x = 0; x < rgba.cols; ++x)
      rgba.at<cv::Vec4b>(y, x) = cv::Vec4b(0, uint8_t(x % 256), 255, uint8_t(y * 255 / 1272));
  synth::Bytes webp;
  REQUIRE(cv::imencode(".webp", rgba, webp, {cv::IMWRITE_WEBP_QUALITY, 101}));  // lossless
  Result<ingest::Poster> from_png = ingest::Process(synth::Encode(rgba, ".png"), Permissive());
  Result<ingest::Poster> from_webp = ingest::Process(webp, Permissive());
  REQUIRE(from_png.ok());
  REQUIRE(from_webp.ok());
  for (size_t i = 0; i < from_png->derivatives.size(); ++i)
    CHECK(from_png->derivatives[i].bytes == from_webp->derivatives[i].bytes);
  cv::Mat shown = DecodeDerivative(from_png->derivatives.front());
  cv::Vec3b middle = shown.at<cv::Vec3b>(shown.rows / 2, 3);  // red at alpha ≈ 128, green ≈ 0
  CHECK(middle[2] > 245);
  CHECK(std::abs(middle[0] - 127) < 10);
  CHECK(std::abs(middle[1] - 127) < 10);
}
