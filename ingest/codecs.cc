// TurboJPEG and libwebp's decoder, called directly, and the pixel layouts
// every decoder turns into BGR (see codecs.h; PNG is png_codec.cc).
#include "ingest/codecs.h"

#include <turbojpeg.h>
#include <webp/decode.h>

#include <memory>

namespace poster::ingest {
namespace {

constexpr DecodeFailure kDecodeFailed = DecodeFailure::kDecodeFailed;
constexpr DecodeFailure kBadHeader = DecodeFailure::kBadHeader;

struct TjCloser {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjCloser>;

// Over white: what the eye sees of `value` at `alpha`, rounded.
inline uint8_t OnWhite(int value, int alpha) {
  return uint8_t((value * alpha + 255 * (255 - alpha) + 127) / 255);
}

}  // namespace

void RowToBgr(Layout layout, const uint8_t* in, uint8_t* out, int width) {
  for (int x = 0; x < width; ++x, out += 3) {
    uint8_t r = in[0], g = in[1], b = in[2];
    if (layout == Layout::kRgb) {
      in += 3;
    } else if (layout == Layout::kRgba) {
      int alpha = in[3];
      in += 4;
      if (alpha != 255) r = OnWhite(r, alpha), g = OnWhite(g, alpha), b = OnWhite(b, alpha);
    } else {  // inverted CMYK: in[0..2] are C, M, Y and in[3] is K, 255 meaning none
      int k = in[3];
      in += 4;
      r = uint8_t((r * k + 127) / 255), g = uint8_t((g * k + 127) / 255);
      b = uint8_t((b * k + 127) / 255);
    }
    out[0] = b, out[1] = g, out[2] = r;
  }
}

cv::Mat ToBgrInPlace(cv::Mat pixels, Layout layout) {
  CV_Assert(pixels.isContinuous() && pixels.channels() == (layout == Layout::kRgb ? 3 : 4));
  int rows = pixels.rows, cols = pixels.cols;
  uint8_t* data = pixels.ptr<uint8_t>();
  size_t in_step = size_t(cols) * pixels.channels(), out_step = size_t(cols) * 3;
  for (int y = 0; y < rows; ++y) RowToBgr(layout, data + y * in_step, data + y * out_step, cols);
  if (layout == Layout::kRgb) return pixels;
  // The first three quarters of the same buffer, seen as a BGR image.
  return pixels.reshape(1, 1).colRange(0, rows * cols * 3).reshape(3, rows);
}

Decoded DecodeJpegPixels(Bytes jpeg, int reduction, int width, int height) {
  TjHandle handle(tjInitDecompress());
  if (!handle) return Decoded::Failed(kDecodeFailed);
  auto* data = const_cast<unsigned char*>(jpeg.data());
  auto size = static_cast<unsigned long>(jpeg.size());
  int stored_width = 0, stored_height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle.get(), data, size, &stored_width, &stored_height, &subsampling,
                          &colorspace) != 0) {
    return Decoded::Failed(kDecodeFailed);
  }
  if (stored_width != width || stored_height != height) return Decoded::Failed(kBadHeader);
  tjscalingfactor scale{1, reduction};
  cv::Size scaled(TJSCALED(width, scale), TJSCALED(height, scale));
  bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
  cv::Mat pixels(scaled, cmyk ? CV_8UC4 : CV_8UC3);
  int flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;
  if (tjDecompress2(handle.get(), data, size, pixels.data, scaled.width, int(pixels.step),
                    scaled.height, cmyk ? TJPF_CMYK : TJPF_BGR, flags) != 0) {
    return Decoded::Failed(kDecodeFailed);
  }
  return Decoded::Of(cmyk ? ToBgrInPlace(std::move(pixels), Layout::kInvertedCmyk) : pixels);
}

Decoded DecodeWebpPixels(Bytes webp, int width, int height) {
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(webp.data(), webp.size(), &features) != VP8_STATUS_OK)
    return Decoded::Failed(kDecodeFailed);
  if (features.width != width || features.height != height) return Decoded::Failed(kBadHeader);
  if (features.has_animation) return Decoded::Failed(kDecodeFailed);
  cv::Mat pixels(height, width, features.has_alpha ? CV_8UC4 : CV_8UC3);
  size_t size = pixels.total() * pixels.elemSize();
  uint8_t* written =
      features.has_alpha
          ? WebPDecodeRGBAInto(webp.data(), webp.size(), pixels.data, size, int(pixels.step))
          : WebPDecodeBGRInto(webp.data(), webp.size(), pixels.data, size, int(pixels.step));
  if (written == nullptr) return Decoded::Failed(kDecodeFailed);
  return Decoded::Of(features.has_alpha ? ToBgrInPlace(std::move(pixels), Layout::kRgba) : pixels);
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

}  // namespace poster::ingest
