// Provenance markers, one reader per place where generators leave them.
#include "ingest/provenance.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "base/text.h"

namespace poster::ingest {
namespace {

constexpr size_t kDetailBytes = 300;

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) AppendUtf8(out, c);
  return out;
}

// One line, at most kDetailBytes, cut on a UTF-8 boundary.
std::string Shorten(std::string_view text) {
  std::string out;
  for (char c : text) out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  if (out.size() <= kDetailBytes) return out;
  return std::string(CutUtf8(out, kDetailBytes)) + "\xE2\x80\xA6";  // …
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Collector {
 public:
  explicit Collector(size_t max_text) : max_text_(max_text) {}

  // Keeps a marker unless the same one is there already or kMaxMarkers are.
  void Add(std::string source, std::string_view detail) {
    Marker marker{std::move(source), Shorten(detail)};
    auto same = [&](const Marker& kept) {
      return kept.source == marker.source && kept.detail == marker.detail;
    };
    if (std::any_of(report_.markers.begin(), report_.markers.end(), same)) {
      ++merged_;
    } else if (report_.markers.size() >= kMaxMarkers) {
      ++dropped_;
    } else {
      report_.markers.push_back(std::move(marker));
    }
  }

  std::string Decode(const TextChunk& chunk) {
    std::string text;
    if (chunk.compressed) {
      bool cut = false;
      text = InflateBounded(chunk.payload, max_text_, cut);
      report_.truncated = report_.truncated || cut;
    } else {
      text = std::string(AsText(chunk.payload.first(std::min(chunk.payload.size(), max_text_))));
      report_.truncated = report_.truncated || chunk.payload.size() > max_text_;
    }
    return chunk.utf8 ? text : Latin1ToUtf8(text);
  }

  void NoteTruncated() { report_.truncated = true; }
  size_t max_text() const { return max_text_; }
  ProvenanceReport Take() {
    if (merged_ + dropped_ > 0) {
      report_.markers.push_back({"omitted", std::to_string(merged_) + " repeated markers merged, " +
                                                std::to_string(dropped_) +
                                                " more dropped (at most " +
                                                std::to_string(kMaxMarkers) + " are kept)"});
    }
    return std::move(report_);
  }

 private:
  size_t max_text_;
  ProvenanceReport report_;
  size_t merged_ = 0;
  size_t dropped_ = 0;
};

// Keywords that generators write into PNG text chunks, and who writes them.
bool IsGeneratorKeyword(std::string_view keyword) {
  static constexpr std::array<std::string_view, 6> kKeywords = {
      "parameters",  // AUTOMATIC1111, Forge
      "prompt",      // ComfyUI API graph
      "workflow",    // ComfyUI UI graph
      "invokeai_metadata",
      "sd-metadata",
      "Dream"};  // InvokeAI
  return std::find(kKeywords.begin(), kKeywords.end(), keyword) != kKeywords.end();
}

void ReadXmp(std::string_view xmp, Collector& out) {
  std::string source_type = DigitalSourceType(xmp);
  if (!source_type.empty()) out.Add("xmp:DigitalSourceType", source_type);
  size_t tool = xmp.find("CreatorTool");
  if (tool != std::string_view::npos) {
    std::string_view rest = xmp.substr(tool, 200);
    size_t start = rest.find_first_of("\">");
    size_t end = start == std::string_view::npos ? start : rest.find_first_of("\"<", start + 1);
    if (end != std::string_view::npos) {
      std::string_view value = rest.substr(start + 1, end - start - 1);
      if (NamesAiTool(value)) out.Add("xmp:CreatorTool", value);
    }
  }
}

void ReadExtendedXmp(const Container& container, std::string_view guid, Collector& out) {
  if (guid.empty()) return;
  bool cut = false;
  std::string packet = ReassembleExtendedXmp(container.extended_xmp, guid, out.max_text(), cut);
  if (cut) out.NoteTruncated();
  ReadXmp(packet, out);
}

void ReadPngTexts(const Container& container, Collector& out) {
  bool novelai = false;
  for (const TextChunk& chunk : container.texts) {
    std::string text = out.Decode(chunk);
    if (chunk.keyword == "XML:com.adobe.xmp") {
      ReadXmp(text, out);
    } else if (IsGeneratorKeyword(chunk.keyword)) {
      out.Add("png:" + chunk.keyword, text);
    } else if (chunk.keyword == "Software" && NamesAiTool(text)) {
      novelai = novelai || Lower(text).find("novelai") != std::string::npos;
      out.Add("png:Software", text);
    } else if (chunk.keyword == "Description" && text.find("Job ID:") != std::string::npos) {
      out.Add("png:Description", text);  // Midjourney ends its description so
    } else if (chunk.keyword == "Comment" && novelai) {
      out.Add("png:Comment", text);  // NovelAI's generation settings, as JSON
    }
  }
}

void ReadExifMarkers(const ExifFields& exif, Collector& out) {
  if (NamesAiTool(exif.software)) out.Add("exif:Software", exif.software);
  const std::string& comment = exif.user_comment;
  if (comment.find("Steps:") != std::string::npos &&
      (comment.find("Sampler:") != std::string::npos ||
       comment.find("Seed:") != std::string::npos)) {
    out.Add("exif:UserComment", comment);  // AUTOMATIC1111 / Forge in JPEG and WebP
  }
  if (exif.model.rfind("prompt:", 0) == 0) out.Add("exif:Model", exif.model);  // ComfyUI WebP
  if (exif.make.rfind("workflow:", 0) == 0) out.Add("exif:Make", exif.make);
  if (exif.software.size() >= out.max_text() || comment.size() >= out.max_text())
    out.NoteTruncated();
}

}  // namespace

bool NamesAiTool(std::string_view text) {
  static constexpr std::array<std::string_view, 24> kTools = {"midjourney",
                                                              "dall-e",
                                                              "dall\xC2\xB7"
                                                              "e",
                                                              "dalle",
                                                              "openai",
                                                              "chatgpt",
                                                              "firefly",
                                                              "stable diffusion",
                                                              "stablediffusion",
                                                              "sdxl",
                                                              "novelai",
                                                              "comfyui",
                                                              "invokeai",
                                                              "automatic1111",
                                                              "fooocus",
                                                              "leonardo.ai",
                                                              "ideogram",
                                                              "imagen",
                                                              "gemini",
                                                              "flux",
                                                              "krea",
                                                              "karlo",
                                                              "wrtn",
                                                              "image creator"};
  std::string lower = Lower(text);
  return std::any_of(kTools.begin(), kTools.end(),
                     [&](std::string_view tool) { return lower.find(tool) != std::string::npos; });
}

std::string DigitalSourceType(std::string_view xmp) {
  static constexpr std::string_view kVocabulary = "cv.iptc.org/newscodes/digitalsourcetype/";
  for (size_t at = xmp.find("DigitalSourceType"); at != std::string_view::npos;
       at = xmp.find("DigitalSourceType", at + 1)) {
    std::string_view window = xmp.substr(at, 400);
    size_t start = window.find(kVocabulary);
    if (start == std::string_view::npos) continue;
    size_t code_start = start + kVocabulary.size();
    size_t code_end = window.find_first_of("\"'< \t\r\n", code_start);
    std::string_view code = window.substr(code_start, code_end - code_start);
    if (code == "trainedAlgorithmicMedia" || code == "compositeWithTrainedAlgorithmicMedia") {
      size_t scheme = window.rfind("http", start);
      return std::string(window.substr(scheme, code_end - scheme));
    }
  }
  return {};
}

std::string InflateBounded(Bytes compressed, size_t max_out, bool& truncated) {
  truncated = false;
  std::string out;
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return out;
  stream.next_in = const_cast<Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(std::min<size_t>(compressed.size(), 0xFFFFFFFFu));
  std::array<char, 16384> buffer;
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
    stream.avail_out = static_cast<uInt>(buffer.size());
    result = inflate(&stream, Z_NO_FLUSH);
    size_t produced = buffer.size() - stream.avail_out;
    if (out.size() + produced > max_out) {
      out.append(buffer.data(), max_out - out.size());
      truncated = true;
      break;
    }
    out.append(buffer.data(), produced);
    if (produced == 0 && result == Z_BUF_ERROR) break;
  }
  inflateEnd(&stream);
  return out;
}

ProvenanceReport ReadProvenance(const Inspection& inspection, size_t max_text) {
  Collector out(max_text);
  const Container& container = inspection.container;
  ReadPngTexts(container, out);
  ReadExifMarkers(inspection.exif, out);
  for (Bytes xmp : container.xmp) {
    std::string_view main = AsText(xmp.first(std::min(xmp.size(), max_text)));
    ReadXmp(main, out);
    ReadExtendedXmp(container, ExtendedXmpGuid(main), out);
  }
  if (container.c2pa) out.Add("c2pa", "C2PA manifest present (signature not verified)");
  return out.Take();
}

}  // namespace poster::ingest
