// The image codecs ingest calls directly (private to ingest): libjpeg-turbo's
// TurboJPEG, libspng and libwebp, instead of OpenCV's imgcodecs, which pulls in
// 118 more shared libraries that every `poster` command paid for at start-up.
// Each decoder is handed bytes whose container the bounded readers have
// already walked and whose size Probe has checked against the limits.
#pragma once

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "ingest/bytes.h"

namespace poster::ingest {

// What a decoder returns: 8-bit BGR pixels, transparency composited over
// white; or why not, which decode.cc turns into corrupt with that reason
// (decode_failed, bad_header: the decoder reads another size).
enum class DecodeFailure { kNone, kDecodeFailed, kBadHeader };
struct Decoded {
  cv::Mat pixels;
  DecodeFailure failure = DecodeFailure::kNone;

  static Decoded Of(cv::Mat bgr) { return {std::move(bgr), DecodeFailure::kNone}; }
  static Decoded Failed(DecodeFailure why) { return {cv::Mat(), why}; }
};

// How a decoder's pixels are laid out before they become BGR: RGB; RGBA,
// composited over white; CMYK as Adobe writes it, inverted (255 is no ink).
enum class Layout { kRgb, kRgba, kInvertedCmyk };

// Writes `width` BGR pixels to `out` from the row at `in`. `out` may be `in`
// or behind it: each pixel is read before it is written.
void RowToBgr(Layout layout, const uint8_t* in, uint8_t* out, int width);

// `pixels` (continuous, three or four bytes a pixel as `layout` says) turned
// into BGR inside its own memory, so that no second image is ever allocated.
cv::Mat ToBgrInPlace(cv::Mat pixels, Layout layout);

// A JPEG at 1/`reduction` scale (1, 2, 4 or 8), BGR. Any warning of libjpeg
// (data cut short, a fake end marker, garbage) is a failure: a poster must
// decode completely. CMYK and YCCK files are converted to BGR here.
Decoded DecodeJpegPixels(Bytes jpeg, int reduction, int width, int height);

// A PNG, with only the chunks the picture needs handed to libspng (IHDR,
// PLTE, tRNS, IDAT, IEND), read in place and decoded row by row
// (png_decode.cc). 16-bit samples are cut to 8, grey and palette expanded.
Decoded DecodePngPixels(Bytes png, int width, int height);

// A WebP's first (only) frame.
Decoded DecodeWebpPixels(Bytes webp, int width, int height);

// A baseline JPEG of 8-bit BGR pixels, 4:2:0, at `quality` (1-100); empty on failure.
std::vector<uint8_t> EncodeJpegBytes(const cv::Mat& bgr, int quality);

// A PNG of 8-bit grey or BGR pixels; empty on failure.
std::vector<uint8_t> EncodePngBytes(const cv::Mat& pixels);

}  // namespace poster::ingest
