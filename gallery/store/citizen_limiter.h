// The citizens' likes' limiter and the devices' key (private to gallery/store;
// issue 12). Everything here lives in memory only: an address is kept as a
// keyed hash (a key drawn per process) for as long as its bucket is not full.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "gallery/config/config.h"

namespace poster::gallery {

// Token buckets per key, counted exactly in integers: a like costs kUnit,
// and each millisecond adds `per_minute` units (kUnit a minute's worth of one
// like per minute), up to `burst` likes. The clock is the catalogue's, so
// tests move it instead of sleeping.
class LikeBuckets {
 public:
  static constexpr int64_t kUnit = 60'000;

  // The milliseconds until `key` has a like to spend (0: it has one now).
  int64_t WaitFor(const std::string& key, const LikeRate& rate, TimePoint now);
  // Spends one like of `key` (call after WaitFor said 0).
  void Spend(const std::string& key);

 private:
  struct Bucket {
    int64_t units = 0;
    TimePoint at;
  };
  Bucket& Refilled(const std::string& key, const LikeRate& rate, TimePoint now);
  void Sweep(const LikeRate& rate, TimePoint now);
  std::map<std::string, Bucket> buckets_;
};

// What the catalogue keeps for the citizens' likes between calls.
struct CitizenState {
  bool loaded = false;
  std::array<unsigned char, 32> device_key{};   // server_keys.citizen_device
  std::array<unsigned char, 16> address_key{};  // drawn per process, never stored
  LikeBuckets devices;
  LikeBuckets addresses;

  // The keyed hash an address is counted under (never the address itself).
  std::string AddressKey(std::string_view address) const;
};

}  // namespace poster::gallery
