// Decoding (codecs.h: 8-bit BGR, on white), then turning the picture the
// right way up, which is what every later stage expects.
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
  Orient(decoded.pixels, info.orientation);
  return std::move(decoded.pixels);
}

}  // namespace poster::ingest
