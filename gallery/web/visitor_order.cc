// Each visitor's own order of the gallery, one position at a time: a keyed
// permutation (a four-round Feistel network over the next even power of two,
// walking the cycle back into range), so a page of 100 at 10,000 entries costs
// 100 steps, not a shuffle of 10,000.
#include <bit>

#include "base/sha256.h"
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

VisitorOrder::VisitorOrder(std::string_view visitor, size_t count) : count_(count) {
  std::string digest = Sha256Hex(visitor);
  uint64_t seed = std::stoull(digest.substr(0, 16), nullptr, 16);
  for (uint64_t& key : keys_) key = seed = Mix(seed);
  int bits = count <= 1 ? 2 : std::bit_width(uint64_t(count - 1));
  half_bits_ = (bits + 1) / 2;
}

uint64_t VisitorOrder::Permute(uint64_t value) const {
  uint64_t mask = (uint64_t(1) << half_bits_) - 1;
  uint64_t left = value >> half_bits_, right = value & mask;
  for (uint64_t key : keys_) {
    uint64_t next = left ^ (Mix(right ^ key) & mask);
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

size_t VisitorOrder::At(size_t position) const {
  uint64_t value = position;
  do value = Permute(value);  // a bijection on 2^(2·half) values: the walk ends in range
  while (value >= count_);
  return size_t(value);
}

}  // namespace poster::gallery::web
