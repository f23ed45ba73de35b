// Fingerprints, QR codes, quality signals and derivatives of accepted posters.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "base/sha256.h"
#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

ingest::Poster Ingest(const synth::Bytes& bytes, const ingest::Settings& settings = {}) {
  Result<ingest::Poster> poster = ingest::Process(bytes, settings);
  REQUIRE(poster.ok());
  return std::move(*poster);
}

synth::Bytes Drawn(const synth::PosterSpec& spec, const std::string& ext) {
  return synth::Encode(synth::DrawPoster(spec), ext);
}

// `poster` with a QR code of `text`, `size` pixels wide, pasted at (x, y).
void PasteCode(cv::Mat& poster, const std::string& text, int x, int y, int size) {
  cv::Mat code = cv::imdecode(*ingest::QrCodePng(text, size), cv::IMREAD_COLOR);
  code.copyTo(poster(cv::Rect(x, y, code.cols, code.rows)));
}

}  // namespace

TEST_CASE("the SHA-256 is of the stored bytes", "[ingest][fingerprint]") {
  synth::Bytes png = PosterBytes(".png");
  CHECK(Ingest(png).sha256 == Sha256Hex(std::span<const uint8_t>(png)));
}

TEST_CASE("the same poster re-encoded or resized keeps a close perceptual hash",
          "[ingest][fingerprint]") {
  synth::PosterSpec spec;
  spec.width = 1240;
  spec.height = 1754;
  cv::Mat image = synth::DrawPoster(spec);
  cv::Mat smaller;
  cv::resize(image, smaller, cv::Size(900, 1273), 0, 0, cv::INTER_AREA);
  uint64_t png = Ingest(synth::Encode(image, ".png")).phash;
  uint64_t jpeg = Ingest(synth::Encode(smaller, ".jpg", 70)).phash;
  uint64_t webp = Ingest(synth::Encode(image, ".webp", 60)).phash;
  CHECK(ingest::HammingDistance(png, jpeg) <= 10);
  CHECK(ingest::HammingDistance(png, webp) <= 10);
}

TEST_CASE("different posters have distant perceptual hashes", "[ingest][fingerprint]") {
  synth::PosterSpec a, b;
  b.seed = 2;
  b.title = "전혀 다른 포스터";
  CHECK(ingest::HammingDistance(Ingest(Drawn(a, ".png")).phash, Ingest(Drawn(b, ".png")).phash) >
        10);
}

TEST_CASE("QR codes on a poster are decoded and listed", "[ingest][qr]") {
  synth::PosterSpec spec;
  spec.qr_payload = "https://innovation.example.go.kr/entry/7";
  ingest::Poster poster = Ingest(Drawn(spec, ".png"));
  CHECK(poster.qr_payloads == std::vector<std::string>{"https://innovation.example.go.kr/entry/7"});
  CHECK(ingest::IsWebUrl(poster.qr_payloads[0]));
  CHECK(Ingest(PosterBytes(".png")).qr_payloads.empty());
}

TEST_CASE("two QR codes on one poster are both listed, in no particular order", "[ingest][qr]") {
  cv::Mat poster = synth::DrawPoster(synth::PosterSpec());
  PasteCode(poster, "https://innovation.example.go.kr/entry/1", 60, 80, 240);
  PasteCode(poster, "https://innovation.example.go.kr/policy/2", 560, 1000, 240);
  std::vector<std::string> payloads = Ingest(synth::Encode(poster, ".png")).qr_payloads;
  std::sort(payloads.begin(), payloads.end());
  CHECK(payloads == std::vector<std::string>{"https://innovation.example.go.kr/entry/1",
                                             "https://innovation.example.go.kr/policy/2"});
}

TEST_CASE("a QR code turned on the poster is still read", "[ingest][qr]") {
  cv::Mat poster(1273, 900, CV_8UC3, cv::Scalar(255, 255, 255));
  PasteCode(poster, "https://innovation.example.go.kr/entry/30", 300, 400, 300);
  cv::Mat turned;
  cv::warpAffine(poster, turned, cv::getRotationMatrix2D(cv::Point2f(450, 550), 30, 1.0),
                 poster.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255, 255, 255));
  CHECK(Ingest(synth::Encode(turned, ".png")).qr_payloads ==
        std::vector<std::string>{"https://innovation.example.go.kr/entry/30"});
}

// Noise is full of runs in a finder's proportions; the decoder used to search
// all of it, 20 s of one core for one upload. It now looks only where three
// such patterns line up as a small code's corners (docs/ingest.md).
TEST_CASE("a poster of noise is accepted with no QR code", "[ingest][qr]") {
  cv::Mat noise(1273, 900, CV_8UC3);
  cv::randu(noise, 0, 256);
  ingest::Poster poster = Ingest(synth::Encode(noise, ".png"));
  CHECK(poster.qr_payloads.empty());
}

TEST_CASE("a QR code of plain text is listed but is not a URL", "[ingest][qr]") {
  synth::PosterSpec spec;
  spec.qr_payload = "혁신주간 2026";
  ingest::Poster poster = Ingest(Drawn(spec, ".png"));
  REQUIRE(poster.qr_payloads.size() == 1);
  CHECK_FALSE(ingest::IsWebUrl(poster.qr_payloads[0]));
}

TEST_CASE("a near-uniform poster is flagged blank with its measured spread", "[ingest][quality]") {
  cv::Mat flat(1273, 900, CV_8UC3, cv::Scalar(240, 240, 240));
  ingest::Poster poster = Ingest(synth::Encode(flat, ".png"));
  CHECK(HasFlag(poster, "blank"));
  CHECK_FALSE(HasFlag(poster, "blurry"));
  CHECK(poster.quality.stddev < 1.0);
}

TEST_CASE("a blurred poster is flagged blurry; a sharp one is not", "[ingest][quality]") {
  cv::Mat sharp = synth::DrawPoster(synth::PosterSpec());
  cv::Mat blurred;
  cv::GaussianBlur(sharp, blurred, cv::Size(0, 0), 6);
  ingest::Poster clear = Ingest(synth::Encode(sharp, ".png"));
  ingest::Poster soft = Ingest(synth::Encode(blurred, ".png"));
  CHECK_FALSE(HasFlag(clear, "blurry"));
  CHECK(HasFlag(soft, "blurry"));
  CHECK(soft.quality.sharpness < clear.quality.sharpness);
}

TEST_CASE("thumbnails are WebP at 320, 640 and 1280, keeping the shape; a JPEG only when asked",
          "[ingest][derivatives]") {
  synth::Bytes png = PosterBytes(".png", 2480, 3508);
  ingest::Settings with_jpeg;
  with_jpeg.jpeg_width = 1280;  // for browsers without WebP, where a contest still has them
  for (const ingest::Settings& settings : {ingest::Settings(), with_jpeg}) {
    ingest::Poster poster = Ingest(png, settings);
    bool jpeg = settings.jpeg_width > 0;
    REQUIRE(poster.derivatives.size() == (jpeg ? 4u : 3u));
    const int widths[] = {320, 640, 1280, 1280};
    for (size_t i = 0; i < poster.derivatives.size(); ++i) {
      const ingest::Derivative& d = poster.derivatives[i];
      INFO(i);
      CHECK(d.width == widths[i]);
      CHECK(d.height == int(std::lround(3508.0 * widths[i] / 2480)));
      CHECK(d.format == (i < 3 ? ingest::Format::kWebp : ingest::Format::kJpeg));
      cv::Mat decoded = cv::imdecode(d.bytes, cv::IMREAD_COLOR);
      CHECK(decoded.cols == d.width);
      CHECK(decoded.rows == d.height);
    }
  }
}

TEST_CASE("thumbnails are never wider than the poster", "[ingest][derivatives]") {
  ingest::Settings with_jpeg;
  with_jpeg.jpeg_width = 1280;
  ingest::Poster poster = Ingest(PosterBytes(".jpg", 1000, 1414), with_jpeg);
  std::vector<int> widths;
  for (const ingest::Derivative& d : poster.derivatives) widths.push_back(d.width);
  CHECK(widths == std::vector<int>{320, 640, 1000, 1000});
}

TEST_CASE("thumbnails carry no metadata from the original", "[ingest][derivatives]") {
  synth::ExifSpec exif;
  exif.software = "Midjourney";
  exif.user_comment = "GPS and a secret prompt";
  synth::Bytes jpeg =
      synth::JpegInsertSegment(PosterBytes(".jpg"), 0xE1, synth::ExifApp1(synth::Tiff(exif)));
  ingest::Poster poster = Ingest(jpeg);
  for (const ingest::Derivative& d : poster.derivatives) {
    std::string bytes(d.bytes.begin(), d.bytes.end());
    CHECK(bytes.find("Exif") == std::string::npos);
    CHECK(bytes.find("Midjourney") == std::string::npos);
    CHECK(bytes.find("EXIF") == std::string::npos);
    CHECK(bytes.find("XMP ") == std::string::npos);
  }
}
