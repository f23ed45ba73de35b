// DrawPoster: a plausible contest poster, drawn deterministically.
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <random>

#include "tests/support/synth.h"

namespace poster::synth {
namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf";

cv::Scalar Colour(std::mt19937& random) {
  std::uniform_int_distribution<int> channel(20, 235);
  return cv::Scalar(channel(random), channel(random), channel(random));
}

void Gradient(cv::Mat& image, cv::Scalar top, cv::Scalar bottom) {
  for (int y = 0; y < image.rows; ++y) {
    double t = double(y) / std::max(1, image.rows - 1);
    image.row(y).setTo(top * (1 - t) + bottom * t);
  }
}

// Coloured noise `cell` pixels across, smoothed up to `size`.
cv::Mat Noise(cv::Size size, int cell, std::mt19937& random) {
  cv::Mat noise(std::max(4, size.height / cell), std::max(4, size.width / cell), CV_8UC3);
  std::uniform_int_distribution<int> value(0, 255);
  for (auto it = noise.begin<cv::Vec3b>(); it != noise.end<cv::Vec3b>(); ++it) {
    *it = cv::Vec3b(uint8_t(value(random)), uint8_t(value(random)), uint8_t(value(random)));
  }
  cv::Mat large;
  cv::resize(noise, large, size, 0, 0, cv::INTER_CUBIC);
  return large;
}

// Smooth coloured noise, like the texture of a generated illustration; with
// `rich`, finer octaves over most of the poster and a grain on top.
void Artwork(cv::Mat& image, std::mt19937& random, bool rich) {
  cv::Rect area =
      rich ? cv::Rect(0, image.rows / 5, image.cols, image.rows * 3 / 5)
           : cv::Rect(image.cols / 12, image.rows / 4, image.cols * 10 / 12, image.rows * 2 / 5);
  std::uniform_int_distribution<int> value(0, 255);
  cv::Mat large = Noise(area.size(), 40, random);
  cv::GaussianBlur(large, large, cv::Size(0, 0), 3);
  if (rich) {
    cv::addWeighted(large, 0.7, Noise(area.size(), 8, random), 0.3, 0, large);
    cv::addWeighted(large, 0.85, Noise(area.size(), 2, random), 0.15, 0, large);
  }
  large.copyTo(image(area));
  for (int i = 0; i < 12; ++i) {
    cv::Point centre(area.x + value(random) * area.width / 256,
                     area.y + value(random) * area.height / 256);
    cv::circle(image, centre, 10 + value(random) * area.width / 1024, Colour(random), cv::FILLED,
               cv::LINE_AA);
  }
}

void Text(cv::Mat& image, const std::string& text, int height, int y, cv::Scalar colour) {
  static thread_local cv::Ptr<cv::freetype::FreeType2> font = [] {
    auto created = cv::freetype::createFreeType2();
    created->loadFontData(kFont, 0);
    return created;
  }();
  int baseline = 0;
  cv::Size size = font->getTextSize(text, height, -1, &baseline);
  cv::Point origin((image.cols - size.width) / 2, y);
  font->putText(image, text, origin, height, colour, -1, cv::LINE_AA, false);
}

void Qr(cv::Mat& image, const std::string& payload) {
  cv::Mat code;
  cv::QRCodeEncoder::create()->encode(payload, code);
  int side = image.cols / 5;
  int quiet = side / 8;
  cv::Rect box(image.cols - side - 2 * quiet - image.cols / 20,
               image.rows - side - 2 * quiet - image.rows / 30, side + 2 * quiet, side + 2 * quiet);
  image(box).setTo(cv::Scalar(255, 255, 255));
  cv::Mat scaled, bgr;
  cv::resize(code, scaled, cv::Size(side, side), 0, 0, cv::INTER_NEAREST);
  cv::cvtColor(scaled, bgr, cv::COLOR_GRAY2BGR);
  bgr.copyTo(image(cv::Rect(box.x + quiet, box.y + quiet, side, side)));
}

}  // namespace

cv::Mat DrawPoster(const PosterSpec& spec) {
  std::mt19937 random(spec.seed);
  cv::Mat image(spec.height, spec.width, CV_8UC3);
  Gradient(image, Colour(random), Colour(random));
  if (spec.artwork) Artwork(image, random, spec.rich);
  int unit = spec.width / 24;
  cv::Scalar ink(20, 20, 20), light(250, 250, 250);
  Text(image, spec.title, unit * 2, spec.height / 8 + unit, light);
  Text(image, spec.subtitle, unit, spec.height / 8 + unit * 4, light);
  int y = spec.height * 3 / 4;
  for (const std::string& line : spec.lines) {
    Text(image, line, unit, y, ink);
    y += unit * 2;
  }
  if (spec.rich) {  // the grain of a diffusion model's output
    cv::Mat grain(image.size(), CV_16SC3);
    cv::randn(grain, 0, 4);
    cv::Mat widened;
    image.convertTo(widened, CV_16SC3);
    cv::add(widened, grain, widened);
    widened.convertTo(image, CV_8UC3);
  }
  if (spec.qr_payload) Qr(image, *spec.qr_payload);
  return image;
}

}  // namespace poster::synth
