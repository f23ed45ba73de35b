// Bounds-checked views and integer reads over untrusted bytes (private to ingest).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace poster::ingest {

using Bytes = std::span<const uint8_t>;

// The callers check `at + N <= bytes.size()` first; these only assemble integers.
inline uint16_t U16BE(Bytes b, size_t at) { return uint16_t(b[at] << 8 | b[at + 1]); }
inline uint16_t U16LE(Bytes b, size_t at) { return uint16_t(b[at + 1] << 8 | b[at]); }
inline uint32_t U24LE(Bytes b, size_t at) { return uint32_t(b[at + 2]) << 16 | U16LE(b, at); }
inline uint32_t U32BE(Bytes b, size_t at) {
  return uint32_t(U16BE(b, at)) << 16 | U16BE(b, at + 2);
}
inline uint32_t U32LE(Bytes b, size_t at) {
  return uint32_t(U16LE(b, at + 2)) << 16 | U16LE(b, at);
}

// True when `b` holds `tag` at `at` (and is long enough to).
inline bool HasAt(Bytes b, size_t at, std::string_view tag) {
  if (at > b.size() || b.size() - at < tag.size()) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    if (b[at + i] != static_cast<uint8_t>(tag[i])) return false;
  }
  return true;
}

// The part of `b` from `at`, `length` long, or empty when that runs past the end.
inline Bytes Slice(Bytes b, size_t at, size_t length) {
  if (at > b.size() || b.size() - at < length) return {};
  return b.subspan(at, length);
}

inline std::string_view AsText(Bytes b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace poster::ingest
