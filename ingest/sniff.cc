// Format sniffing from magic bytes: the only way poster decides what a file is.
#include <cctype>
#include <string>

#include "ingest/container.h"

namespace poster::ingest {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1A\n"sv;

struct Known {
  size_t offset;
  std::string_view magic;
  std::string_view name;
};

// Formats people upload by mistake, named so the message can say what it was.
constexpr Known kOthers[] = {
    {0, "GIF87a"sv, "GIF"},
    {0, "GIF89a"sv, "GIF"},
    {0, "BM"sv, "BMP"},
    {0, "II*\0"sv, "TIFF"},
    {0, "MM\0*"sv, "TIFF"},
    {0, "%PDF"sv, "PDF"},
    {4, "ftypheic"sv, "HEIC"},
    {4, "ftypheix"sv, "HEIC"},
    {4, "ftypmif1"sv, "HEIF"},
    {4, "ftypavif"sv, "AVIF"},
    {0, "\0\0\0\x0CjP  "sv, "JPEG 2000"},
    {0, "\xFF\x4F\xFF\x51"sv, "JPEG 2000"},
    {0, "\xFF\x0A"sv, "JPEG XL"},
    {0, "\0\0\0\x0CJXL "sv, "JPEG XL"},
    {0, "8BPS"sv, "Photoshop (PSD)"},
    {0, "PK\3\4"sv, "ZIP"},
    {0, "\x76\x2F\x31\x01"sv, "OpenEXR"},
    {0, "\0\0\1\0"sv, "ICO"},
    {128, "DICM"sv, "DICOM"},
    {0, "RIFF"sv, "RIFF (not WebP)"},
};

bool StartsWithText(Bytes bytes, std::string_view tag) {
  size_t at = HasAt(bytes, 0, "\xEF\xBB\xBF") ? 3 : 0;
  while (at < bytes.size() &&
         (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\r' || bytes[at] == '\n')) {
    ++at;
  }
  if (bytes.size() - at < tag.size()) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    if (std::tolower(bytes[at + i]) != tag[i]) return false;
  }
  return true;
}

std::string_view NameOther(Bytes bytes) {
  for (const auto& known : kOthers) {
    if (HasAt(bytes, known.offset, known.magic)) return known.name;
  }
  if (StartsWithText(bytes, "<svg")) return "SVG";
  if (StartsWithText(bytes, "<!doctype html") || StartsWithText(bytes, "<html")) return "HTML";
  if (StartsWithText(bytes, "<?xml")) return "XML";
  return {};
}

// A PNG signature with a byte or two changed, as text-mode transfers do.
bool LooksLikeDamagedPng(Bytes bytes) {
  if (bytes.size() < kPngSignature.size()) return false;
  if (HasAt(bytes, 1, "PNG")) return true;
  int same = 0;
  for (size_t i = 0; i < kPngSignature.size(); ++i) {
    same += bytes[i] == static_cast<uint8_t>(kPngSignature[i]);
  }
  return bytes[0] == 0x89 && same >= 5;
}

}  // namespace

Result<Format> Sniff(Bytes bytes) {
  if (HasAt(bytes, 0, kPngSignature)) return Format::kPng;
  if (HasAt(bytes, 0, "\xFF\xD8\xFF")) return Format::kJpeg;
  if (HasAt(bytes, 0, "RIFF") && HasAt(bytes, 8, "WEBP")) return Format::kWebp;
  if (LooksLikeDamagedPng(bytes)) {
    return Corrupt(Format::kPng, "bad_signature",
                   "its signature was altered, as a text-mode transfer does");
  }
  std::string_view other = NameOther(bytes);
  std::string kind = other.empty() ? std::string("unknown") : std::string(other);
  std::string what = other.empty() ? std::string("This file is not an image poster can read")
                                   : "This file is " + kind;
  return Status(std::string(kUnsupportedFormat),
                what + "; posters must be PNG, JPEG or WebP. Save or export it as one of those.",
                {{"kind", kind}});
}

Result<Container> ReadContainer(Bytes bytes) {
  POSTER_ASSIGN_OR_RETURN(Format format, Sniff(bytes));
  switch (format) {
    case Format::kPng:
      return ReadPngContainer(bytes);
    case Format::kJpeg:
      return ReadJpegContainer(bytes);
    case Format::kWebp:
      return ReadWebpContainer(bytes);
  }
  return Corrupt(format, "bad_structure", "its format is not handled");
}

}  // namespace poster::ingest
