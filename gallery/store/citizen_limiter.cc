// The likes' token buckets (issue 12): exact integer refill on the catalogue's clock.
#include "gallery/store/citizen_limiter.h"

#include <sodium.h>

#include <algorithm>

namespace poster::gallery {
namespace {

constexpr size_t kBucketSweepAbove = 100'000;  // keys kept before the full buckets are dropped

int64_t BucketMillis(TimePoint from, TimePoint to) {
  return std::max<int64_t>(
      0, std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count());
}

int64_t BucketCapacity(const LikeRate& rate) { return int64_t(rate.burst) * LikeBuckets::kUnit; }

}  // namespace

LikeBuckets::Bucket& LikeBuckets::Refilled(const std::string& key, const LikeRate& rate,
                                           TimePoint now) {
  auto [it, added] = buckets_.try_emplace(key, Bucket{BucketCapacity(rate), now});
  Bucket& bucket = it->second;
  if (!added) {
    int64_t gained = BucketMillis(bucket.at, now) * rate.per_minute;
    bucket.units = std::min(BucketCapacity(rate), bucket.units + gained);
    bucket.at = std::max(bucket.at, now);
  }
  return bucket;
}

int64_t LikeBuckets::WaitFor(const std::string& key, const LikeRate& rate, TimePoint now) {
  if (buckets_.size() > kBucketSweepAbove) Sweep(rate, now);
  Bucket& bucket = Refilled(key, rate, now);
  if (bucket.units >= kUnit) return 0;
  return (kUnit - bucket.units + rate.per_minute - 1) / rate.per_minute;
}

void LikeBuckets::Spend(const std::string& key) {
  auto it = buckets_.find(key);
  if (it != buckets_.end()) it->second.units -= kUnit;
}

// A full bucket says nothing a new one would not: forget it.
void LikeBuckets::Sweep(const LikeRate& rate, TimePoint now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket& bucket = it->second;
    bool full =
        bucket.units + BucketMillis(bucket.at, now) * rate.per_minute >= BucketCapacity(rate);
    it = full ? buckets_.erase(it) : std::next(it);
  }
}

std::string CitizenState::AddressKey(std::string_view address) const {
  unsigned char hash[crypto_shorthash_BYTES];
  crypto_shorthash(hash, reinterpret_cast<const unsigned char*>(address.data()), address.size(),
                   address_key.data());
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

}  // namespace poster::gallery
