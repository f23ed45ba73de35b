// AI provenance read from metadata (private to ingest): information for
// moderators, never proof. See docs/ingest.md for every marker and its source.
#pragma once

#include <vector>

#include "ingest/probe.h"

namespace poster::ingest {

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

// True when a Software or CreatorTool value names a known AI image generator.
bool NamesAiTool(std::string_view text);

}  // namespace poster::ingest
