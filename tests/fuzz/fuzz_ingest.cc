// libFuzzer: the whole ingest pipeline on untrusted bytes. Any crash, hang, leak
// or sanitizer report is a bug. Seed with ../shared/corpus/*.
#include <cstddef>
#include <cstdint>

#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const poster::ingest::Settings settings = [] {
    poster::ingest::Settings s;
    s.limits.min_short_side = 1;
    s.limits.min_aspect = 0.01;
    s.limits.max_aspect = 100;
    s.limits.max_pixels = 4'000'000;  // keeps each run short; the header check is what matters
    return s;
  }();
  (void)poster::ingest::Process(std::vector<uint8_t>(data, data + size), settings);
  return 0;
}
