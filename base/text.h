// UTF-8 checks and clean-ups for text people type or name files with.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poster {

inline constexpr size_t kMaxTitleCharacters = 200;

// The number of code points in `text`, or nothing when it is not valid UTF-8
// (overlong forms, surrogates and values past U+10FFFF are invalid).
std::optional<size_t> CountCodePoints(std::string_view text);

// True when `text` holds a C0 control character other than tab, CR and LF, or DEL.
bool HasControlCharacters(std::string_view text, bool allow_newlines);

// `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

// `text` in Unicode Normalization Form C (through ICU), so that a title typed
// or named on a Mac (decomposed Hangul, e + combining acute) matches the same
// words typed elsewhere. Text that is not valid UTF-8 is returned unchanged.
std::string ToNfc(std::string_view text);

// A title made from a file's name (its stem, or the last part of a URL): bytes
// that are not UTF-8 become U+FFFD, control characters spaces, runs of white
// space one space, trimmed, in NFC, cut to kMaxTitleCharacters code points.
// Empty when nothing is left.
std::string TitleFromFileName(std::string_view name);

// The words of a list typed by people: split on commas, semicolons, slashes,
// vertical bars and white space; empty words dropped.
std::vector<std::string> SplitWords(std::string_view text);

}  // namespace poster
