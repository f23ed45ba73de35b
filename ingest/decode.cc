// Decoding (codecs.h), then normalising to what every later stage expects:
// 8-bit, three channels, on white, the right way up.
#include <opencv2/imgproc.hpp>

#include <string>

#include "ingest/codecs.h"
#include "ingest/image_ops.h"

namespace poster::ingest {
namespace {

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

Decoded DecodePixels(Bytes image, const ImageInfo& info, int reduction) {
  switch (info.format) {
    case Format::kJpeg:
      return DecodeJpegPixels(image, reduction, info.stored_width, info.stored_height);
    case Format::kPng:
      return DecodePngPixels(image, info.stored_width, info.stored_height);
    case Format::kWebp:
      return DecodeWebpPixels(image, info.stored_width, info.stored_height);
  }
  return Decoded{cv::Mat(), DecodeFailure::kDecodeFailed};
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
  Decoded decoded = DecodePixels(image, info, reduction);
  if (decoded.failure == DecodeFailure::kBadHeader) {
    return Corrupt(info.format, "bad_header", "its header and its pixels disagree on its size");
  }
  if (decoded.failure != DecodeFailure::kNone || decoded.pixels.empty())
    return DecodeFailed(info.format);
  Normalise(decoded.pixels);
  Orient(decoded.pixels, info.orientation);
  return std::move(decoded.pixels);
}

}  // namespace poster::ingest
