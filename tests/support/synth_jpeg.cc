// Progressive JPEGs with a scan script of our choosing, through libjpeg itself,
// so that every scan is legal JPEG.
#include <cstddef>
#include <cstdio>  // jpeglib.h needs size_t and FILE first

#include <jpeglib.h>

#include <algorithm>
#include <cstdlib>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "tests/support/synth.h"

namespace poster::synth {
namespace {

constexpr int kMaxPointTransform = 10;  // libjpeg's MAX_AH_AL for 8-bit samples
constexpr int kComponents = 3;

jpeg_scan_info Scan(int component, int first, int last, int high, int low) {
  jpeg_scan_info scan{};
  scan.comps_in_scan = 1;
  scan.component_index[0] = component;
  scan.Ss = first;
  scan.Se = last;
  scan.Ah = high;
  scan.Al = low;
  return scan;
}

// One DC scan for all components, then each AC coefficient of each component in
// a scan of its own, first at point transform `shift` and then refined a bit at
// a time. A prefix of this script is itself a legal script.
std::vector<jpeg_scan_info> Script(int scans) {
  int per_band = (scans - 1 + 3 * 63 - 1) / (3 * 63);  // scans each band needs
  int shift = std::clamp(per_band - 1, 0, kMaxPointTransform);
  std::vector<jpeg_scan_info> script;
  jpeg_scan_info dc{};
  dc.comps_in_scan = kComponents;
  for (int c = 0; c < kComponents; ++c) dc.component_index[c] = c;
  script.push_back(dc);
  for (int c = 0; c < kComponents; ++c) {
    for (int k = 1; k <= 63; ++k) {
      script.push_back(Scan(c, k, k, 0, shift));
      for (int bit = shift; bit > 0; --bit) script.push_back(Scan(c, k, k, bit, bit - 1));
    }
  }
  if (int(script.size()) < scans) throw std::runtime_error("too many scans asked for");
  script.resize(size_t(scans));
  return script;
}

}  // namespace

Bytes EncodeJpegWithScans(const cv::Mat& bgr, int scans, int quality) {
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  std::vector<jpeg_scan_info> script = Script(scans);
  jpeg_compress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = JDIMENSION(rgb.cols);
  info.image_height = JDIMENSION(rgb.rows);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  info.scan_info = script.data();
  info.num_scans = scans;
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = rgb.ptr<uint8_t>(int(info.next_scanline));
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  Bytes out(buffer, buffer + size);
  std::free(buffer);
  return out;
}

int CountJpegScans(const Bytes& jpeg) {
  int scans = 0;
  for (size_t at = 0; at + 1 < jpeg.size(); ++at) {
    if (jpeg[at] == 0xFF && jpeg[at + 1] == 0xDA) ++scans;  // never stuffed: 0xFF 0x00
  }
  return scans;
}

}  // namespace poster::synth
