// The structure of an image file, read without decoding any pixels (private to ingest).
//
// Each reader walks one format's chunks or segments with every length checked
// against the bytes at hand, and collects what later stages need: the stored
// dimensions, where the image ends, and the metadata that may carry provenance.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/bytes.h"
#include "ingest/errors.h"
#include "ingest/ingest.h"

namespace poster::ingest {

// A PNG text chunk as stored: tEXt (Latin-1), zTXt (compressed Latin-1) or iTXt.
struct TextChunk {
  std::string keyword;
  Bytes payload;  // the text, still compressed when `compressed`
  bool compressed = false;
  bool utf8 = false;
};

// One APP1 segment of Adobe's Extended XMP: a part of an XMP packet too large
// for one segment, named by the GUID the main packet gives in HasExtendedXMP.
struct ExtendedXmpChunk {
  std::string_view guid;  // 32 hexadecimal digits (MD5 of the whole packet)
  uint32_t full_length = 0;
  uint32_t offset = 0;
  Bytes data;
};

struct Container {
  Format format = Format::kPng;
  int width = 0;  // as stored, before EXIF orientation
  int height = 0;
  int64_t image_end = 0;
  int scans = 0;  // JPEG: SOS segments before EOI
  bool animated = false;
  Bytes exif;                                  // a TIFF structure ("II*\0" or "MM\0*" first)
  std::vector<Bytes> xmp;                      // XMP packets as stored
  std::vector<ExtendedXmpChunk> extended_xmp;  // JPEG only, in file order
  std::vector<TextChunk> texts;
  bool c2pa = false;  // a C2PA manifest store is present
};

// Recognises PNG, JPEG and WebP by their first bytes. For anything else, fails
// with unsupported_format (naming what it looks like when it can), or corrupt
// when it is a PNG whose signature was damaged in transfer.
Result<Format> Sniff(Bytes bytes);

// Walks the file of the sniffed format. Fails with corrupt (truncated,
// inconsistent, bad checksums) or unsupported_format (a JPEG variant the decoder
// cannot read).
Result<Container> ReadContainer(Bytes bytes);

Result<Container> ReadPngContainer(Bytes bytes);
Result<Container> ReadJpegContainer(Bytes bytes);
Result<Container> ReadWebpContainer(Bytes bytes);

// True when `box` starts a JUMBF superbox whose description box has the C2PA type.
bool IsC2paManifestStore(Bytes box);

}  // namespace poster::ingest
