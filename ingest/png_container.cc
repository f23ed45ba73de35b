// PNG: chunk walk with lengths and CRCs checked, IHDR validated, text and
// provenance chunks collected, the image's end found at IEND.
#include <zlib.h>

#include <string>

#include "ingest/container.h"

namespace poster::ingest {
namespace {

constexpr size_t kSignatureSize = 8;
constexpr size_t kChunkOverhead = 12;  // length, type, CRC

bool ValidBitDepth(int colour_type, int depth) {
  switch (colour_type) {
    case 0:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
      return depth == 8 || depth == 16;
    default:
      return false;
  }
}

Status ReadHeader(Bytes data, Container& out) {
  if (data.size() != 13)
    return Corrupt(Format::kPng, "bad_header", "its IHDR chunk has the wrong size");
  uint32_t width = U32BE(data, 0), height = U32BE(data, 4);
  if (width == 0 || height == 0 || width > 0x7FFFFFFF || height > 0x7FFFFFFF) {
    return Corrupt(Format::kPng, "bad_header", "its header gives impossible dimensions");
  }
  if (!ValidBitDepth(data[9], data[8]) || data[10] != 0 || data[11] != 0 || data[12] > 1) {
    return Corrupt(Format::kPng, "bad_header",
                   "its header names a bit depth, colour type or method that PNG does not have");
  }
  out.width = static_cast<int>(std::min<uint32_t>(width, 0x7FFFFFFF));
  out.height = static_cast<int>(std::min<uint32_t>(height, 0x7FFFFFFF));
  return Status::Ok();
}

// tEXt: keyword NUL text. zTXt: keyword NUL method compressed. iTXt: keyword NUL
// flag method language NUL translated NUL text.
void ReadText(std::string_view type, Bytes data, Container& out) {
  std::string_view all = AsText(data);
  size_t nul = all.find('\0');
  if (nul == std::string_view::npos || nul == 0 || nul > 79) return;
  TextChunk text;
  text.keyword = std::string(all.substr(0, nul));
  size_t at = nul + 1;
  if (type == "zTXt") {
    if (at >= data.size() || data[at] != 0) return;
    text.compressed = true;
    at += 1;
  } else if (type == "iTXt") {
    if (at + 2 > data.size() || data[at + 1] != 0) return;
    text.compressed = data[at] == 1;
    text.utf8 = true;
    at += 2;
    for (int skip = 0; skip < 2; ++skip) {  // language tag, translated keyword
      size_t end = all.find('\0', at);
      if (end == std::string_view::npos) return;
      at = end + 1;
    }
  }
  text.payload = data.subspan(std::min(at, data.size()));
  out.texts.push_back(std::move(text));
}

void ReadAncillary(std::string_view type, Bytes data, Container& out) {
  if (type == "tEXt" || type == "zTXt" || type == "iTXt") {
    ReadText(type, data, out);
  } else if (type == "eXIf" && out.exif.empty()) {
    out.exif = data;
  } else if (type == "caBX") {
    out.c2pa = out.c2pa || IsC2paManifestStore(data);
  } else if (type == "acTL") {
    out.animated = true;
  }
}

bool ValidChunkType(Bytes type) {
  for (uint8_t c : type) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

}  // namespace

Result<Container> ReadPngContainer(Bytes bytes) {
  Container out;
  out.format = Format::kPng;
  bool seen_data = false;
  for (size_t at = kSignatureSize;;) {
    if (bytes.size() - at < kChunkOverhead) {
      return Corrupt(Format::kPng, "truncated", "it ends before the image does (cut short?)");
    }
    uint32_t length = U32BE(bytes, at);
    Bytes type = bytes.subspan(at + 4, 4);
    std::string_view name = AsText(type);
    if (length > 0x7FFFFFFF || !ValidChunkType(type)) {
      return Corrupt(Format::kPng, "bad_structure", "it holds a chunk with an invalid header");
    }
    if (bytes.size() - at - kChunkOverhead < length) {
      return Corrupt(Format::kPng, "truncated", "it ends before the image does (cut short?)");
    }
    Bytes data = bytes.subspan(at + 8, length);
    uint32_t stored_crc = U32BE(bytes, at + 8 + length);
    if (crc32(0, bytes.data() + at + 4, 4 + length) != stored_crc) {
      return Corrupt(Format::kPng, "bad_checksum",
                     "the checksum of its " + std::string(name) + " chunk does not match");
    }
    if (at == kSignatureSize) {
      if (name != "IHDR") return Corrupt(Format::kPng, "bad_header", "it does not start with IHDR");
      POSTER_RETURN_IF_ERROR(ReadHeader(data, out));
    } else if (name == "IDAT") {
      seen_data = true;
    } else if (name == "IEND") {
      if (!seen_data) return Corrupt(Format::kPng, "no_image_data", "it holds no image data");
      out.image_end = static_cast<int64_t>(at + kChunkOverhead + length);
      return out;
    } else {
      ReadAncillary(name, data, out);
    }
    at += kChunkOverhead + length;
  }
}

}  // namespace poster::ingest
