// UTF-8 checks and clean-ups for text people type or name files with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poster {

inline constexpr size_t kMaxTitleCharacters = 200;

// ---- UTF-8 sequences: the one codec every module uses ----------------------

// The length in bytes of the valid UTF-8 sequence at the start of `text`, or 0
// when there is none there (a stray byte, a sequence cut short, an overlong
// form, a surrogate, a value past U+10FFFF). `code`, when given, gets its value.
size_t Utf8SequenceLength(std::string_view text, char32_t* code = nullptr);

// Appends `code` to `out` in UTF-8; U+FFFD for a surrogate or a value past U+10FFFF.
void AppendUtf8(std::string& out, char32_t code);

// The longest start of `text` of at most `max_bytes` that does not end inside
// a sequence.
std::string_view CutUtf8(std::string_view text, size_t max_bytes);

// ---- text people type ----------------------------------------------------

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

// `number` with its digits in groups of three, as both languages write counts: 4,999.
std::string GroupDigits(uint64_t number);

// ---- Korean particles ---------------------------------------------------

// The form of the Korean particle `particle` that follows `word`: 을/를, 은/는,
// 이/가, 과/와, 으로/로, 이나/나, 이라/라 (either form names the pair), chosen
// by whether the word's last sound ends in a consonant (받침); a final ㄹ takes
// 로. Closing brackets, quotes and punctuation at the end are skipped; digits
// are read as numbers are said (1 일, 2 이, 10 십) and Latin letters by their
// names (L 엘, M 엠, N 엔, R 알). A particle outside these pairs comes back
// as given.
std::string_view KoreanParticle(std::string_view word, std::string_view particle);

}  // namespace poster
