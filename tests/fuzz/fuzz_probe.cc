// libFuzzer: the header and container readers alone (no decode), much faster per run.
#include <cstddef>
#include <cstdint>

#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  poster::ingest::Limits limits;
  limits.min_short_side = 1;
  limits.min_aspect = 0.001;
  limits.max_aspect = 1000;
  (void)poster::ingest::Probe(std::vector<uint8_t>(data, data + size), limits);
  return 0;
}
