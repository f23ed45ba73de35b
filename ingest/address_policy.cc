// Which addresses a URL fetch may connect to: public unicast only. Judged on the
// numeric address curl is about to connect to, never on the URL's text.
#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <string>

#include "ingest/ingest.h"

namespace poster::ingest {
namespace {

struct Range4 {
  uint32_t network;
  int prefix;
};

constexpr Range4 kBlocked4[] = {
    {0x00000000, 8},   // "this" network
    {0x0A000000, 8},   // private
    {0x64400000, 10},  // carrier-grade NAT
    {0x7F000000, 8},   // loopback
    {0xA9FE0000, 16},  // link-local (cloud metadata lives here)
    {0xAC100000, 12},  // private
    {0xC0000000, 24},  // IETF protocol assignments
    {0xC0000200, 24},  // documentation
    {0xC0586300, 24},  // 6to4 relay anycast
    {0xC0A80000, 16},  // private
    {0xC6120000, 15},  // benchmarking
    {0xC6336400, 24},  // documentation
    {0xCB007100, 24},  // documentation
    {0xE0000000, 4},   // multicast
    {0xF0000000, 4},   // reserved, broadcast
};

bool Blocked4(uint32_t address) {
  for (const Range4& range : kBlocked4) {
    uint32_t mask = range.prefix == 0 ? 0 : ~uint32_t{0} << (32 - range.prefix);
    if ((address & mask) == range.network) return true;
  }
  return false;
}

uint32_t V4At(const std::array<uint8_t, 16>& bytes, size_t at) {
  return uint32_t(bytes[at]) << 24 | uint32_t(bytes[at + 1]) << 16 | uint32_t(bytes[at + 2]) << 8 |
         bytes[at + 3];
}

bool StartsWith(const std::array<uint8_t, 16>& bytes, std::initializer_list<uint8_t> prefix) {
  size_t i = 0;
  for (uint8_t b : prefix) {
    if (bytes[i++] != b) return false;
  }
  return true;
}

bool Blocked6(const std::array<uint8_t, 16>& a) {
  bool first96_zero = StartsWith(a, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  if (first96_zero) return true;  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if (StartsWith(a, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF})) return Blocked4(V4At(a, 12));
  if (StartsWith(a, {0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0})) return Blocked4(V4At(a, 12));
  if (StartsWith(a, {0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01})) return true;  // local-use NAT64
  if (StartsWith(a, {0x20, 0x02})) return Blocked4(V4At(a, 2));          // 6to4
  if (StartsWith(a, {0x20, 0x01, 0x00, 0x00})) return true;              // Teredo
  if (StartsWith(a, {0x20, 0x01, 0x0D, 0xB8})) return true;              // documentation
  if (StartsWith(a, {0x01, 0x00, 0, 0, 0, 0, 0, 0})) return true;        // discard-only
  if ((a[0] & 0xFE) == 0xFC) return true;                                // unique local
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return true;                // link-local
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) return true;                // site-local
  return a[0] == 0xFF;                                                   // multicast
}

}  // namespace

bool IsBlockedAddress(std::string_view address) {
  std::string text(address);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return Blocked4(ntohl(v4.s_addr));
  std::array<uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) == 1) return Blocked6(v6);
  return true;
}

}  // namespace poster::ingest
