// AI provenance read from metadata (private to ingest): information for
// moderators, never proof. See docs/ingest.md for every marker and its source.
#pragma once

#include <vector>

#include "ingest/probe.h"

namespace poster::ingest {

// At most this many different markers are kept; identical ones are merged, and
// when anything was merged or dropped one more marker, source "omitted", says
// how many.
inline constexpr size_t kMaxMarkers = 32;

struct ProvenanceReport {
  std::vector<Marker> markers;
  bool truncated = false;  // a text was cut at the byte budget (a bomb, or just huge)
};

// Reads markers from PNG text chunks, EXIF, XMP and the C2PA manifest store.
// Compressed text is inflated into at most `max_text` bytes per chunk.
ProvenanceReport ReadProvenance(const Inspection& inspection, size_t max_text);

// Inflates zlib data into at most `max_out` bytes; `truncated` tells whether
// more would have come. Returns what it got even when the data is damaged.
std::string InflateBounded(Bytes compressed, size_t max_out, bool& truncated);

// The value of XMP's Iptc4xmpExt:DigitalSourceType, or "" when it has none.
std::string DigitalSourceType(std::string_view xmp);

// The GUID that the main XMP packet names in xmpNote:HasExtendedXMP (32
// hexadecimal digits), or "" when it names none.
std::string ExtendedXmpGuid(std::string_view xmp);

// The Extended XMP packet with `guid`, put together from its chunks by offset,
// at most `max_text` bytes (`truncated` says when it was longer). The chunk at
// offset 0 gives the full length; chunks that disagree with it or reach past it
// are ignored, and parts never sent are blanks.
std::string ReassembleExtendedXmp(const std::vector<ExtendedXmpChunk>& chunks,
                                  std::string_view guid, size_t max_text, bool& truncated);

// True when a Software or CreatorTool value names a known AI image generator.
bool NamesAiTool(std::string_view text);

}  // namespace poster::ingest
