// JPEG: segment walk from SOI to EOI, entropy-coded scans skipped, the frame
// header (SOFn) read for dimensions, EXIF, XMP and C2PA (APP11) collected.
#include <cstring>
#include <string>

#include "ingest/container.h"

namespace poster::ingest {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kExifHeader = "Exif\0\0"sv;
constexpr std::string_view kXmpHeader = "http://ns.adobe.com/xap/1.0/\0"sv;
constexpr std::string_view kExtendedXmpHeader = "http://ns.adobe.com/xmp/extension/\0"sv;
constexpr size_t kGuidLength = 32;
constexpr size_t kMaxExtendedXmpChunks = 4096;  // 256 MB of 64 KB segments: past any real one

// GUID, full length and offset, then the chunk; a segment too short for them is ignored.
void ReadExtendedXmp(Bytes data, Container& out) {
  Bytes rest = data.subspan(kExtendedXmpHeader.size());
  if (rest.size() < kGuidLength + 8 || out.extended_xmp.size() >= kMaxExtendedXmpChunks) return;
  out.extended_xmp.push_back({AsText(rest.first(kGuidLength)), U32BE(rest, kGuidLength),
                              U32BE(rest, kGuidLength + 4), rest.subspan(kGuidLength + 8)});
}

bool IsFrameHeader(uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool IsStandalone(uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

Status Truncated() {
  return Corrupt(Format::kJpeg, "truncated", "it ends before the image does (cut short?)");
}

Status ReadFrame(uint8_t marker, Bytes data, Container& out) {
  if (data.size() < 6) return Corrupt(Format::kJpeg, "bad_header", "its frame header is too short");
  int precision = data[0];
  if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF) {
    return Status(std::string(kUnsupportedFormat),
                  "This is a lossless JPEG, which poster cannot read; save it as a normal "
                  "(baseline or progressive) JPEG, PNG or WebP.",
                  {{"kind", "lossless JPEG"}});
  }
  if (precision != 8) {
    return Status(std::string(kUnsupportedFormat),
                  "This JPEG stores " + std::to_string(precision) +
                      "-bit samples, which poster cannot read; save it as an 8-bit JPEG, PNG "
                      "or WebP.",
                  {{"kind", std::to_string(precision) + "-bit JPEG"}});
  }
  out.height = U16BE(data, 1);
  out.width = U16BE(data, 3);
  if (out.width == 0 || out.height == 0) {
    return Corrupt(Format::kJpeg, "bad_header", "its frame header gives no dimensions");
  }
  return Status::Ok();
}

void ReadApplication(uint8_t marker, Bytes data, Container& out) {
  if (marker == 0xE1 && HasAt(data, 0, kExifHeader) && out.exif.empty()) {
    out.exif = data.subspan(kExifHeader.size());
  } else if (marker == 0xE1 && HasAt(data, 0, kXmpHeader)) {
    out.xmp.push_back(data.subspan(kXmpHeader.size()));
  } else if (marker == 0xE1 && HasAt(data, 0, kExtendedXmpHeader)) {
    ReadExtendedXmp(data, out);
  } else if (marker == 0xEB && HasAt(data, 0, "JP") && data.size() > 8) {
    // "JP", 2-byte instance, 4-byte sequence number, then the JUMBF box.
    out.c2pa = out.c2pa || IsC2paManifestStore(data.subspan(8));
  }
}

// From the first byte of entropy-coded data, the offset of the next marker that
// is neither a stuffed zero nor a restart marker; bytes.size() when there is none.
size_t SkipScan(Bytes bytes, size_t at) {
  while (at < bytes.size()) {
    const void* hit = std::memchr(bytes.data() + at, 0xFF, bytes.size() - at);
    if (hit == nullptr) return bytes.size();
    at = static_cast<const uint8_t*>(hit) - bytes.data();
    if (at + 1 >= bytes.size()) return bytes.size();
    uint8_t next = bytes[at + 1];
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
      at += next == 0xFF ? 1 : 2;
      continue;
    }
    return at;
  }
  return bytes.size();
}

}  // namespace

Result<Container> ReadJpegContainer(Bytes bytes) {
  Container out;
  out.format = Format::kJpeg;
  bool seen_frame = false;
  size_t at = 2;
  while (true) {
    // Tolerate stray bytes and fill bytes before a marker, as libjpeg does.
    while (at < bytes.size() && bytes[at] != 0xFF) ++at;
    while (at < bytes.size() && bytes[at] == 0xFF) ++at;
    if (at >= bytes.size()) return Truncated();
    uint8_t marker = bytes[at++];
    if (marker == 0xD9) {
      if (!seen_frame) return Corrupt(Format::kJpeg, "no_image_data", "it holds no image");
      out.image_end = static_cast<int64_t>(at);
      return out;
    }
    if (IsStandalone(marker)) continue;
    if (marker == 0xD8) return Corrupt(Format::kJpeg, "bad_structure", "it starts twice");
    if (bytes.size() - at < 2) return Truncated();
    size_t length = U16BE(bytes, at);
    if (length < 2)
      return Corrupt(Format::kJpeg, "bad_structure", "a segment has an invalid length");
    if (bytes.size() - at < length) return Truncated();
    Bytes data = bytes.subspan(at + 2, length - 2);
    at += length;
    if (IsFrameHeader(marker) && !seen_frame) {
      POSTER_RETURN_IF_ERROR(ReadFrame(marker, data, out));
      seen_frame = true;
    } else if (marker == 0xDA) {
      if (!seen_frame)
        return Corrupt(Format::kJpeg, "bad_structure", "its scan comes before its frame");
      ++out.scans;
      at = SkipScan(bytes, at);
    } else {
      ReadApplication(marker, data, out);
    }
  }
}

}  // namespace poster::ingest
