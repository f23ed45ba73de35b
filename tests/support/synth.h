// Synthetic posters and hand-made file structures, for tests, the sample
// posters and the benchmark corpus. Everything here is deterministic: the same
// spec gives the same pixels and the same bytes.
#pragma once

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace poster::synth {

using Bytes = std::vector<uint8_t>;

struct PosterSpec {
  int width = 1240;
  int height = 1754;
  uint32_t seed = 1;
  std::string title = "AI로 여는 시민행복";
  std::string subtitle = "2026 AI 혁신 포스터 공모전";
  std::vector<std::string> lines = {"시민과 함께 만드는 스마트 행정", "민원 처리 시간 40% 단축"};
  std::optional<std::string> qr_payload;  // drawn bottom right, about a fifth of the width
  bool artwork = true;                    // a painterly "generated image" area
  // Detail as generated illustrations have it: artwork over most of the poster,
  // texture at several scales and a fine grain. The benchmark corpus uses it.
  bool rich = false;
};

// Draws a poster: gradient, artwork, Korean text in NanumGothic, optional QR.
cv::Mat DrawPoster(const PosterSpec& spec);

// Encodes with OpenCV: ext is ".png", ".jpg" or ".webp".
Bytes Encode(const cv::Mat& image, const std::string& ext, int quality = 90);

// ---- PNG ----
// Inserts a chunk right after IHDR (CRC computed), `times` times over.
Bytes PngInsertChunk(const Bytes& png, const std::string& type, const Bytes& data, int times = 1);
Bytes PngText(const std::string& keyword, const std::string& text);            // tEXt data
Bytes PngCompressedText(const std::string& keyword, const std::string& text);  // zTXt data
Bytes PngInternationalText(const std::string& keyword, const std::string& text, bool compressed);

// ---- JPEG ----
// Inserts a segment right after SOI.
Bytes JpegInsertSegment(const Bytes& jpeg, uint8_t marker, const Bytes& payload);
Bytes ExifApp1(const Bytes& tiff);  // "Exif\0\0" + tiff
Bytes XmpApp1(const std::string& xmp);
// A progressive JPEG written by libjpeg with exactly `scans` scans (1-2080): one
// DC scan, then single-coefficient AC scans with successive approximation.
Bytes EncodeJpegWithScans(const cv::Mat& bgr, int scans, int quality = 90);
// The number of SOS markers (a scan's header) in `jpeg`.
int CountJpegScans(const Bytes& jpeg);

// ---- WebP ----
// Turns a simple WebP into the extended format and appends `chunks` (fourcc,
// payload), setting the VP8X flags for EXIF and XMP.
Bytes WebpWithChunks(const Bytes& webp, const std::vector<std::pair<std::string, Bytes>>& chunks);

// ---- metadata payloads ----
struct ExifSpec {
  int orientation = 0;  // 0: no tag
  std::string software;
  std::string make;
  std::string model;
  std::string user_comment;  // written as "UNICODE\0" + UTF-16BE, as AUTOMATIC1111 does
};
Bytes Tiff(const ExifSpec& spec);  // little-endian TIFF with IFD0 and an Exif IFD
std::string XmpWithSourceType(const std::string& digital_source_type);
// A main XMP packet that names an Extended XMP packet by its GUID, as Photoshop
// writes once XMP passes 64 KB.
std::string XmpNamingExtension(const std::string& guid);
// Adobe Extended XMP APP1 payloads ("http://ns.adobe.com/xmp/extension/\0", the
// 32-digit GUID, full length and offset as u32 BE, the chunk) carrying `packet`
// in chunks of at most `chunk_bytes`.
std::vector<Bytes> ExtendedXmpApp1s(const std::string& guid, const std::string& packet,
                                    size_t chunk_bytes);
// One such payload with the fields given as they are (for malformed ones).
Bytes ExtendedXmpApp1(const std::string& guid, uint32_t full_length, uint32_t offset,
                      const std::string& chunk);
Bytes C2paJumbf();  // a minimal JUMBF superbox with a C2PA description box
Bytes C2paApp11();  // the same as a JPEG APP11 payload ("JP", instance, sequence, box)
Bytes Deflate(const std::string& text);

// Rewrite the dimensions a header claims, leaving the pixel data as it was
// (the PNG IHDR CRC is recomputed, so only the size is a lie).
Bytes PngWithClaimedSize(Bytes png, uint32_t width, uint32_t height);
Bytes JpegWithClaimedSize(Bytes jpeg, uint16_t width, uint16_t height);
Bytes WebpWithClaimedSize(Bytes webp, uint16_t width, uint16_t height);  // simple lossy only

// Big-endian helpers for crafting headers.
void PutU32BE(Bytes& bytes, size_t at, uint32_t value);
void PutU16BE(Bytes& bytes, size_t at, uint16_t value);

}  // namespace poster::synth
