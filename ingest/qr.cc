// QR codes: a cheap search for finder patterns finds where codes may be, and the
// WeChat decoder looks only there: on a whole image of noise it takes 20 s.
//
// Debian's OpenCV 4.6 is built without quirc, so cv::QRCodeDetector finds codes
// but cannot decode them; contrib's WeChat detector decodes on its own, taking
// 5-30 ms on a poster with a code and 70-600 ms on one without.
#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <optional>
#include <tuple>

#include "ingest/codecs.h"
#include "ingest/errors.h"
#include "ingest/image_ops.h"

namespace poster::ingest {
namespace {

using Runs = std::array<int, 5>;

constexpr size_t kMaxCentres = 64;  // bounds the triangle search on busy images
constexpr size_t kMaxRegions = 4;   // decoded at most: a poster shows a code or two
// Finder centres at most 8 finder widths apart: codes up to version 10 (57
// modules, some 200 bytes), more than a poster's link needs. Noise and texture
// make finder-like runs a few pixels across, so their regions stay that small.
constexpr double kMaxSpan = 8.0;

bool IsFinderRatio(const Runs& runs) {
  int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
  if (total < 7) return false;
  double module = total / 7.0, slack = module * 0.6;
  return std::abs(runs[0] - module) < slack && std::abs(runs[1] - module) < slack &&
         std::abs(runs[2] - 3 * module) < 3 * slack && std::abs(runs[3] - module) < slack &&
         std::abs(runs[4] - module) < slack;
}

// The five runs through (x, y) going down, centred on the dark run holding it.
bool FinderDown(const cv::Mat& binary, int x, int y) {
  auto dark = [&](int row) { return binary.at<uint8_t>(row, x) == 0; };
  if (!dark(y)) return false;
  Runs runs{};
  int up = y, down = y;
  while (up > 0 && dark(up - 1)) --up;
  while (down + 1 < binary.rows && dark(down + 1)) ++down;
  runs[2] = down - up + 1;
  int at = up - 1;
  for (int r : {1, 0}) {
    bool want_dark = r == 0;
    while (at >= 0 && dark(at) == want_dark) --at, ++runs[r];
  }
  at = down + 1;
  for (int r : {3, 4}) {
    bool want_dark = r == 4;
    while (at < binary.rows && dark(at) == want_dark) ++at, ++runs[r];
  }
  return IsFinderRatio(runs);
}

struct Centre {
  int x, y, size;
};

// Adds `found` unless it is a pattern already seen from another row.
void AddCentre(std::vector<Centre>& centres, Centre found) {
  for (const Centre& c : centres) {
    int near = std::min(c.size, found.size) / 2;
    if (std::abs(c.x - found.x) <= near && std::abs(c.y - found.y) <= near) return;
  }
  centres.push_back(found);
}

void ScanRow(const cv::Mat& binary, int y, std::vector<Centre>& centres) {
  const uint8_t* row = binary.ptr<uint8_t>(y);
  Runs runs{};
  int filled = 0;
  for (int x = 0; x <= binary.cols; ++x) {
    bool boundary = x == binary.cols || (x > 0 && row[x] != row[x - 1]);
    if (!boundary) continue;
    // A run just ended at x-1; shift it into the window of the last five.
    int start = x - 1;
    while (start > 0 && row[start - 1] == row[x - 1]) --start;
    std::rotate(runs.begin(), runs.begin() + 1, runs.end());
    runs[4] = x - start;
    filled = std::min(filled + 1, 5);
    if (filled == 5 && row[x - 1] == 0 && IsFinderRatio(runs)) {
      int centre = x - runs[4] - runs[3] - runs[2] / 2 - 1;
      if (FinderDown(binary, centre, y))
        AddCentre(centres, {centre, y, runs[0] + runs[1] + runs[2] + runs[3] + runs[4]});
    }
  }
}

// Three finder patterns of one code sit at the corners of an isosceles right
// triangle, their sizes alike; text and texture rarely line up like that. The
// code's region: the square they span, the fourth corner completed, with a
// finder's width of margin (the patterns' outer halves and the quiet zone).
std::optional<cv::Rect> CodeRegion(const Centre& a, const Centre& b, const Centre& c) {
  auto alike = [](const Centre& p, const Centre& q) {
    return p.size <= q.size * 3 / 2 && q.size <= p.size * 3 / 2;
  };
  if (!alike(a, b) || !alike(a, c) || !alike(b, c)) return std::nullopt;
  for (const auto& [corner, p, q] :
       {std::tuple{a, b, c}, std::tuple{b, a, c}, std::tuple{c, a, b}}) {
    double ux = p.x - corner.x, uy = p.y - corner.y, vx = q.x - corner.x, vy = q.y - corner.y;
    double u = std::hypot(ux, uy), v = std::hypot(vx, vy);
    if (u < 1.5 * corner.size || v < 1.5 * corner.size) continue;  // 14+ modules apart, 7 across
    if (u > kMaxSpan * corner.size || v > kMaxSpan * corner.size) continue;
    bool square = std::abs(u - v) < 0.2 * std::max(u, v);
    bool right_angle = std::abs(ux * vx + uy * vy) < 0.2 * u * v;
    if (!square || !right_angle) continue;
    std::vector<cv::Point> corners = {
        {corner.x, corner.y}, {p.x, p.y}, {q.x, q.y}, {p.x + q.x - corner.x, p.y + q.y - corner.y}};
    cv::Rect region = cv::boundingRect(corners);
    int margin = std::max({a.size, b.size, c.size});
    return cv::Rect(region.x - margin, region.y - margin, region.width + 2 * margin,
                    region.height + 2 * margin);
  }
  return std::nullopt;
}

// True when most of `region` lies inside one already chosen.
bool Covered(const std::vector<cv::Rect>& chosen, const cv::Rect& region) {
  for (const cv::Rect& r : chosen) {
    if ((r & region).area() * 2 > region.area()) return true;
  }
  return false;
}

std::vector<std::string> Decode(const cv::Mat& bgr) {
  thread_local cv::wechat_qrcode::WeChatQRCode decoder;
  return decoder.detectAndDecode(bgr);
}

cv::Rect Scaled(const cv::Rect& r, double by, const cv::Size& bounds) {
  cv::Rect scaled(int(r.x * by), int(r.y * by), int(std::ceil(r.width * by)),
                  int(std::ceil(r.height * by)));
  return scaled & cv::Rect(cv::Point(0, 0), bounds);
}

}  // namespace

std::vector<cv::Rect> QrCodeRegions(const cv::Mat& grey) {
  cv::Mat binary;
  cv::adaptiveThreshold(grey, binary, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, 41, 12);
  std::vector<Centre> centres;
  for (int y = 0; y < binary.rows && centres.size() < kMaxCentres; y += 2)
    ScanRow(binary, y, centres);
  const cv::Rect bounds(cv::Point(0, 0), grey.size());
  std::vector<cv::Rect> regions;
  for (size_t i = 0; i < centres.size(); ++i) {
    for (size_t j = i + 1; j < centres.size(); ++j) {
      for (size_t k = j + 1; k < centres.size(); ++k) {
        std::optional<cv::Rect> region = CodeRegion(centres[i], centres[j], centres[k]);
        if (!region || Covered(regions, *region & bounds)) continue;
        regions.push_back(*region & bounds);
        if (regions.size() == kMaxRegions) return regions;
      }
    }
  }
  return regions;
}

std::vector<std::string> FindQrCodes(const cv::Mat& small, const cv::Mat& large) {
  std::vector<std::string> payloads;
  try {
    cv::Mat grey;
    cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
    for (const cv::Rect& region : QrCodeRegions(grey)) {
      std::vector<std::string> decoded = Decode(small(region));
      if (decoded.empty() && large.cols > small.cols)
        decoded = Decode(large(Scaled(region, double(large.cols) / small.cols, large.size())));
      for (const std::string& payload : decoded) {
        if (!payload.empty() &&
            std::find(payloads.begin(), payloads.end(), payload) == payloads.end()) {
          payloads.push_back(payload);
        }
      }
    }
  } catch (const cv::Exception&) {
    // A detector failure means no readable code; the poster itself is fine.
  }
  return payloads;
}

Result<std::vector<uint8_t>> QrCodePng(std::string_view text, int size) {
  try {
    cv::Mat code;
    cv::QRCodeEncoder::Params params;
    params.correction_level =
        cv::QRCodeEncoder::CORRECT_LEVEL_M;  // survives a smudge on a printed sheet
    cv::QRCodeEncoder::create(params)->encode(std::string(text), code);
    if (code.empty()) throw cv::Exception();
    int modules = code.cols + 8;  // four modules of quiet zone on each side
    int scale = std::max(1, size / modules);
    cv::Mat framed(code.rows + 8, code.cols + 8, CV_8U, cv::Scalar(255));
    code.copyTo(framed(cv::Rect(4, 4, code.cols, code.rows)));
    cv::Mat large;
    cv::resize(framed, large, framed.size() * scale, 0, 0, cv::INTER_NEAREST);
    std::vector<uint8_t> png = EncodePngBytes(large);
    if (png.empty())
      return ProcessingFailed("qr", "encode_failed", "the PNG encoder wrote nothing");
    return png;
  } catch (const cv::Exception&) {
    return Status("bad_request", "This text does not fit in a QR code.",
                  {{"bytes", std::to_string(text.size())}});
  }
}

}  // namespace poster::ingest
