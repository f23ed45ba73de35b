// C2PA manifest stores are JUMBF superboxes whose description box carries the
// C2PA type UUID. Recognised by structure: an XMP reference to a manifest, or the
// word "c2pa" in some text, is not a manifest.
#include "ingest/container.h"

namespace poster::ingest {
namespace {

using namespace std::string_view_literals;

// 63327061-0011-0010-8000-00AA00389B71: "c2pa" followed by the JUMBF suffix.
constexpr std::string_view kC2paUuid = "c2pa\x00\x11\x00\x10\x80\x00\x00\xAA\x00\x38\x9B\x71"sv;
constexpr size_t kBoxHeader = 8;        // LBox, TBox
constexpr size_t kDescriptionMin = 25;  // header, 16-byte type, toggles

}  // namespace

bool IsC2paManifestStore(Bytes box) {
  if (box.size() < kBoxHeader || !HasAt(box, 4, "jumb")) return false;
  uint32_t length = U32BE(box, 0);
  size_t header = length == 1 ? kBoxHeader + 8 : kBoxHeader;  // 1: a 64-bit XLBox follows
  if (length != 0 && length != 1 && length < kBoxHeader + kDescriptionMin) return false;
  if (box.size() < header + kDescriptionMin) return false;
  Bytes description = box.subspan(header);
  if (!HasAt(description, 4, "jumd") || U32BE(description, 0) < kDescriptionMin) return false;
  return HasAt(description, kBoxHeader, kC2paUuid);
}

}  // namespace poster::ingest
