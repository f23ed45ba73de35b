// UTF-8 checks for text people type (private to gallery).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poster::gallery {

// The number of code points in `text`, or nothing when it is not valid UTF-8
// (overlong forms, surrogates and values past U+10FFFF are invalid).
std::optional<size_t> CountCodePoints(std::string_view text);

// True when `text` holds a C0 control character other than tab, CR and LF, or DEL.
bool HasControlCharacters(std::string_view text, bool allow_newlines);

// `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

// The words of a list typed by people: split on commas, semicolons, slashes,
// vertical bars and white space; empty words dropped.
std::vector<std::string> SplitWords(std::string_view text);

}  // namespace poster::gallery
