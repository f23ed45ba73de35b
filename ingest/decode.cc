// Decoding with OpenCV, then normalising to what every later stage expects:
// 8-bit, three channels, on white, the right way up.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <string>

#include "ingest/image_ops.h"

namespace poster::ingest {
namespace {

constexpr int kOpenCvWebpMinimum = 32;

Status DecodeFailed(Format format) {
  return Corrupt(format, "decode_failed", "its pixels could not be decoded");
}

// The largest JPEG DCT scale (1, 2, 4 or 8) that keeps `needed` pixels across.
int JpegReduction(const ImageInfo& info, int needed) {
  for (int factor : {8, 4, 2}) {
    if ((info.width + factor - 1) / factor >= needed) return factor;
  }
  return 1;
}

int DecodeFlags(const ImageInfo& info, int reduction) {
  int flags = cv::IMREAD_IGNORE_ORIENTATION;
  if (info.format != Format::kJpeg) return flags | cv::IMREAD_UNCHANGED;
  switch (reduction) {
    case 8:
      return flags | cv::IMREAD_REDUCED_COLOR_8;
    case 4:
      return flags | cv::IMREAD_REDUCED_COLOR_4;
    case 2:
      return flags | cv::IMREAD_REDUCED_COLOR_2;
    default:
      return flags | cv::IMREAD_COLOR;
  }
}

void FlattenOntoWhite(cv::Mat& bgra) {
  cv::Mat out(bgra.rows, bgra.cols, CV_8UC3);
  for (int y = 0; y < bgra.rows; ++y) {
    const uint8_t* in = bgra.ptr<uint8_t>(y);
    uint8_t* to = out.ptr<uint8_t>(y);
    for (int x = 0; x < bgra.cols; ++x, in += 4, to += 3) {
      int alpha = in[3];
      for (int c = 0; c < 3; ++c)
        to[c] = uint8_t((in[c] * alpha + 255 * (255 - alpha) + 127) / 255);
    }
  }
  bgra = out;
}

void Normalise(cv::Mat& image) {
  if (image.depth() == CV_16U) image.convertTo(image, CV_8U, 1.0 / 257);
  if (image.channels() == 1) cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);
  if (image.channels() == 2) {  // grey + alpha
    cv::Mat planes[2], rgba[4];
    cv::split(image, planes);
    rgba[0] = rgba[1] = rgba[2] = planes[0];
    rgba[3] = planes[1];
    cv::merge(rgba, 4, image);
  }
  if (image.channels() == 4) FlattenOntoWhite(image);
}

void Orient(cv::Mat& image, int orientation) {
  switch (orientation) {
    case 2:
      cv::flip(image, image, 1);
      break;
    case 3:
      cv::rotate(image, image, cv::ROTATE_180);
      break;
    case 4:
      cv::flip(image, image, 0);
      break;
    case 5:
      cv::transpose(image, image);
      break;
    case 6:
      cv::rotate(image, image, cv::ROTATE_90_CLOCKWISE);
      break;
    case 7:
      cv::transpose(image, image);
      cv::flip(image, image, -1);
      break;
    case 8:
      cv::rotate(image, image, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      break;
  }
}

}  // namespace

Result<cv::Mat> DecodeDisplayed(Bytes image, const ImageInfo& info, int needed_width) {
  int reduction = info.format == Format::kJpeg ? JpegReduction(info, needed_width) : 1;
  cv::Mat decoded;
  try {
    cv::Mat buffer(1, static_cast<int>(image.size()), CV_8U, const_cast<uint8_t*>(image.data()));
    if (info.format == Format::kWebp && buffer.cols < kOpenCvWebpMinimum) {
      // OpenCV wants 32 bytes before it looks at a WebP; libwebp ignores what follows RIFF.
      cv::Mat padded = cv::Mat::zeros(1, kOpenCvWebpMinimum, CV_8U);
      buffer.copyTo(padded.colRange(0, buffer.cols));
      buffer = padded;
    }
    decoded = cv::imdecode(buffer, DecodeFlags(info, reduction));
    if (decoded.empty()) return DecodeFailed(info.format);
    int expected_width = (info.stored_width + reduction - 1) / reduction;
    int expected_height = (info.stored_height + reduction - 1) / reduction;
    if (decoded.cols != expected_width || decoded.rows != expected_height) {
      return Corrupt(info.format, "bad_header", "its header and its pixels disagree on its size");
    }
    Normalise(decoded);
    Orient(decoded, info.orientation);
  } catch (const cv::Exception& error) {
    if (std::string(error.what()).find("validateInputImageSize") != std::string::npos) {
      return Status(std::string(kDimensionsTooLarge),
                    "The image decoder refused the poster's size. Export it smaller.");
    }
    return DecodeFailed(info.format);
  }
  return decoded;
}

}  // namespace poster::ingest
