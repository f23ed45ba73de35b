// Citizens' choice (issue 12): the codes and records of the citizens' likes,
// part of gallery/store's public header (store.h includes it, as records.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gallery/config/config.h"

namespace poster::gallery {

// A like refused: the device liked this entry already; likes are not taken
// now (before [citizens] opens, after the announcement, or disabled); too
// many from this device or this address (429, with retry_after seconds); no
// valid device cookie (401; the page hands one out).
inline constexpr std::string_view kAlreadyLiked = "already_liked";
inline constexpr std::string_view kLikesClosed = "likes_closed";
inline constexpr std::string_view kLikeRateLimited = "like_rate_limited";
inline constexpr std::string_view kDeviceRequired = "device_required";

// Why a like was not counted, as the admin's counters name it: duplicate,
// device_rate, address_rate, closed, unknown_entry, no_device.
enum class LikeDrop { kDuplicate, kDeviceRate, kAddressRate, kClosed, kUnknownEntry, kNoDevice };
std::string_view LikeDropName(LikeDrop drop);

// A like counted: the entry's count now, when the config shows counts.
struct CitizenLike {
  int64_t entry = 0;
  std::optional<int64_t> likes;  // nothing while the counts are sealed
};

// What the lobby screen may show: the counts per entry (approved entries with
// at least one like) when they are shown (lobby = "live", or the results are
// announced); nothing while sealed.
struct CitizenLikeCounts {
  LikesDisplay display = LikesDisplay::kLive;
  bool shown = false;
  std::map<int64_t, int64_t> likes;
};

// For admins: every count (sealed or not) and the drops by reason.
struct CitizenLikeReport {
  std::map<int64_t, int64_t> likes;
  std::map<std::string, int64_t> drops;  // LikeDropName -> how many
};

}  // namespace poster::gallery
