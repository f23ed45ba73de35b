// Downscaling, encoding and measuring decoded posters.
#include "ingest/image_ops.h"

#include <webp/encode.h>

#include <algorithm>
#include <cmath>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgproc.hpp>

#include "ingest/codecs.h"

namespace poster::ingest {
namespace {

// Halves `image` exactly, which INTER_AREA does by plain 2x2 averaging.
cv::Mat Halve(const cv::Mat& image) {
  cv::Mat even = image(cv::Rect(0, 0, image.cols & ~1, image.rows & ~1));
  cv::Mat out;
  cv::resize(even, out, cv::Size(even.cols / 2, even.rows / 2), 0, 0, cv::INTER_AREA);
  return out;
}

// Exact halvings while the image is twice the target or more, then one bilinear
// step of less than 2x. Against a direct INTER_AREA resize (several times slower
// at non-integer ratios) this stays above 43 dB PSNR; bench/README.md has figures.
cv::Mat Downscale(const cv::Mat& source, cv::Size target) {
  cv::Mat image = source;
  while (image.cols >= 2 * target.width && image.rows >= 2 * target.height) image = Halve(image);
  if (image.size() == target) return image;
  cv::Mat out;
  cv::resize(image, out, target, 0, 0, cv::INTER_LINEAR);
  return out;
}

}  // namespace

std::map<int, cv::Mat> DownscaleChain(const cv::Mat& full, const ImageInfo& info,
                                      std::vector<int> widths) {
  std::map<int, cv::Mat> chain;
  for (int& width : widths) width = std::clamp(width, 1, info.width);
  std::sort(widths.begin(), widths.end(), std::greater<>());
  widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
  const cv::Mat* source = &full;
  for (int width : widths) {
    int height = std::max(1, int(std::lround(double(info.height) * width / info.width)));
    if (width == info.width && full.cols == info.width) {
      chain[width] = full;
    } else {
      chain[width] = Downscale(*source, cv::Size(width, height));
    }
    source = &chain[width];
  }
  return chain;
}

Result<std::vector<uint8_t>> EncodeWebp(const cv::Mat& bgr, int quality, int method) {
  WebPConfig config;
  WebPPicture picture;
  WebPMemoryWriter writer;
  if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) {
    return ProcessingFailed("derivatives", "encode_failed", "libwebp would not start");
  }
  config.quality = static_cast<float>(quality);
  config.method = method;
  picture.width = bgr.cols;
  picture.height = bgr.rows;
  WebPMemoryWriterInit(&writer);
  picture.writer = WebPMemoryWrite;
  picture.custom_ptr = &writer;
  std::vector<uint8_t> out;
  cv::Mat packed = bgr.isContinuous() ? bgr : bgr.clone();
  if (WebPPictureImportBGR(&picture, packed.ptr<uint8_t>(), static_cast<int>(packed.step)) &&
      WebPEncode(&config, &picture)) {
    out.assign(writer.mem, writer.mem + writer.size);
  }
  int error = picture.error_code;
  WebPPictureFree(&picture);
  WebPMemoryWriterClear(&writer);
  if (out.empty()) {
    return ProcessingFailed("derivatives", "encode_failed",
                            "libwebp wrote nothing (error " + std::to_string(error) + ")");
  }
  return out;
}

Result<std::vector<uint8_t>> EncodeJpeg(const cv::Mat& bgr, int quality) {
  std::vector<uint8_t> out = EncodeJpegBytes(bgr, quality);
  if (out.empty()) {
    return ProcessingFailed("derivatives", "encode_failed", "the JPEG encoder wrote nothing");
  }
  return out;
}

uint64_t PerceptualHash(const cv::Mat& bgr) {
  thread_local cv::Ptr<cv::img_hash::PHash> hasher = cv::img_hash::PHash::create();
  cv::Mat hash;
  hasher->compute(bgr, hash);
  uint64_t value = 0;
  for (int i = 0; i < hash.cols; ++i) value = value << 8 | hash.at<uint8_t>(0, i);
  return value;
}

Quality MeasureQuality(const cv::Mat& small, const cv::Mat& medium) {
  Quality quality;
  cv::Mat grey, laplacian;
  cv::Scalar mean, deviation;
  cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
  cv::meanStdDev(grey, mean, deviation);
  quality.stddev = deviation[0];
  cv::cvtColor(medium, grey, cv::COLOR_BGR2GRAY);
  cv::Laplacian(grey, laplacian, CV_32F);
  cv::meanStdDev(laplacian, mean, deviation);
  quality.sharpness = deviation[0] * deviation[0];
  return quality;
}

}  // namespace poster::ingest
