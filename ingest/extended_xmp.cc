// Adobe's Extended XMP (XMP Specification Part 3, 1.1.3.1): when a JPEG's XMP
// passes 64 KB, Photoshop moves part of it into further APP1 segments and names
// them from the main packet with xmpNote:HasExtendedXMP="<GUID>".
#include <algorithm>
#include <cctype>

#include "ingest/provenance.h"

namespace poster::ingest {
namespace {

constexpr size_t kGuidLength = 32;

bool IsGuid(std::string_view text) {
  return text.size() == kGuidLength && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

}  // namespace

std::string ExtendedXmpGuid(std::string_view xmp) {
  size_t at = xmp.find("HasExtendedXMP");
  if (at == std::string_view::npos) return {};
  // Attribute (HasExtendedXMP="GUID") or element (<xmpNote:HasExtendedXMP>GUID<).
  size_t start = xmp.find_first_of("=>", at);
  if (start == std::string_view::npos) return {};
  start = xmp.find_first_not_of("=> \t\r\n\"'", start);
  if (start == std::string_view::npos) return {};
  std::string_view guid = xmp.substr(start, kGuidLength);
  return IsGuid(guid) ? std::string(guid) : std::string();
}

std::string ReassembleExtendedXmp(const std::vector<ExtendedXmpChunk>& chunks,
                                  std::string_view guid, size_t max_text, bool& truncated) {
  truncated = false;
  auto first = std::find_if(chunks.begin(), chunks.end(), [&](const ExtendedXmpChunk& chunk) {
    return chunk.guid == guid && chunk.offset == 0;
  });
  if (guid.empty() || first == chunks.end()) return {};
  uint32_t full_length = first->full_length;
  truncated = full_length > max_text;
  // Parts never sent stay blank: what is there is still read.
  std::string packet(std::min<size_t>(full_length, max_text), ' ');
  for (const ExtendedXmpChunk& chunk : chunks) {
    bool fits = chunk.offset <= full_length && chunk.data.size() <= full_length - chunk.offset;
    if (chunk.guid != guid || chunk.full_length != full_length || !fits) continue;
    if (chunk.offset >= packet.size()) continue;
    size_t length = std::min(chunk.data.size(), packet.size() - chunk.offset);
    std::copy_n(chunk.data.begin(), length, packet.begin() + chunk.offset);
  }
  return packet;
}

}  // namespace poster::ingest
