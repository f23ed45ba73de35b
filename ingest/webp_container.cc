// WebP: the RIFF container walked chunk by chunk; dimensions from VP8X, VP8 or
// VP8L; EXIF, XMP and C2PA chunks collected; animation recognised.
#include <string>

#include "ingest/container.h"

namespace poster::ingest {
namespace {

constexpr size_t kRiffHeader = 12;  // "RIFF", size, "WEBP"

Status BadStructure(std::string what) {
  return Corrupt(Format::kWebp, "bad_structure", std::move(what));
}

Status ReadExtended(Bytes data, Container& out) {
  if (data.size() < 10) return BadStructure("its VP8X chunk is too short");
  out.animated = out.animated || (data[0] & 0x02) != 0;
  out.width = static_cast<int>(U24LE(data, 4)) + 1;
  out.height = static_cast<int>(U24LE(data, 7)) + 1;
  return Status::Ok();
}

Status ReadLossy(Bytes data, Container& out) {
  if (data.size() < 10 || !HasAt(data, 3, "\x9D\x01\x2A")) {
    return BadStructure("its VP8 frame header is damaged");
  }
  if ((data[0] & 0x01) != 0) return BadStructure("its first VP8 frame is not a key frame");
  if (out.width == 0) {
    out.width = U16LE(data, 6) & 0x3FFF;
    out.height = U16LE(data, 8) & 0x3FFF;
  }
  return Status::Ok();
}

Status ReadLossless(Bytes data, Container& out) {
  if (data.size() < 5 || data[0] != 0x2F) return BadStructure("its VP8L header is damaged");
  if (out.width == 0) {
    uint32_t bits = U32LE(data, 1);
    out.width = static_cast<int>(bits & 0x3FFF) + 1;
    out.height = static_cast<int>((bits >> 14) & 0x3FFF) + 1;
  }
  return Status::Ok();
}

Status ReadChunk(std::string_view type, Bytes data, Container& out) {
  if (type == "VP8X") return ReadExtended(data, out);
  if (type == "VP8 ") return ReadLossy(data, out);
  if (type == "VP8L") return ReadLossless(data, out);
  if (type == "ANIM" || type == "ANMF") {
    out.animated = true;
  } else if (type == "EXIF" && out.exif.empty()) {
    // Some writers keep JPEG's "Exif\0\0" prefix.
    out.exif = HasAt(data, 0, std::string_view("Exif\0\0", 6)) ? data.subspan(6) : data;
  } else if (type == "XMP ") {
    out.xmp.push_back(data);
  } else if (type == "C2PA") {
    out.c2pa = out.c2pa || IsC2paManifestStore(data);
  }
  return Status::Ok();
}

}  // namespace

Result<Container> ReadWebpContainer(Bytes bytes) {
  Container out;
  out.format = Format::kWebp;
  if (bytes.size() < kRiffHeader + 8) {
    return Corrupt(Format::kWebp, "truncated", "it ends before the image does (cut short?)");
  }
  uint64_t riff_end = 8 + uint64_t{U32LE(bytes, 4)};
  riff_end += riff_end & 1;
  if (riff_end > bytes.size()) {
    return Corrupt(Format::kWebp, "truncated", "it ends before the image does (cut short?)");
  }
  Bytes riff = bytes.first(riff_end);
  bool seen_image = false;
  for (size_t at = kRiffHeader; at < riff.size();) {
    if (riff.size() - at < 8) return BadStructure("a chunk header runs past the end");
    std::string_view type = AsText(riff.subspan(at, 4));
    uint64_t size = U32LE(riff, at + 4);
    if (size > riff.size() - at - 8) return BadStructure("a chunk runs past the end");
    if (at == kRiffHeader && type != "VP8 " && type != "VP8L" && type != "VP8X") {
      return BadStructure("it does not start with an image chunk");
    }
    POSTER_RETURN_IF_ERROR(ReadChunk(type, riff.subspan(at + 8, size), out));
    seen_image = seen_image || type == "VP8 " || type == "VP8L" || type == "ANMF";
    at += 8 + size + (size & 1);
  }
  if (!seen_image) return Corrupt(Format::kWebp, "no_image_data", "it holds no image data");
  if (out.width == 0 || out.height == 0) {
    return Corrupt(Format::kWebp, "bad_header", "its header gives no dimensions");
  }
  out.image_end = static_cast<int64_t>(riff_end);
  return out;
}

}  // namespace poster::ingest
