// libFuzzer: the roster CSV (UTF-8 with or without a BOM, or CP949), through the
// public ImportRosterBytes into one catalogue: the encoding guess, the CSV
// reader, the header and every row's checks, and the upsert of what passed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "gallery/gallery.h"

namespace {

// A data folder in memory when it can be, removed at exit (after the catalogue closes).
const std::filesystem::path& DataDir() {
  static const std::filesystem::path dir =
      std::filesystem::path(std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp") /
      ("poster-fuzz-roster-" + std::to_string(::getpid()));
  return dir;
}

poster::gallery::Catalogue& Shared() {
  static poster::gallery::Catalogue catalogue = [] {
    std::filesystem::remove_all(DataDir());
    std::atexit([] { std::filesystem::remove_all(DataDir()); });
    poster::Result<poster::gallery::Catalogue> opened = poster::gallery::Catalogue::Open(DataDir());
    if (!opened.ok()) std::abort();
    return std::move(*opened);
  }();
  return catalogue;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)Shared().ImportRosterBytes(bytes, "fuzz.csv", "operator");
  return 0;
}
