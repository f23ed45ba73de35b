// libFuzzer: manifest CSV, through the public ReadManifest (via a temp file).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "gallery/store/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path =
      "/tmp/poster-fuzz-manifest-" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(data), std::streamsize(size));
  (void)poster::gallery::ReadManifest(path, poster::gallery::Submission());
  return 0;
}
