// The memory table of ingest_bench (see ingest_memory.h). Each poster is
// ingested alone by `poster ingest --jobs 1`; its peak resident size, less the
// base (the same command on the smallest poster the default limits accept),
// is set against the decoded poster, width x height x 3 bytes.
#include "bench/ingest_memory.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "bench/measure.h"

namespace fs = std::filesystem;

namespace poster::bench {
namespace {

struct Sample {
  std::string label;
  int width, height;
  std::string ext;
  bool rich = true;
};

const Sample kSamples[] = {{"base: the smallest poster", 800, 1131, ".png"},
                           {"A4 at 300 dpi", 2480, 3508, ".png"},
                           {"A4 at 300 dpi", 2480, 3508, ".jpg"},
                           {"A4 at 300 dpi", 2480, 3508, ".webp"},
                           {"49.5 MP", 5900, 8390, ".webp"},
                           {"49.5 MP, flat colours", 5900, 8390, ".png", false}};

// The smallest peak of `repeat` runs, in MB: the run least disturbed.
long PeakMb(const std::vector<std::string>& command, const std::vector<std::string>& env,
            int repeat, const fs::path& clean) {
  long best = 0;
  for (int i = 0; i < repeat; ++i) {
    fs::remove_all(clean);
    fs::create_directories(clean);
    Measured m = RunPinned({command}, "0", env, false);
    long mb = m.ok ? m.peak_rss_kb / 1024 : -1;
    best = i == 0 ? mb : std::min(best, mb);
  }
  return best;
}

}  // namespace

void PrintMemoryTable(const fs::path& scratch, int repeat) {
  std::printf("\nMemory, one poster in one worker (poster ingest --jobs 1), least of %d runs\n\n",
              repeat);
  std::printf(
      "| poster | decoded | poster peak | above base | ratio to decoded | vipsthumbnail peak |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  bool vips = Installed("vipsthumbnail");
  fs::path data = scratch / "data", out = scratch / "out";
  long base = 0;
  for (const Sample& sample : kSamples) {
    fs::path file = WritePoster(scratch, sample.width, sample.height, sample.ext, sample.rich);
    double decoded = double(sample.width) * sample.height * 3 / (1 << 20);
    long peak =
        PeakMb({POSTER_BINARY, "ingest", "--data", data.string(), "--jobs", "1", file.string()}, {},
               repeat, data);
    long vips_peak = vips ? PeakMb({"/usr/bin/vipsthumbnail", "-s", "640", "-o",
                                    out.string() + "/%s.webp[Q=80]", file.string()},
                                   {"VIPS_CONCURRENCY=1"}, repeat, out)
                          : 0;
    if (&sample == &kSamples[0]) base = peak;
    std::printf("| %s, %dx%d %s | %.1f MB | %ld MB | %ld MB | %.2fx | %ld MB |\n",
                sample.label.c_str(), sample.width, sample.height, sample.ext.c_str() + 1, decoded,
                peak, peak - base, double(peak - base) / decoded, vips_peak);
  }
  fs::remove_all(data);
  fs::remove_all(out);
}

}  // namespace poster::bench
