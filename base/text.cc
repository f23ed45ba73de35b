#include "base/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace poster {

size_t Utf8SequenceLength(std::string_view text, char32_t* code) {
  if (text.empty()) return 0;
  auto byte = [&](size_t at) { return static_cast<uint8_t>(text[at]); };
  uint8_t lead = byte(0);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 0 || length > text.size()) return 0;
  char32_t value = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
    value = value << 6 | (byte(k) & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  if (code != nullptr) *code = value;
  return length;
}

void AppendUtf8(std::string& out, char32_t code) {
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | code >> 6);
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | code >> 12);
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | code >> 18);
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::string_view CutUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::optional<size_t> CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (size_t at = 0; at < text.size(); ++count) {
    size_t length = Utf8SequenceLength(text.substr(at));
    if (length == 0) return std::nullopt;
    at += length;
  }
  return count;
}

bool HasControlCharacters(std::string_view text, bool allow_newlines) {
  for (char c : text) {
    auto byte = static_cast<uint8_t>(c);
    bool newline = c == '\n' || c == '\r' || c == '\t';
    if ((byte < 0x20 && !(allow_newlines && newline)) || byte == 0x7F) return true;
  }
  return false;
}

std::string_view Trim(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(start, end - start + 1);
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ',' || c == ';' || c == '/' || c == '|' || c == ' ' || c == '\t' || c == '\r' ||
        c == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

namespace {

// Invalid bytes as U+FFFD, controls (C0, DEL, C1) as spaces, white space collapsed.
std::string CleanName(std::string_view name) {
  std::string out;
  for (size_t at = 0; at < name.size();) {
    size_t length = Utf8SequenceLength(name.substr(at));
    std::string_view piece = length == 0 ? "\xEF\xBF\xBD" : name.substr(at, length);
    at += length == 0 ? 1 : length;
    auto first = static_cast<uint8_t>(piece[0]);
    bool c1 = first == 0xC2 && static_cast<uint8_t>(piece[1]) < 0xA0;
    bool space = first <= 0x20 || first == 0x7F || c1;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? std::string_view(" ") : piece;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// At most `max` code points of valid UTF-8 `text`.
std::string FirstCodePoints(std::string text, size_t max) {
  size_t count = 0;
  for (size_t at = 0; at < text.size(); ++count) {
    if (count == max) return text.substr(0, at);
    at += std::max<size_t>(1, Utf8SequenceLength(std::string_view(text).substr(at)));
  }
  return text;
}

}  // namespace

std::string ToNfc(std::string_view text) {
  bool ascii =
      std::all_of(text.begin(), text.end(), [](char c) { return static_cast<uint8_t>(c) < 0x80; });
  if (ascii || !CountCodePoints(text)) return std::string(text);
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  std::string out;
  icu::StringByteSink<std::string> sink(&out, int32_t(text.size()));
  if (U_SUCCESS(error)) {
    nfc->normalizeUTF8(0, icu::StringPiece(text.data(), int32_t(text.size())), sink, nullptr,
                       error);
  }
  return U_SUCCESS(error) ? out : std::string(text);
}

std::string TitleFromFileName(std::string_view name) {
  return FirstCodePoints(ToNfc(CleanName(name)), kMaxTitleCharacters);
}

namespace {

enum class Ending { kVowel, kConsonant, kRieul, kUnknown };

// How the sound of one character ends, or nothing when it is not read aloud
// (punctuation, brackets, quotes, spaces).
std::optional<Ending> EndingOf(char32_t c) {
  if (c >= 0xAC00 && c <= 0xD7A3) {
    int final_consonant = int((c - 0xAC00) % 28);
    return final_consonant == 0   ? Ending::kVowel
           : final_consonant == 8 ? Ending::kRieul
                                  : Ending::kConsonant;
  }
  if (c >= '0' && c <= '9') {  // 영 일 이 삼 사 오 육 칠 팔 구; 10 십, 100 백, 1000 천
    static constexpr Ending kDigits[] = {
        Ending::kConsonant, Ending::kRieul,     Ending::kVowel, Ending::kConsonant, Ending::kVowel,
        Ending::kVowel,     Ending::kConsonant, Ending::kRieul, Ending::kRieul,     Ending::kVowel};
    return kDigits[c - '0'];
  }
  if (c < 0x80 && std::isalpha(static_cast<unsigned char>(c))) {
    char letter = char(std::tolower(static_cast<unsigned char>(c)));
    if (letter == 'l' || letter == 'r') return Ending::kRieul;
    return letter == 'm' || letter == 'n' ? Ending::kConsonant : Ending::kVowel;
  }
  if (c < 0x80 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
      (c >= 0xFF00 && c <= 0xFF0F)) {
    return std::nullopt;  // ASCII punctuation and space, general and CJK punctuation
  }
  return Ending::kUnknown;
}

Ending LastEnding(std::string_view word) {
  Ending last = Ending::kUnknown;
  for (size_t at = 0; at < word.size();) {
    char32_t code = 0;
    size_t length = Utf8SequenceLength(word.substr(at), &code);
    if (length == 0) return Ending::kUnknown;
    if (std::optional<Ending> ending = EndingOf(code)) last = *ending;
    at += length;
  }
  return last;
}

struct ParticlePair {
  std::string_view after_consonant, after_vowel;
};

constexpr ParticlePair kParticlePairs[] = {{"을", "를"},  {"은", "는"},   {"이", "가"},
                                           {"과", "와"},  {"으로", "로"}, {"이나", "나"},
                                           {"이라", "라"}};

}  // namespace

std::string GroupDigits(uint64_t number) {
  std::string digits = std::to_string(number), grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string_view KoreanParticle(std::string_view word, std::string_view particle) {
  for (const ParticlePair& pair : kParticlePairs) {
    if (particle != pair.after_consonant && particle != pair.after_vowel) continue;
    switch (LastEnding(word)) {
      case Ending::kConsonant:
        return pair.after_consonant;
      case Ending::kRieul:
        return pair.after_consonant == "으로" ? pair.after_vowel : pair.after_consonant;
      case Ending::kVowel:
        return pair.after_vowel;
      case Ending::kUnknown:
        return particle;
    }
  }
  return particle;
}

}  // namespace poster
