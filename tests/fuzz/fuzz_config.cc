// libFuzzer: the contest config parser (TOML, then every key's checks).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gallery/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)poster::gallery::ParseConfig(text, "fuzz.toml");
  return 0;
}
