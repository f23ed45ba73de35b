// Probe: everything that can be known and refused before a decoder allocates.
#include "ingest/probe.h"

#include <cmath>
#include <cstdio>

namespace poster::ingest {
namespace {

std::string Size(int width, int height) {
  return std::to_string(width) + "\xC3\x97" + std::to_string(height);  // U+00D7 ×
}

std::string OneDecimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string Megapixels(double pixels) { return OneDecimal(pixels / 1e6); }

std::vector<Detail> SizeDetails(const ImageInfo& info) {
  return {{"width", std::to_string(info.width)}, {"height", std::to_string(info.height)}};
}

Status CheckTooLarge(const ImageInfo& info, const Limits& limits) {
  double pixels = double(info.width) * info.height;
  if (info.width <= limits.max_side && info.height <= limits.max_side &&
      pixels <= limits.max_pixels) {
    return Status::Ok();
  }
  auto details = SizeDetails(info);
  details.push_back({"megapixels", Megapixels(pixels)});
  details.push_back({"max_side", std::to_string(limits.max_side)});
  details.push_back({"max_megapixels", Megapixels(double(limits.max_pixels))});
  return Status(std::string(kDimensionsTooLarge),
                "The poster is " + Size(info.width, info.height) + " pixels (" +
                    Megapixels(pixels) + " megapixels); the limit is " +
                    std::to_string(limits.max_side) + " pixels a side and " +
                    Megapixels(double(limits.max_pixels)) +
                    " megapixels. Export it smaller, for example 2480\xC3\x97"
                    "3508 (A4 at 300 dpi).",
                std::move(details));
}

Status CheckTooSmall(const ImageInfo& info, const Limits& limits) {
  if (std::min(info.width, info.height) >= limits.min_short_side) return Status::Ok();
  auto details = SizeDetails(info);
  details.push_back({"min_short_side", std::to_string(limits.min_short_side)});
  return Status(std::string(kDimensionsTooSmall),
                "The poster is " + Size(info.width, info.height) +
                    " pixels; its shorter side must be at least " +
                    std::to_string(limits.min_short_side) +
                    " pixels to print well. Export it at a higher resolution.",
                std::move(details));
}

Status CheckAspect(const ImageInfo& info, const Limits& limits) {
  double aspect = double(info.width) / info.height;
  constexpr double kSlack = 1e-9;
  if (aspect >= limits.min_aspect - kSlack && aspect <= limits.max_aspect + kSlack) {
    return Status::Ok();
  }
  std::string shape = info.width > info.height ? "landscape" : "a tall strip";
  auto details = SizeDetails(info);
  details.push_back({"shape", info.width > info.height ? "landscape" : "tall"});
  details.push_back({"aspect", FormatRatio(aspect)});
  details.push_back({"min_aspect", FormatRatio(limits.min_aspect)});
  details.push_back({"max_aspect", FormatRatio(limits.max_aspect)});
  return Status(std::string(kAspectRatio),
                "The poster is " + Size(info.width, info.height) + " (" + shape +
                    "); this contest accepts portrait or square posters (width/height " +
                    FormatRatio(limits.min_aspect) + "\xE2\x80\x93" +
                    FormatRatio(limits.max_aspect) + ").",
                std::move(details));
}

Status CheckScans(const Container& container, const Limits& limits) {
  if (container.scans <= limits.max_jpeg_scans) return Status::Ok();
  return Status(std::string(kTooManyScans),
                "This progressive JPEG has " + std::to_string(container.scans) +
                    " scans; at most " + std::to_string(limits.max_jpeg_scans) +
                    " are accepted (encoders write about 10), because each scan makes decoding "
                    "slower. Save it again as a baseline JPEG, or as PNG or WebP.",
                {{"scans", std::to_string(container.scans)},
                 {"max_scans", std::to_string(limits.max_jpeg_scans)}});
}

}  // namespace

std::string FormatRatio(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  while (out.size() > 3 && out.back() == '0' && out[out.size() - 2] != '.') out.pop_back();
  return out;
}

Result<Inspection> Inspect(Bytes bytes, const Limits& limits, size_t max_text) {
  if (bytes.empty()) return EmptyFile();
  if (int64_t(bytes.size()) > limits.max_bytes)
    return FileTooLarge(int64_t(bytes.size()), limits.max_bytes);
  POSTER_ASSIGN_OR_RETURN(Container container, ReadContainer(bytes));
  Inspection out{std::move(container), {}, {}};
  if (out.container.animated) {
    return Status(std::string(kAnimated),
                  "Animated images are not accepted; export a single frame as PNG, JPEG or WebP.");
  }
  POSTER_RETURN_IF_ERROR(CheckScans(out.container, limits));
  out.exif = ReadExif(out.container.exif, max_text);
  ImageInfo& info = out.info;
  info.format = out.container.format;
  info.stored_width = out.container.width;
  info.stored_height = out.container.height;
  info.orientation = out.exif.orientation;
  bool swapped = info.orientation >= 5;
  info.width = swapped ? info.stored_height : info.stored_width;
  info.height = swapped ? info.stored_width : info.stored_height;
  info.image_end = out.container.image_end;
  POSTER_RETURN_IF_ERROR(CheckTooLarge(info, limits));
  POSTER_RETURN_IF_ERROR(CheckTooSmall(info, limits));
  POSTER_RETURN_IF_ERROR(CheckAspect(info, limits));
  return out;
}

Result<ImageInfo> Probe(const std::vector<uint8_t>& bytes, const Limits& limits) {
  POSTER_ASSIGN_OR_RETURN(Inspection inspection, Inspect(bytes, limits, 0));
  return inspection.info;
}

}  // namespace poster::ingest
