// Process(): the stages of ingest in order, each timed for the benchmark.
#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <mutex>

#include "base/sha256.h"
#include "ingest/image_ops.h"
#include "ingest/provenance.h"

namespace poster::ingest {
namespace {

constexpr int kQualitySmallWidth = 320;   // grey-level spread and the perceptual hash
constexpr int kQualityMediumWidth = 640;  // sharpness

class Stopwatch {
 public:
  // Adds the time since the last call to `slot`.
  void Lap(double& slot) {
    auto now = std::chrono::steady_clock::now();
    slot += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::vector<int> WidthsNeeded(const Settings& settings) {
  std::vector<int> widths = settings.webp_widths;
  if (settings.jpeg_width > 0) widths.push_back(settings.jpeg_width);
  widths.push_back(settings.qr_scan_width);
  widths.push_back(kQualitySmallWidth);
  widths.push_back(kQualityMediumWidth);
  return widths;
}

const cv::Mat& At(const std::map<int, cv::Mat>& chain, int width) {
  auto it = chain.lower_bound(width);  // the copy this wide, or the widest there is
  return it == chain.end() ? chain.rbegin()->second : it->second;
}

Status MakeDerivatives(const std::map<int, cv::Mat>& chain, const Settings& settings,
                       Poster& poster) {
  std::vector<int> done;
  for (int width : settings.webp_widths) {
    const cv::Mat& image = At(chain, width);
    if (std::find(done.begin(), done.end(), image.cols) != done.end()) continue;
    done.push_back(image.cols);
    POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> webp,
                            EncodeWebp(image, settings.webp_quality, settings.webp_method));
    poster.derivatives.push_back({Format::kWebp, image.cols, image.rows, std::move(webp)});
  }
  if (settings.jpeg_width > 0) {
    const cv::Mat& image = At(chain, settings.jpeg_width);
    POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> jpeg, EncodeJpeg(image, settings.jpeg_quality));
    poster.derivatives.push_back({Format::kJpeg, image.cols, image.rows, std::move(jpeg)});
  }
  return Status::Ok();
}

void SetFlags(const Settings& settings, bool metadata_truncated, Poster& poster) {
  if (poster.trailing_bytes > 0) poster.flags.emplace_back(kFlagTrailingData);
  if (poster.provenance.empty()) poster.flags.emplace_back(kFlagNoAiProvenance);
  if (metadata_truncated) poster.flags.emplace_back(kFlagMetadataTruncated);
  if (poster.quality.stddev < settings.blank_max_stddev) {
    poster.flags.emplace_back(kFlagBlank);
  } else if (poster.quality.sharpness < settings.blurry_max_sharpness) {
    poster.flags.emplace_back(kFlagBlurry);
  }
}

// The test hook of SetFailpointForTesting; `armed` keeps production off the mutex.
std::atomic<bool> failpoint_armed{false};
std::mutex failpoint_mutex;
std::function<void(std::string_view)> failpoint;

// Names the stage that starts now, for the error if it throws.
void Enter(std::string_view stage, std::string_view& current) {
  current = stage;
  if (!failpoint_armed.load(std::memory_order_relaxed)) return;
  std::function<void(std::string_view)> hook;
  {
    std::lock_guard lock(failpoint_mutex);
    hook = failpoint;
  }
  if (hook) hook(stage);
}

Result<Poster> RunStages(std::vector<uint8_t>& bytes, const Settings& settings,
                         std::string_view& stage) {
  Poster poster;
  Stopwatch clock;
  size_t max_text = static_cast<size_t>(std::max<int64_t>(settings.metadata_max_bytes, 0));
  Enter("sniff", stage);
  POSTER_ASSIGN_OR_RETURN(Inspection inspection, Inspect(bytes, settings.limits, max_text));
  poster.info = inspection.info;
  clock.Lap(poster.times.sniff);

  Enter("provenance", stage);
  ProvenanceReport provenance = ReadProvenance(inspection, max_text);
  poster.provenance = std::move(provenance.markers);
  clock.Lap(poster.times.provenance);

  Bytes image = Bytes(bytes).first(static_cast<size_t>(poster.info.image_end));
  std::vector<int> widths = WidthsNeeded(settings);
  std::map<int, cv::Mat> chain;
  {  // the full-size pixels live only as long as it takes to scale them down
    Enter("decode", stage);
    POSTER_ASSIGN_OR_RETURN(
        cv::Mat full,
        DecodeDisplayed(image, poster.info, *std::max_element(widths.begin(), widths.end())));
    clock.Lap(poster.times.decode);
    Enter("downscale", stage);
    chain = DownscaleChain(full, poster.info, widths);
  }
  Enter("derivatives", stage);
  POSTER_RETURN_IF_ERROR(MakeDerivatives(chain, settings, poster));
  clock.Lap(poster.times.derivatives);

  Enter("fingerprints", stage);
  poster.trailing_bytes = static_cast<int64_t>(bytes.size()) - poster.info.image_end;
  bytes.resize(static_cast<size_t>(poster.info.image_end));
  poster.original = std::move(bytes);
  poster.sha256 = Sha256Hex(poster.original);
  poster.phash = PerceptualHash(At(chain, kQualitySmallWidth));
  clock.Lap(poster.times.fingerprints);

  Enter("qr", stage);
  poster.qr_payloads =
      FindQrCodes(At(chain, kQualityMediumWidth), At(chain, settings.qr_scan_width));
  clock.Lap(poster.times.qr);

  Enter("quality", stage);
  poster.quality = MeasureQuality(At(chain, kQualitySmallWidth), At(chain, kQualityMediumWidth));
  SetFlags(settings, provenance.truncated, poster);
  clock.Lap(poster.times.quality);
  return poster;
}

}  // namespace

// The one boundary: whatever a library throws on an intake thread becomes a
// Status here instead of ending the process.
Result<Poster> Process(std::vector<uint8_t> bytes, const Settings& settings) {
  std::string_view stage = "sniff";
  try {
    return RunStages(bytes, settings, stage);
  } catch (const cv::Exception& error) {
    return ProcessingFailed(stage, "opencv", error.what());
  } catch (const std::bad_alloc&) {
    return ProcessingFailed(stage, "out_of_memory", "out of memory");
  } catch (const std::exception& error) {
    return ProcessingFailed(stage, "exception", error.what());
  } catch (...) {
    return ProcessingFailed(stage, "exception", "an unknown exception");
  }
}

void SetFailpointForTesting(std::function<void(std::string_view stage)> hook) {
  std::lock_guard lock(failpoint_mutex);
  failpoint_armed = static_cast<bool>(hook);
  failpoint = std::move(hook);
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

bool IsWebUrl(std::string_view payload) {
  auto starts = [&](std::string_view scheme) {
    if (payload.size() <= scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(payload[i])) != scheme[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kPng:
      return "png";
    case Format::kJpeg:
      return "jpeg";
    case Format::kWebp:
      return "webp";
  }
  return "unknown";
}

std::string_view FormatExtension(Format format) {
  return format == Format::kJpeg ? "jpg" : FormatName(format);
}

}  // namespace poster::ingest
