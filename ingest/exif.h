// The few EXIF fields poster reads: orientation, and those that AI tools fill in
// (private to ingest).
#pragma once

#include <string>

#include "ingest/bytes.h"

namespace poster::ingest {

struct ExifFields {
  int orientation = 1;       // 1-8; 1 when absent or out of range
  std::string software;      // 0x0131
  std::string make;          // 0x010F (ComfyUI keeps its workflow here in WebP)
  std::string model;         // 0x0110 (ComfyUI keeps its prompt here in WebP)
  std::string description;   // 0x010E
  std::string artist;        // 0x013B
  std::string user_comment;  // 0x9286 in the Exif IFD, decoded to UTF-8
};

// Reads a TIFF structure ("II*\0" or "MM\0*"). Malformed parts are skipped, never
// read out of bounds; each text is cut at `max_text` bytes.
ExifFields ReadExif(Bytes tiff, size_t max_text);

// UTF-16 (either byte order) to UTF-8; unpaired surrogates become U+FFFD.
std::string Utf16ToUtf8(Bytes text, bool big_endian);

}  // namespace poster::ingest
