// ingest: the bytes of one upload in, a validated poster out.
//
// Process() runs the whole pipeline on bytes already in memory: sniff the format,
// check the header against the limits, decode, normalise, fingerprint, read AI
// provenance, find QR codes, measure quality and make the derivatives. It touches
// no database and no network, keeps no state between calls, and is safe to call
// from many threads at once. Every rejection is a Status with one of the codes
// below; nothing is thrown.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace poster::ingest {

// Rejection codes. They are part of the contract: tests, scripts and the
// translated messages all key on them.
inline constexpr std::string_view kEmpty = "empty";
inline constexpr std::string_view kFileTooLarge = "file_too_large";
inline constexpr std::string_view kReadFailed = "read_failed";
inline constexpr std::string_view kUnsupportedFormat = "unsupported_format";
inline constexpr std::string_view kAnimated = "animated";
inline constexpr std::string_view kDimensionsTooLarge = "dimensions_too_large";
inline constexpr std::string_view kDimensionsTooSmall = "dimensions_too_small";
inline constexpr std::string_view kAspectRatio = "aspect_ratio";
inline constexpr std::string_view kCorrupt = "corrupt";
inline constexpr std::string_view kFetchBlocked = "fetch_blocked";
inline constexpr std::string_view kFetchFailed = "fetch_failed";
inline constexpr std::string_view kInvalidUrl = "invalid_url";
inline constexpr std::string_view kTooManyScans = "too_many_scans";
inline constexpr std::string_view kProcessingFailed = "processing_failed";

// Every code above, for checks that each one has a translation.
inline constexpr std::string_view kAllCodes[] = {
    kEmpty,        kFileTooLarge,       kReadFailed,         kUnsupportedFormat,
    kAnimated,     kDimensionsTooLarge, kDimensionsTooSmall, kAspectRatio,
    kCorrupt,      kFetchBlocked,       kFetchFailed,        kInvalidUrl,
    kTooManyScans, kProcessingFailed};

// Flags an accepted poster may carry: information for moderators, not rejections.
inline constexpr std::string_view kFlagTrailingData = "trailing_data";
inline constexpr std::string_view kFlagNoAiProvenance = "no_ai_provenance";
inline constexpr std::string_view kFlagMetadataTruncated = "metadata_truncated";
inline constexpr std::string_view kFlagBlank = "blank";
inline constexpr std::string_view kFlagBlurry = "blurry";

enum class Format { kPng, kJpeg, kWebp };
std::string_view FormatName(Format format);       // "png", "jpeg", "webp"
std::string_view FormatExtension(Format format);  // "png", "jpg", "webp"

struct Limits {
  int64_t max_bytes = 50LL << 20;
  int64_t max_pixels = 50'000'000;
  int max_side = 20000;
  int min_short_side = 800;
  double min_aspect = 0.5;  // width / height of the poster as displayed
  double max_aspect = 1.0;
  // Scans (SOS segments) in a progressive JPEG. Each scan makes the decoder pass
  // over the whole image again: encoders write 10 or fewer, a scan bomb thousands.
  int max_jpeg_scans = 100;
};

struct Settings {
  Limits limits;
  std::vector<int> webp_widths = {320, 640, 1280};
  int jpeg_width = 0;             // 0: no JPEG derivative (every browser in use takes WebP)
  int webp_quality = 80;          // 0-100
  int webp_method = 0;            // libwebp speed/size trade-off, 0 (fast) - 6; as contest.toml
  int jpeg_quality = 85;          // 0-100
  double blank_max_stddev = 3.0;  // grey-level standard deviation below which a poster is blank
  double blurry_max_sharpness =
      60.0;                  // variance of the Laplacian at 640 px below which it is blurry
  int qr_scan_width = 1280;  // QR codes are looked for on a copy this wide
  int64_t metadata_max_bytes = 1 << 20;  // per text chunk, after inflation
};

// What the pre-decode header check learned.
struct ImageInfo {
  Format format = Format::kPng;
  int stored_width = 0;  // as in the header
  int stored_height = 0;
  int orientation = 1;  // EXIF orientation, 1-8
  int width = 0;        // as displayed (orientation applied)
  int height = 0;
  int64_t image_end = 0;  // bytes past this offset are not part of the image
};

struct Marker {
  std::string source;  // where it was found, e.g. "png:parameters", "xmp:DigitalSourceType", "c2pa"
  std::string detail;  // what it says, shortened
};

struct Derivative {
  Format format = Format::kWebp;
  int width = 0;
  int height = 0;
  std::vector<uint8_t> bytes;
};

struct Quality {
  double stddev = 0;     // of the grey levels at 320 px
  double sharpness = 0;  // variance of the Laplacian at 640 px
};

// Wall-clock time spent in each stage, in seconds, for the benchmark.
struct StageTimes {
  double sniff = 0, decode = 0, fingerprints = 0, provenance = 0, qr = 0, quality = 0,
         derivatives = 0;
};

struct Poster {
  ImageInfo info;
  std::vector<uint8_t> original;  // the upload, cut at info.image_end
  int64_t trailing_bytes = 0;     // how many bytes were cut
  std::string sha256;             // lowercase hex of `original`
  uint64_t phash = 0;             // 64-bit perceptual hash (img_hash::PHash)
  std::vector<Marker> provenance;
  std::vector<std::string> qr_payloads;
  Quality quality;
  std::vector<std::string> flags;  // kFlag* values, in a stable order
  std::vector<Derivative> derivatives;
  StageTimes times;
};

// Reads the header of `bytes` and checks it against `limits` without decoding
// pixels. Fails with empty, file_too_large, unsupported_format, animated, corrupt
// (a header that contradicts itself or ends early), too_many_scans (a JPEG with
// more scans than limits.max_jpeg_scans), dimensions_too_large,
// dimensions_too_small or aspect_ratio.
Result<ImageInfo> Probe(const std::vector<uint8_t>& bytes, const Limits& limits);

// The whole pipeline. Fails with any Probe code, corrupt when the pixels do not
// decode completely, or processing_failed (details `stage` and `reason`:
// opencv, out_of_memory, exception, encode_failed) when a stage throws or an
// encoder produces nothing: every exception stops here, and no empty
// derivative is ever returned.
Result<Poster> Process(std::vector<uint8_t> bytes, const Settings& settings);

// Tests only: `hook` is called with each stage's name ("sniff", "provenance",
// "decode", "downscale", "derivatives", "fingerprints", "qr", "quality") as the
// stage starts, on whichever thread runs it; what it throws is what a failing
// library would throw there. An empty function removes it.
void SetFailpointForTesting(std::function<void(std::string_view stage)> hook);

// Number of differing bits between two perceptual hashes.
int HammingDistance(uint64_t a, uint64_t b);

// True when `payload` is an http or https URL.
bool IsWebUrl(std::string_view payload);

// A PNG of a QR code holding `text`, about `size` pixels square with its quiet
// zone, for the exhibition sheets. Fails with bad_request when the text is too
// long for a QR code.
Result<std::vector<uint8_t>> QrCodePng(std::string_view text, int size);

// A poster's pixels in a new file, and nothing else of the original: no EXIF,
// XMP, C2PA, text chunks or trailing bytes (reencode.cc). Decoded as the
// thumbnails are (EXIF orientation applied, transparency on white) and encoded
// by TurboJPEG or libspng: a JPEG as a JPEG at quality 95, anything else as a PNG. For the
// original a blind judge opens. Fails with any Probe code, corrupt, or
// processing_failed (stage reencode).
struct PixelsOnly {
  Format format = Format::kPng;
  std::vector<uint8_t> bytes;
};
Result<PixelsOnly> ReencodePixels(const std::vector<uint8_t>& bytes, const Limits& limits);

// Reads a file of at most `max_bytes`. Fails with read_failed, empty or
// file_too_large (the last without reading past the cap).
Result<std::vector<uint8_t>> ReadFile(const std::filesystem::path& path, int64_t max_bytes);

// ---- fetching a URL -------------------------------------------------------

struct FetchOptions {
  int64_t max_bytes = 50LL << 20;
  int connect_timeout_ms = 5000;
  int total_timeout_ms = 30000;
  int max_redirects = 3;
  bool allow_private_addresses = false;  // for tests against a server on 127.0.0.1
  // Exact "address:port" pairs let through even when private (tests only).
  std::vector<std::string> allowed_endpoints;
};

// True when connecting to this address must be refused: loopback, private,
// link-local, multicast, reserved, unspecified, and their IPv4-mapped and NAT64
// forms. `address` is a numeric IPv4 or IPv6 address; anything else is blocked.
bool IsBlockedAddress(std::string_view address);

// The seam at the network's edge: production uses CurlFetcher, tests may use
// their own.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Downloads `url`. Fails with invalid_url, fetch_blocked (an address the
  // policy refuses, redirects included), file_too_large, empty or fetch_failed
  // (network or HTTP error, with the reason in the message).
  virtual Result<std::vector<uint8_t>> Fetch(const std::string& url) = 0;
};

// A Fetcher built on libcurl with the policy in `options`.
class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(FetchOptions options) : options_(std::move(options)) {}
  Result<std::vector<uint8_t>> Fetch(const std::string& url) override;

 private:
  FetchOptions options_;
};

}  // namespace poster::ingest
