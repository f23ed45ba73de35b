// A bounded reader of the TIFF structure inside EXIF: IFD0 and the Exif IFD only,
// every offset checked, no IFD read twice.
#include "ingest/exif.h"

#include <algorithm>

#include "base/text.h"

namespace poster::ingest {
namespace {

using namespace std::string_view_literals;

constexpr uint16_t kOrientation = 0x0112, kSoftware = 0x0131, kMake = 0x010F, kModel = 0x0110,
                   kDescription = 0x010E, kArtist = 0x013B, kExifIfd = 0x8769,
                   kUserComment = 0x9286;
constexpr int kMaxEntries = 1024;

class TiffReader {
 public:
  TiffReader(Bytes tiff, size_t max_text) : tiff_(tiff), max_text_(max_text) {
    big_endian_ = HasAt(tiff, 0, "MM\0*"sv);
    valid_ = big_endian_ || HasAt(tiff, 0, "II*\0"sv);
  }

  ExifFields Read() {
    ExifFields fields;
    if (!valid_ || tiff_.size() < 8) return fields;
    uint32_t exif_ifd = 0;
    ReadIfd(U32(4), fields, &exif_ifd);
    if (exif_ifd != 0 && exif_ifd != U32(4)) ReadIfd(exif_ifd, fields, nullptr);
    return fields;
  }

 private:
  uint16_t U16(size_t at) const { return big_endian_ ? U16BE(tiff_, at) : U16LE(tiff_, at); }
  uint32_t U32(size_t at) const { return big_endian_ ? U32BE(tiff_, at) : U32LE(tiff_, at); }

  // The bytes of an entry's value: inline when four bytes or fewer, else at its offset.
  Bytes Value(size_t entry, size_t unit) const {
    uint64_t size = uint64_t{U32(entry + 4)} * unit;
    if (size <= 4) return Slice(tiff_, entry + 8, size);
    return Slice(tiff_, U32(entry + 8), size);
  }

  std::string Text(Bytes value) const {
    std::string_view text = AsText(value.first(std::min(value.size(), max_text_)));
    return std::string(text.substr(0, text.find('\0')));
  }

  std::string Comment(Bytes value) const {
    if (value.size() < 8) return {};
    Bytes text = value.subspan(8, std::min(value.size() - 8, max_text_));
    if (HasAt(value, 0, "UNICODE\0"sv)) {
      // Byte order is not fixed by the standard: the zeros of ASCII text tell.
      size_t even_zeros = 0, odd_zeros = 0;
      for (size_t i = 0; i < std::min<size_t>(text.size(), 256); ++i) {
        (i % 2 == 0 ? even_zeros : odd_zeros) += text[i] == 0;
      }
      return Utf16ToUtf8(text, even_zeros >= odd_zeros);
    }
    if (HasAt(value, 0, "JIS\0\0\0\0\0"sv)) return {};
    return Text(text);
  }

  void ReadIfd(uint32_t offset, ExifFields& fields, uint32_t* exif_ifd) {
    if (offset < 8 || offset > tiff_.size() || tiff_.size() - offset < 2) return;
    int count = std::min<int>(U16(offset), kMaxEntries);
    for (int i = 0; i < count; ++i) {
      size_t entry = offset + 2 + size_t(i) * 12;
      if (entry + 12 > tiff_.size()) return;
      uint16_t tag = U16(entry), type = U16(entry + 2);
      if (tag == kOrientation && type == 3) {
        int value = U16(entry + 8);
        if (value >= 1 && value <= 8) fields.orientation = value;
      } else if (tag == kExifIfd && exif_ifd != nullptr && (type == 4 || type == 13)) {
        *exif_ifd = U32(entry + 8);
      } else if (tag == kUserComment && type == 7) {
        fields.user_comment = Comment(Value(entry, 1));
      } else if (type == 2 || type == 7) {
        ReadTextTag(tag, Value(entry, 1), fields);
      }
    }
  }

  void ReadTextTag(uint16_t tag, Bytes value, ExifFields& fields) const {
    std::string* target = tag == kSoftware      ? &fields.software
                          : tag == kMake        ? &fields.make
                          : tag == kModel       ? &fields.model
                          : tag == kDescription ? &fields.description
                          : tag == kArtist      ? &fields.artist
                                                : nullptr;
    if (target != nullptr) *target = Text(value);
  }

  Bytes tiff_;
  size_t max_text_;
  bool big_endian_ = false;
  bool valid_ = false;
};

}  // namespace

ExifFields ReadExif(Bytes tiff, size_t max_text) { return TiffReader(tiff, max_text).Read(); }

std::string Utf16ToUtf8(Bytes text, bool big_endian) {
  std::string out;
  auto unit = [&](size_t i) { return big_endian ? U16BE(text, i) : U16LE(text, i); };
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    uint32_t code = unit(i);
    if (code == 0) break;
    if (code >= 0xD800 && code <= 0xDBFF && i + 3 < text.size()) {
      uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else {
        code = 0xFFFD;
      }
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      code = 0xFFFD;
    }
    AppendUtf8(out, code);
  }
  return out;
}

}  // namespace poster::ingest
