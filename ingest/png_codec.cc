// PNG through libspng (codecs.h). Decoding reads the picture's chunks straight
// out of the upload, row by row into the BGR image, so that the poster is held
// once as a file and once as pixels, with no copy of either.
#include <spng.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <opencv2/imgproc.hpp>
#include <string_view>
#include <vector>

#include "ingest/codecs.h"

namespace poster::ingest {
namespace {

struct SpngCloser {
  void operator()(spng_ctx* context) const { spng_ctx_free(context); }
};
using SpngContext = std::unique_ptr<spng_ctx, SpngCloser>;

bool PictureChunk(std::string_view type) {
  return type == "IHDR" || type == "PLTE" || type == "tRNS" || type == "IDAT" || type == "IEND";
}

// The file as libspng sees it: the signature and the chunks the picture
// needs, in file order, read in place. Text, ICC and unknown chunks are the
// provenance reader's business and are never decompressed twice. `png`'s
// structure (lengths and CRCs) was walked before this is made.
class PictureStream {
 public:
  explicit PictureStream(Bytes png) {
    pieces_.push_back(png.first(8));
    for (size_t at = 8; at + 12 <= png.size();) {
      size_t total = 12 + size_t(U32BE(png, at));
      if (total > png.size() - at) break;
      std::string_view type(reinterpret_cast<const char*>(png.data() + at + 4), 4);
      if (PictureChunk(type)) pieces_.push_back(png.subspan(at, total));
      if (type == "IEND") break;
      at += total;
    }
  }

  static int Read(spng_ctx*, void* self, void* to, size_t length) {
    return static_cast<PictureStream*>(self)->Copy(static_cast<uint8_t*>(to), length);
  }

 private:
  int Copy(uint8_t* to, size_t length) {
    while (length > 0) {
      if (piece_ == pieces_.size()) return SPNG_IO_EOF;
      Bytes rest = pieces_[piece_].subspan(offset_);
      size_t n = std::min(length, rest.size());
      std::memcpy(to, rest.data(), n);
      to += n;
      length -= n;
      offset_ += n;
      if (offset_ == pieces_[piece_].size()) ++piece_, offset_ = 0;
    }
    return 0;
  }

  std::vector<Bytes> pieces_;
  size_t piece_ = 0;
  size_t offset_ = 0;
};

// Row by row: each row is decoded into the image's own row (RGB, swapped
// there) or into one RGBA row that is composited into it.
bool DecodeRows(spng_ctx* ctx, Layout layout, cv::Mat& bgr) {
  size_t row_bytes = size_t(bgr.cols) * (layout == Layout::kRgba ? 4 : 3);
  std::vector<uint8_t> rgba(layout == Layout::kRgba ? row_bytes : 0);
  for (int y = 0; y < bgr.rows; ++y) {
    uint8_t* row = layout == Layout::kRgba ? rgba.data() : bgr.ptr<uint8_t>(y);
    int status = spng_decode_row(ctx, row, row_bytes);
    bool last = y == bgr.rows - 1;
    if (status != (last ? SPNG_EOI : 0)) return false;
    RowToBgr(layout, row, bgr.ptr<uint8_t>(y), bgr.cols);
  }
  return true;
}

}  // namespace

Decoded DecodePngPixels(Bytes png, int width, int height) {
  PictureStream stream(png);
  SpngContext context(spng_ctx_new(0));
  if (!context) return Decoded::Failed(DecodeFailure::kDecodeFailed);
  spng_ctx* ctx = context.get();
  spng_set_image_limits(ctx, uint32_t(width), uint32_t(height));
  if (spng_set_png_stream(ctx, &PictureStream::Read, &stream) != 0)
    return Decoded::Failed(DecodeFailure::kDecodeFailed);
  spng_ihdr header{};
  if (spng_get_ihdr(ctx, &header) != 0) return Decoded::Failed(DecodeFailure::kDecodeFailed);
  if (int(header.width) != width || int(header.height) != height)
    return Decoded::Failed(DecodeFailure::kBadHeader);
  spng_trns transparency{};
  bool alpha = header.color_type == SPNG_COLOR_TYPE_GRAYSCALE_ALPHA ||
               header.color_type == SPNG_COLOR_TYPE_TRUECOLOR_ALPHA ||
               spng_get_trns(ctx, &transparency) == 0;
  Layout layout = alpha ? Layout::kRgba : Layout::kRgb;
  int format = alpha ? SPNG_FMT_RGBA8 : SPNG_FMT_RGB8;
  size_t needed = 0;
  if (spng_decoded_image_size(ctx, format, &needed) != 0 ||
      needed != size_t(width) * size_t(height) * (alpha ? 4 : 3))
    return Decoded::Failed(DecodeFailure::kDecodeFailed);
  if (header.interlace_method != SPNG_INTERLACE_NONE) {
    // Adam7 visits each row several times: the whole picture first, then BGR.
    cv::Mat pixels(height, width, alpha ? CV_8UC4 : CV_8UC3);
    if (spng_decode_image(ctx, pixels.data, needed, format, SPNG_DECODE_TRNS) != 0)
      return Decoded::Failed(DecodeFailure::kDecodeFailed);
    return Decoded::Of(ToBgrInPlace(std::move(pixels), layout));
  }
  cv::Mat bgr(height, width, CV_8UC3);
  if (spng_decode_image(ctx, nullptr, 0, format, SPNG_DECODE_TRNS | SPNG_DECODE_PROGRESSIVE) != 0 ||
      !DecodeRows(ctx, layout, bgr))
    return Decoded::Failed(DecodeFailure::kDecodeFailed);
  return Decoded::Of(std::move(bgr));
}

std::vector<uint8_t> EncodePngBytes(const cv::Mat& pixels) {
  if (pixels.depth() != CV_8U || (pixels.channels() != 1 && pixels.channels() != 3)) return {};
  cv::Mat rows;
  if (pixels.channels() == 3) {
    cv::cvtColor(pixels, rows, cv::COLOR_BGR2RGB);
  } else {
    rows = pixels.isContinuous() ? pixels : pixels.clone();
  }
  SpngContext context(spng_ctx_new(SPNG_CTX_ENCODER));
  if (!context) return {};
  spng_ctx* ctx = context.get();
  spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
  spng_ihdr header{};
  header.width = uint32_t(rows.cols);
  header.height = uint32_t(rows.rows);
  header.bit_depth = 8;
  header.color_type =
      uint8_t(rows.channels() == 3 ? SPNG_COLOR_TYPE_TRUECOLOR : SPNG_COLOR_TYPE_GRAYSCALE);
  if (spng_set_ihdr(ctx, &header) != 0) return {};
  if (spng_encode_image(ctx, rows.data, rows.total() * rows.elemSize(), SPNG_FMT_PNG,
                        SPNG_ENCODE_FINALIZE) != 0) {
    return {};
  }
  size_t length = 0;
  int error = 0;
  void* buffer = spng_get_png_buffer(ctx, &length, &error);
  std::vector<uint8_t> out;
  if (buffer != nullptr && error == 0)
    out.assign(static_cast<uint8_t*>(buffer), static_cast<uint8_t*>(buffer) + length);
  std::free(buffer);
  return out;
}

}  // namespace poster::ingest
