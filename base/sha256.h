// SHA-256 as lowercase hex (OpenSSL), for blobs and the audit chain.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace poster {

// Stops the program if OpenSSL fails to digest (a value it cannot trust).
std::string Sha256Hex(std::span<const uint8_t> bytes);

inline std::string Sha256Hex(std::string_view text) {
  return Sha256Hex(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

}  // namespace poster
