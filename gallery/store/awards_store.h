// What the awards' operations share (private to gallery/store): the check of
// the texts people write for them, and the stored announcement's facts.
#pragma once

#include <optional>
#include <string_view>

#include "gallery/store/catalogue_state.h"

namespace poster::gallery {

enum class TextRequired { kRequired, kOptional };

// A comment, objection or answer: valid UTF-8, at most kMaxAwardText
// characters, no control characters but new lines, and not blank when
// kRequired. Fails with invalid_metadata naming `field`.
Status CheckAwardText(std::string_view field, std::string_view text, TextRequired required);

// The stored announcement's time, end of the objection period and table, or
// nothing before the announcement.
struct StoredAnnouncement {
  std::string announced_at;
  std::string final_at;
  nlohmann::json table;
};
Result<std::optional<StoredAnnouncement>> ReadAnnouncement(Database& db);

}  // namespace poster::gallery
