// Deterministic pseudo-randomness from a published seed (private to voting).
// FNV-1a 64 of the seed text, then splitmix64 of that mixed with a number: the
// same everywhere, so anyone can redo a draw (docs/tally.md spells it out).
#pragma once

#include <cstdint>
#include <string_view>

namespace poster::voting {

inline uint64_t HashText(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

inline uint64_t Mix(uint64_t value) {
  value += 0x9e3779b97f4a7c15ull;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ull;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebull;
  return value ^ (value >> 31);
}

// The draw for `item` under `seed`: sort by it, smallest first.
inline uint64_t Draw(std::string_view seed, uint64_t item) {
  return Mix(HashText(seed) ^ Mix(item));
}
inline uint64_t Draw(std::string_view seed, std::string_view item, uint64_t other) {
  return Mix(HashText(seed) ^ Mix(HashText(item) ^ other));
}

}  // namespace poster::voting
