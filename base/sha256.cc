#include "base/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace poster {

// OpenSSL rather than libsodium: it uses the CPU's SHA extensions where there
// are some, hashing a 15 MB poster in about 8 ms instead of 55 (bench/README.md).
// A digest that fails (out of memory, a broken OpenSSL) would name blobs,
// sessions and the audit chain wrongly, so it stops the program instead.
std::string Sha256Hex(std::span<const uint8_t> bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
      length != 32) {
    std::fputs("poster: OpenSSL could not compute a SHA-256 digest; stopping.\n", stderr);
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace poster
