// Byte-level crafting of PNG chunks, JPEG segments, WebP chunks and metadata.
#include <zlib.h>

#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "tests/support/synth.h"

namespace poster::synth {
namespace {

// Byte by byte: GCC 12 at -O3 takes the inlined memcpy of vector::insert for
// an overflow (a false -Warray-bounds), which would stop the Release build.
void Append(Bytes& out, const std::string& text) {
  out.reserve(out.size() + text.size());
  for (char c : text) out.push_back(static_cast<uint8_t>(c));
}
void Append(Bytes& out, const Bytes& more) {
  out.reserve(out.size() + more.size());
  for (uint8_t byte : more) out.push_back(byte);
}

void AppendU32BE(Bytes& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(value >> shift));
}
void AppendU16LE(Bytes& out, uint16_t value) {
  out.push_back(uint8_t(value));
  out.push_back(uint8_t(value >> 8));
}
void AppendU32LE(Bytes& out, uint32_t value) {
  AppendU16LE(out, uint16_t(value));
  AppendU16LE(out, uint16_t(value >> 16));
}
void PutU32LE(Bytes& bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = uint8_t(value >> (8 * i));
}

// One IFD entry of a little-endian TIFF; `data` receives values over four bytes.
void Entry(Bytes& ifd, Bytes& data, uint32_t data_base, uint16_t tag, uint16_t type,
           const Bytes& value) {
  AppendU16LE(ifd, tag);
  AppendU16LE(ifd, type);
  uint32_t unit = type == 3 ? 2 : type == 4 ? 4 : 1;  // SHORT, LONG, or bytes
  uint32_t count = uint32_t(value.size()) / unit;
  AppendU32LE(ifd, count);
  if (value.size() <= 4) {
    Bytes inline_value = value;
    inline_value.resize(4, 0);
    Append(ifd, inline_value);
  } else {
    AppendU32LE(ifd, data_base + uint32_t(data.size()));
    Append(data, value);
    if (data.size() % 2) data.push_back(0);
  }
}

Bytes Ascii(const std::string& text) {
  Bytes out(text.begin(), text.end());
  out.push_back(0);
  return out;
}

Bytes Utf16BE(const std::string& utf8) {
  Bytes out;
  for (size_t i = 0; i < utf8.size();) {
    uint32_t code = uint8_t(utf8[i]);
    int extra = code < 0x80 ? 0 : code < 0xE0 ? 1 : code < 0xF0 ? 2 : 3;
    code &= extra == 0 ? 0x7F : (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) code = code << 6 | (uint8_t(utf8[i + k]) & 0x3F);
    i += extra + 1;
    if (code >= 0x10000) {
      code -= 0x10000;
      uint16_t high = uint16_t(0xD800 + (code >> 10)), low = uint16_t(0xDC00 + (code & 0x3FF));
      for (uint16_t unit : {high, low}) {
        out.push_back(uint8_t(unit >> 8));
        out.push_back(uint8_t(unit));
      }
    } else {
      out.push_back(uint8_t(code >> 8));
      out.push_back(uint8_t(code));
    }
  }
  return out;
}

}  // namespace

void PutU32BE(Bytes& bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = uint8_t(value >> (24 - 8 * i));
}

void PutU16BE(Bytes& bytes, size_t at, uint16_t value) {
  bytes[at] = uint8_t(value >> 8);
  bytes[at + 1] = uint8_t(value);
}

Bytes PngWithClaimedSize(Bytes png, uint32_t width, uint32_t height) {
  PutU32BE(png, 16, width);
  PutU32BE(png, 20, height);
  PutU32BE(png, 29, uint32_t(crc32(0, png.data() + 12, 17)));
  return png;
}

Bytes JpegWithClaimedSize(Bytes jpeg, uint16_t width, uint16_t height) {
  for (size_t at = 2; at + 9 < jpeg.size();) {
    uint8_t marker = jpeg[at + 1];
    uint16_t length = uint16_t(jpeg[at + 2] << 8 | jpeg[at + 3]);
    if (marker >= 0xC0 && marker <= 0xC2) {
      PutU16BE(jpeg, at + 5, height);
      PutU16BE(jpeg, at + 7, width);
      return jpeg;
    }
    at += 2 + length;
  }
  throw std::runtime_error("no SOF in this JPEG");
}

Bytes WebpWithClaimedSize(Bytes webp, uint16_t width, uint16_t height) {
  if (std::string(webp.begin() + 12, webp.begin() + 16) != "VP8 ")
    throw std::runtime_error("not lossy");
  webp[26] = uint8_t(width);
  webp[27] = uint8_t((width >> 8) & 0x3F);
  webp[28] = uint8_t(height);
  webp[29] = uint8_t((height >> 8) & 0x3F);
  return webp;
}

Bytes Encode(const cv::Mat& image, const std::string& ext, int quality) {
  std::vector<int> params;
  if (ext == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
  if (ext == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, quality};
  Bytes out;
  if (!cv::imencode(ext, image, out, params)) throw std::runtime_error("cannot encode " + ext);
  return out;
}

Bytes Deflate(const std::string& text) {
  uLongf size = compressBound(uLong(text.size()));
  Bytes out(size);
  compress2(out.data(), &size, reinterpret_cast<const Bytef*>(text.data()), uLong(text.size()), 9);
  out.resize(size);
  return out;
}

Bytes PngInsertChunk(const Bytes& png, const std::string& type, const Bytes& data, int times) {
  Bytes chunk;
  AppendU32BE(chunk, uint32_t(data.size()));
  Append(chunk, type);
  Append(chunk, data);
  uint32_t crc = uint32_t(crc32(0, chunk.data() + 4, uInt(chunk.size() - 4)));
  AppendU32BE(chunk, crc);
  const size_t after_ihdr = 8 + 12 + 13;
  Bytes out(png.begin(), png.begin() + after_ihdr);
  out.reserve(png.size() + chunk.size() * size_t(times));
  for (int i = 0; i < times; ++i) Append(out, chunk);
  out.insert(out.end(), png.begin() + after_ihdr, png.end());
  return out;
}

Bytes PngText(const std::string& keyword, const std::string& text) {
  Bytes out(keyword.begin(), keyword.end());
  out.push_back(0);
  Append(out, text);
  return out;
}

Bytes PngCompressedText(const std::string& keyword, const std::string& text) {
  Bytes out(keyword.begin(), keyword.end());
  out.push_back(0);
  out.push_back(0);  // method: zlib
  Append(out, Deflate(text));
  return out;
}

Bytes PngInternationalText(const std::string& keyword, const std::string& text, bool compressed) {
  Bytes out(keyword.begin(), keyword.end());
  out.push_back(0);
  out.push_back(compressed ? 1 : 0);
  out.push_back(0);
  out.push_back(0);  // empty language tag
  out.push_back(0);  // empty translated keyword
  Append(out, compressed ? Deflate(text) : Bytes(text.begin(), text.end()));
  return out;
}

Bytes JpegInsertSegment(const Bytes& jpeg, uint8_t marker, const Bytes& payload) {
  if (payload.size() > 65533) throw std::runtime_error("a JPEG segment holds at most 65533 bytes");
  Bytes out = {0xFF, 0xD8, 0xFF, marker};
  uint16_t length = uint16_t(payload.size() + 2);
  out.push_back(uint8_t(length >> 8));
  out.push_back(uint8_t(length));
  Append(out, payload);
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

Bytes ExifApp1(const Bytes& tiff) {
  Bytes out = {'E', 'x', 'i', 'f', 0, 0};
  Append(out, tiff);
  return out;
}

Bytes XmpApp1(const std::string& xmp) {
  Bytes out;
  Append(out, std::string("http://ns.adobe.com/xap/1.0/"));
  out.push_back(0);
  Append(out, xmp);
  return out;
}

Bytes WebpWithChunks(const Bytes& webp, const std::vector<std::pair<std::string, Bytes>>& chunks) {
  // Canvas size from the VP8 or VP8L header of the simple file.
  uint32_t width = 0, height = 0;
  if (std::string(webp.begin() + 12, webp.begin() + 16) == "VP8 ") {
    width = (webp[26] | webp[27] << 8) & 0x3FFF;
    height = (webp[28] | webp[29] << 8) & 0x3FFF;
  } else {
    uint32_t bits = webp[21] | webp[22] << 8 | webp[23] << 16 | uint32_t(webp[24]) << 24;
    width = (bits & 0x3FFF) + 1;
    height = ((bits >> 14) & 0x3FFF) + 1;
  }
  uint8_t flags = 0;
  for (const auto& [fourcc, payload] : chunks) {
    if (fourcc == "EXIF") flags |= 0x08;
    if (fourcc == "XMP ") flags |= 0x04;
  }
  Bytes out = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X'};
  AppendU32LE(out, 10);
  out.push_back(flags);
  out.insert(out.end(), {0, 0, 0});
  for (uint32_t value : {width - 1, height - 1}) {
    out.push_back(uint8_t(value));
    out.push_back(uint8_t(value >> 8));
    out.push_back(uint8_t(value >> 16));
  }
  out.insert(out.end(), webp.begin() + 12, webp.end());
  for (const auto& [fourcc, payload] : chunks) {
    Append(out, fourcc);
    AppendU32LE(out, uint32_t(payload.size()));
    Append(out, payload);
    if (payload.size() % 2) out.push_back(0);
  }
  PutU32LE(out, 4, uint32_t(out.size() - 8));
  return out;
}

Bytes Tiff(const ExifSpec& spec) {
  // Layout: header (8), IFD0, Exif IFD, then the data area.
  std::vector<std::pair<uint16_t, std::pair<uint16_t, Bytes>>> ifd0, exif;
  if (!spec.make.empty()) ifd0.push_back({0x010F, {2, Ascii(spec.make)}});
  if (!spec.model.empty()) ifd0.push_back({0x0110, {2, Ascii(spec.model)}});
  if (spec.orientation != 0) ifd0.push_back({0x0112, {3, {uint8_t(spec.orientation), 0}}});
  if (!spec.software.empty()) ifd0.push_back({0x0131, {2, Ascii(spec.software)}});
  if (!spec.user_comment.empty()) {
    Bytes comment = {'U', 'N', 'I', 'C', 'O', 'D', 'E', 0};
    Append(comment, Utf16BE(spec.user_comment));
    exif.push_back({0x9286, {7, comment}});
  }
  bool has_exif = !exif.empty();
  size_t ifd0_size = 2 + 12 * (ifd0.size() + (has_exif ? 1 : 0)) + 4;
  size_t exif_size = has_exif ? 2 + 12 * exif.size() + 4 : 0;
  uint32_t exif_offset = uint32_t(8 + ifd0_size);
  uint32_t data_base = uint32_t(8 + ifd0_size + exif_size);
  Bytes data, first, second;
  AppendU16LE(first, uint16_t(ifd0.size() + (has_exif ? 1 : 0)));
  for (const auto& [tag, typed] : ifd0)
    Entry(first, data, data_base, tag, typed.first, typed.second);
  if (has_exif) {
    Bytes pointer;
    AppendU32LE(pointer, exif_offset);
    Entry(first, data, data_base, 0x8769, 4, pointer);
  }
  AppendU32LE(first, 0);
  if (has_exif) {
    AppendU16LE(second, uint16_t(exif.size()));
    for (const auto& [tag, typed] : exif)
      Entry(second, data, data_base, tag, typed.first, typed.second);
    AppendU32LE(second, 0);
  }
  Bytes out = {'I', 'I', 42, 0, 8, 0, 0, 0};
  Append(out, first);
  Append(out, second);
  Append(out, data);
  return out;
}

std::string XmpWithSourceType(const std::string& digital_source_type) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" "
         "xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" "
         "Iptc4xmpExt:DigitalSourceType=\"" +
         digital_source_type + "\"/>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

std::string XmpNamingExtension(const std::string& guid) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\" "
         "xmpNote:HasExtendedXMP=\"" +
         guid + "\"/>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

Bytes ExtendedXmpApp1(const std::string& guid, uint32_t full_length, uint32_t offset,
                      const std::string& chunk) {
  Bytes out;
  Append(out, std::string("http://ns.adobe.com/xmp/extension/"));
  out.push_back(0);
  Append(out, guid);
  AppendU32BE(out, full_length);
  AppendU32BE(out, offset);
  Append(out, chunk);
  return out;
}

std::vector<Bytes> ExtendedXmpApp1s(const std::string& guid, const std::string& packet,
                                    size_t chunk_bytes) {
  std::vector<Bytes> segments;
  for (size_t at = 0; at < packet.size(); at += chunk_bytes) {
    segments.push_back(ExtendedXmpApp1(guid, uint32_t(packet.size()), uint32_t(at),
                                       packet.substr(at, chunk_bytes)));
  }
  return segments;
}

Bytes C2paJumbf() {
  Bytes description;
  Append(description, std::string("jumd"));
  const uint8_t uuid[16] = {0x63, 0x32, 0x70, 0x61, 0x00, 0x11, 0x00, 0x10,
                            0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
  description.insert(description.end(), uuid, uuid + 16);
  description.push_back(0x03);  // toggles: requestable, label present
  Append(description, std::string("c2pa"));
  description.push_back(0);
  Bytes box;
  AppendU32BE(box, uint32_t(8 + 4 + description.size()));
  Append(box, std::string("jumb"));
  AppendU32BE(box, uint32_t(4 + description.size()));
  Append(box, description);
  return box;
}

Bytes C2paApp11() {
  Bytes out;
  Append(out, std::string("JP"));
  AppendU16LE(out, 1);  // instance (any value)
  AppendU32BE(out, 1);  // sequence number of this segment
  Append(out, C2paJumbf());
  return out;
}

}  // namespace poster::synth
