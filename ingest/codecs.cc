// TurboJPEG, libspng and libwebp, called directly (see codecs.h).
#include "ingest/codecs.h"

#include <spng.h>
#include <turbojpeg.h>
#include <webp/decode.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <string_view>

namespace poster::ingest {
namespace {

constexpr DecodeFailure kDecodeFailed = DecodeFailure::kDecodeFailed;
constexpr DecodeFailure kBadHeader = DecodeFailure::kBadHeader;

Decoded Failed(DecodeFailure reason) { return Decoded{cv::Mat(), reason}; }
Decoded Pixels(cv::Mat pixels) { return Decoded{std::move(pixels), DecodeFailure::kNone}; }

struct TjCloser {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjCloser>;

// libjpeg hands CMYK out as Adobe writes it, inverted: 255 is no ink.
cv::Mat InvertedCmykToBgr(const cv::Mat& cmyk) {
  cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
  for (int y = 0; y < cmyk.rows; ++y) {
    const uint8_t* in = cmyk.ptr<uint8_t>(y);
    uint8_t* out = bgr.ptr<uint8_t>(y);
    for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
      int k = in[3];
      out[0] = uint8_t((in[2] * k + 127) / 255);
      out[1] = uint8_t((in[1] * k + 127) / 255);
      out[2] = uint8_t((in[0] * k + 127) / 255);
    }
  }
  return bgr;
}

struct SpngCloser {
  void operator()(spng_ctx* context) const { spng_ctx_free(context); }
};
using SpngContext = std::unique_ptr<spng_ctx, SpngCloser>;

bool PictureChunk(std::string_view type) {
  return type == "IHDR" || type == "PLTE" || type == "tRNS" || type == "IDAT" || type == "IEND";
}

// The signature and the chunks the picture needs, in file order, or nothing
// when the file holds no other chunk; `png`'s structure was walked (lengths
// and CRCs) before this is called.
std::optional<std::vector<uint8_t>> PictureChunks(Bytes png) {
  std::vector<uint8_t> out(png.begin(), png.begin() + 8);
  bool dropped = false;
  for (size_t at = 8; at + 12 <= png.size();) {
    size_t total = 12 + size_t(U32BE(png, at));
    if (total > png.size() - at) break;
    std::string_view type(reinterpret_cast<const char*>(png.data() + at + 4), 4);
    if (PictureChunk(type)) {
      out.insert(out.end(), png.begin() + at, png.begin() + at + total);
    } else {
      dropped = true;
    }
    if (type == "IEND") break;
    at += total;
  }
  if (!dropped) return std::nullopt;
  return out;
}

}  // namespace

Decoded DecodeJpegPixels(Bytes jpeg, int reduction, int width, int height) {
  TjHandle handle(tjInitDecompress());
  if (!handle) return Failed(kDecodeFailed);
  auto* data = const_cast<unsigned char*>(jpeg.data());
  auto size = static_cast<unsigned long>(jpeg.size());
  int stored_width = 0, stored_height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle.get(), data, size, &stored_width, &stored_height, &subsampling,
                          &colorspace) != 0) {
    return Failed(kDecodeFailed);
  }
  if (stored_width != width || stored_height != height) return Failed(kBadHeader);
  tjscalingfactor scale{1, reduction};
  cv::Size scaled(TJSCALED(width, scale), TJSCALED(height, scale));
  bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
  cv::Mat pixels(scaled, cmyk ? CV_8UC4 : CV_8UC3);
  int flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;
  if (tjDecompress2(handle.get(), data, size, pixels.data, scaled.width, int(pixels.step),
                    scaled.height, cmyk ? TJPF_CMYK : TJPF_BGR, flags) != 0) {
    return Failed(kDecodeFailed);
  }
  return Pixels(cmyk ? InvertedCmykToBgr(pixels) : pixels);
}

Decoded DecodePngPixels(Bytes png, int width, int height) {
  std::optional<std::vector<uint8_t>> picture = PictureChunks(png);
  if (picture) png = *picture;
  SpngContext context(spng_ctx_new(0));
  if (!context) return Failed(kDecodeFailed);
  spng_ctx* ctx = context.get();
  spng_set_image_limits(ctx, uint32_t(width), uint32_t(height));
  if (spng_set_png_buffer(ctx, png.data(), png.size()) != 0) return Failed(kDecodeFailed);
  spng_ihdr header{};
  if (spng_get_ihdr(ctx, &header) != 0) return Failed(kDecodeFailed);
  if (int(header.width) != width || int(header.height) != height) return Failed(kBadHeader);
  spng_trns transparency{};
  bool alpha = header.color_type == SPNG_COLOR_TYPE_GRAYSCALE_ALPHA ||
               header.color_type == SPNG_COLOR_TYPE_TRUECOLOR_ALPHA ||
               spng_get_trns(ctx, &transparency) == 0;
  int format = alpha ? SPNG_FMT_RGBA8 : SPNG_FMT_RGB8;
  cv::Mat pixels(height, width, alpha ? CV_8UC4 : CV_8UC3);
  size_t needed = 0;
  if (spng_decoded_image_size(ctx, format, &needed) != 0 ||
      needed != pixels.total() * pixels.elemSize())
    return Failed(kDecodeFailed);
  if (spng_decode_image(ctx, pixels.data, needed, format, SPNG_DECODE_TRNS) != 0)
    return Failed(kDecodeFailed);
  cv::cvtColor(pixels, pixels, alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
  return Pixels(pixels);
}

Decoded DecodeWebpPixels(Bytes webp, int width, int height) {
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(webp.data(), webp.size(), &features) != VP8_STATUS_OK)
    return Failed(kDecodeFailed);
  if (features.width != width || features.height != height) return Failed(kBadHeader);
  if (features.has_animation) return Failed(kDecodeFailed);
  cv::Mat pixels(height, width, features.has_alpha ? CV_8UC4 : CV_8UC3);
  size_t size = pixels.total() * pixels.elemSize();
  uint8_t* written =
      features.has_alpha
          ? WebPDecodeBGRAInto(webp.data(), webp.size(), pixels.data, size, int(pixels.step))
          : WebPDecodeBGRInto(webp.data(), webp.size(), pixels.data, size, int(pixels.step));
  if (written == nullptr) return Failed(kDecodeFailed);
  return Pixels(pixels);
}

std::vector<uint8_t> EncodeJpegBytes(const cv::Mat& bgr, int quality) {
  TjHandle handle(tjInitCompress());
  if (!handle || bgr.type() != CV_8UC3) return {};
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  int status = tjCompress2(handle.get(), bgr.data, bgr.cols, int(bgr.step), bgr.rows, TJPF_BGR,
                           &jpeg, &size, TJSAMP_420, quality, 0);
  std::vector<uint8_t> out;
  if (status == 0 && jpeg != nullptr) out.assign(jpeg, jpeg + size);
  tjFree(jpeg);
  return out;
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
